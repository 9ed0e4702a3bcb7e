using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Publish.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RevisionsAndParseSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_fetched_at",
                schema: "publish",
                table: "papers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "parse_sequence",
                schema: "publish",
                table: "papers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "revisions",
                schema: "publish",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    changes = table.Column<string[]>(type: "text[]", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fetched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parsed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    trace_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revisions", x => new { x.paper_id, x.revision });
                });

            migrationBuilder.CreateIndex(
                name: "ix_papers_first_published_at",
                schema: "publish",
                table: "papers",
                column: "first_published_at");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_published_at",
                schema: "publish",
                table: "revisions",
                column: "published_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revisions",
                schema: "publish");

            migrationBuilder.DropIndex(
                name: "ix_papers_first_published_at",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "first_fetched_at",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "parse_sequence",
                schema: "publish",
                table: "papers");
        }
    }
}
