using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Classify.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObservationOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "paper_sequence",
                schema: "classify",
                table: "enrichments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "paper_sequence",
                schema: "classify",
                table: "enrichments");
        }
    }
}
