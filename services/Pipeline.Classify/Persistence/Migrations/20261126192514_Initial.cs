using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pipeline.Classify.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "classify");

            migrationBuilder.CreateTable(
                name: "enrichments",
                schema: "classify",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enrichment_version = table.Column<string>(type: "text", nullable: false),
                    paper_hash = table.Column<string>(type: "text", nullable: false),
                    topics = table.Column<string>(type: "jsonb", nullable: false),
                    code_urls = table.Column<string>(type: "jsonb", nullable: false),
                    hugging_face_urls = table.Column<string>(type: "jsonb", nullable: false),
                    enrichment_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_id = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrichments", x => x.paper_id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "classify",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    message_key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_records", x => new { x.consumer, x.message_key });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "classify",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    routing_key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enrichments_classified_at",
                schema: "classify",
                table: "enrichments",
                column: "classified_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                schema: "classify",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at",
                schema: "classify",
                table: "outbox_messages",
                column: "next_attempt_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrichments",
                schema: "classify");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "classify");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "classify");
        }
    }
}
