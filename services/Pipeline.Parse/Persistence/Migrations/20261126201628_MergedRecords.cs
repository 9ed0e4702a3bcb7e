using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Parse.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MergedRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "categories",
                schema: "parse",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "comments",
                schema: "parse",
                table: "papers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "dois",
                schema: "parse",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "journal_ref",
                schema: "parse",
                table: "papers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "license",
                schema: "parse",
                table: "papers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "links",
                schema: "parse",
                table: "papers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string[]>(
                name: "other_classifications",
                schema: "parse",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "primary_category",
                schema: "parse",
                table: "papers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provenance",
                schema: "parse",
                table: "papers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string[]>(
                name: "sources",
                schema: "parse",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated",
                schema: "parse",
                table: "papers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "versions",
                schema: "parse",
                table: "papers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "withdrawn",
                schema: "parse",
                table: "papers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "paper_sources",
                schema: "parse",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "text", nullable: false),
                    source_id = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "text", nullable: false),
                    record = table.Column<string>(type: "jsonb", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_sources", x => new { x.paper_id, x.source_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_paper_sources_source_id",
                schema: "parse",
                table: "paper_sources",
                column: "source_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_sources",
                schema: "parse");

            migrationBuilder.DropColumn(
                name: "categories",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "comments",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "dois",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "journal_ref",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "license",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "links",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "other_classifications",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "primary_category",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "provenance",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "sources",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "updated",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "versions",
                schema: "parse",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "withdrawn",
                schema: "parse",
                table: "papers");
        }
    }
}
