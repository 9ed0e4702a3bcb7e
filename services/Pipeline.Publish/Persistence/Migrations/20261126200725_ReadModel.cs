using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Pipeline.Publish.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "abstract",
                schema: "publish",
                table: "papers",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "authors",
                schema: "publish",
                table: "papers",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string[]>(
                name: "base_models",
                schema: "publish",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "benchmarks",
                schema: "publish",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search",
                schema: "publish",
                table: "papers",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "title", "abstract" });

            migrationBuilder.AddColumn<string[]>(
                name: "source_ids",
                schema: "publish",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.CreateIndex(
                name: "ix_papers_base_models",
                schema: "publish",
                table: "papers",
                column: "base_models")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_papers_benchmarks",
                schema: "publish",
                table: "papers",
                column: "benchmarks")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_papers_search",
                schema: "publish",
                table: "papers",
                column: "search")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_papers_base_models",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropIndex(
                name: "ix_papers_benchmarks",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropIndex(
                name: "ix_papers_search",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "abstract",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "authors",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "base_models",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "benchmarks",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "search",
                schema: "publish",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "source_ids",
                schema: "publish",
                table: "papers");
        }
    }
}
