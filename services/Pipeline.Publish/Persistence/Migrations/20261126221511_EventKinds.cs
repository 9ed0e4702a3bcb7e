using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Publish.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                schema: "publish",
                table: "papers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "published");

            migrationBuilder.AddColumn<string>(
                name: "material_hash",
                schema: "publish",
                table: "papers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "related",
                schema: "publish",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    related = table.Column<string>(type: "jsonb", nullable: false),
                    model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related", x => x.paper_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "related",
                schema: "publish");

            migrationBuilder.DropColumn(
                name: "kind",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "material_hash",
                schema: "publish",
                table: "papers");
        }
    }
}
