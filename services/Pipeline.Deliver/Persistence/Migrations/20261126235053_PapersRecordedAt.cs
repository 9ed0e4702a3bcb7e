using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Deliver.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PapersRecordedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "recorded_at",
                schema: "deliver",
                table: "papers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Rows recorded before this column existed: their event time is the best estimate of when they arrived.
            migrationBuilder.Sql("UPDATE deliver.papers SET recorded_at = last_event_at");

            migrationBuilder.CreateIndex(
                name: "ix_papers_recorded_at",
                schema: "deliver",
                table: "papers",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_recorded_at",
                schema: "deliver",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                schema: "deliver",
                table: "papers");
        }
    }
}
