using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pipeline.Embed.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "embed");

            migrationBuilder.CreateTable(
                name: "embeddings",
                schema: "embed",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    text_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    model = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    vector = table.Column<float[]>(type: "real[]", nullable: false),
                    embedded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    related_incomplete = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_embeddings", x => x.paper_id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "embed",
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
                schema: "embed",
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

            migrationBuilder.CreateTable(
                name: "pending",
                schema: "embed",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    text_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    @abstract = table.Column<string>(name: "abstract", type: "text", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending", x => x.paper_id);
                });

            migrationBuilder.CreateTable(
                name: "related",
                schema: "embed",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    related_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related", x => new { x.paper_id, x.related_id });
                    table.CheckConstraint("ck_related_not_self", "paper_id <> related_id");
                    table.ForeignKey(
                        name: "fk_related_embeddings_paper_id",
                        column: x => x.paper_id,
                        principalSchema: "embed",
                        principalTable: "embeddings",
                        principalColumn: "paper_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_related_embeddings_related_id",
                        column: x => x.related_id,
                        principalSchema: "embed",
                        principalTable: "embeddings",
                        principalColumn: "paper_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_embeddings_related_incomplete",
                schema: "embed",
                table: "embeddings",
                column: "embedded_at",
                filter: "related_incomplete");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                schema: "embed",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at",
                schema: "embed",
                table: "outbox_messages",
                column: "next_attempt_at");

            migrationBuilder.CreateIndex(
                name: "ix_pending_next_attempt_at_enqueued_at",
                schema: "embed",
                table: "pending",
                columns: new[] { "next_attempt_at", "enqueued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_related_related_id",
                schema: "embed",
                table: "related",
                column: "related_id");

            // pgvector where the extension is installed in this database: a generated vec vector(384) column from the
            // real[] and an HNSW cosine index. Checked when the migration runs (DO block over pg_extension), so a
            // database without the extension migrates too and the service falls back to cosine in C#. A frozen copy
            // of VectorSchema.EnsureVectorColumnSql, which the lane runs when the extension comes later.
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    ext_schema name;
                BEGIN
                    SELECT n.nspname INTO ext_schema
                    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                    WHERE e.extname = 'vector';
                    IF ext_schema IS NULL THEN
                        RAISE NOTICE 'vector extension not installed: embed.embeddings keeps real[] only';
                        RETURN;
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                                   WHERE table_schema = 'embed' AND table_name = 'embeddings' AND column_name = 'vec') THEN
                        EXECUTE format('ALTER TABLE embed.embeddings ADD COLUMN vec %I.vector(384) GENERATED ALWAYS AS ("vector"::%I.vector(384)) STORED',
                                       ext_schema, ext_schema);
                    END IF;
                    EXECUTE format('CREATE INDEX IF NOT EXISTS ix_embeddings_vec_hnsw ON embed.embeddings USING hnsw (vec %I.vector_cosine_ops)', ext_schema);
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "embed");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "embed");

            migrationBuilder.DropTable(
                name: "pending",
                schema: "embed");

            migrationBuilder.DropTable(
                name: "related",
                schema: "embed");

            migrationBuilder.DropTable(
                name: "embeddings",
                schema: "embed");
        }
    }
}
