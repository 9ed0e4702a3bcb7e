using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Parse.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObservationOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_paper_sources",
                schema: "parse",
                table: "paper_sources");

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                schema: "parse",
                table: "papers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "fetched_at",
                schema: "parse",
                table: "paper_sources",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "observed_at",
                schema: "parse",
                table: "paper_sources",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Views kept before observations were timed: their last sighting stands for both times; every stored
            // paper has been passed on once.
            migrationBuilder.Sql("UPDATE parse.paper_sources SET observed_at = last_seen_at, fetched_at = last_seen_at;");
            migrationBuilder.Sql("UPDATE parse.papers SET sequence = 1;");

            migrationBuilder.AddPrimaryKey(
                name: "pk_paper_sources",
                schema: "parse",
                table: "paper_sources",
                columns: new[] { "paper_id", "source_id", "format" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_paper_sources",
                schema: "parse",
                table: "paper_sources");

            migrationBuilder.DropColumn(
                name: "sequence",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "fetched_at",
                schema: "parse",
                table: "paper_sources");

            migrationBuilder.DropColumn(
                name: "observed_at",
                schema: "parse",
                table: "paper_sources");

            migrationBuilder.AddPrimaryKey(
                name: "pk_paper_sources",
                schema: "parse",
                table: "paper_sources",
                columns: new[] { "paper_id", "source_id" });
        }
    }
}
