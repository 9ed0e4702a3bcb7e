using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Classify.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FullEnrichment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "enrichment",
                schema: "classify",
                table: "enrichments",
                type: "jsonb",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "enrichment",
                schema: "classify",
                table: "enrichments");
        }
    }
}
