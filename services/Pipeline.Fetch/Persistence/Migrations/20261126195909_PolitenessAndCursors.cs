using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Fetch.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PolitenessAndCursors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cursor",
                schema: "fetcher",
                table: "sources",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "paused",
                schema: "fetcher",
                table: "sources",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "host_budgets",
                schema: "fetcher",
                columns: table => new
                {
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    tokens = table.Column<double>(type: "double precision", nullable: false),
                    capacity = table.Column<double>(type: "double precision", nullable: false),
                    refill_per_second = table.Column<double>(type: "double precision", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_host_budgets", x => x.host);
                });

            migrationBuilder.CreateTable(
                name: "http_validators",
                schema: "fetcher",
                columns: table => new
                {
                    url = table.Column<string>(type: "text", nullable: false),
                    etag = table.Column<string>(type: "text", nullable: true),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_http_validators", x => x.url);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "host_budgets",
                schema: "fetcher");

            migrationBuilder.DropTable(
                name: "http_validators",
                schema: "fetcher");

            migrationBuilder.DropColumn(
                name: "cursor",
                schema: "fetcher",
                table: "sources");

            migrationBuilder.DropColumn(
                name: "paused",
                schema: "fetcher",
                table: "sources");
        }
    }
}
