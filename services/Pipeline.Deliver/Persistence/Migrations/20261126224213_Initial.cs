using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pipeline.Deliver.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "deliver");

            migrationBuilder.CreateTable(
                name: "digest_subscriptions",
                schema: "deliver",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    models = table.Column<List<string>>(type: "text[]", nullable: false),
                    benchmarks = table.Column<List<string>>(type: "text[]", nullable: false),
                    text_match = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    frequency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    send_hour_utc = table.Column<int>(type: "integer", nullable: false),
                    unsubscribe_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    send_requested = table.Column<bool>(type: "boolean", nullable: false),
                    last_period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    unsubscribed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_subscriptions", x => x.id);
                    table.CheckConstraint("ck_digest_subscriptions_frequency", "frequency IN ('daily', 'weekly') AND send_hour_utc BETWEEN 0 AND 23");
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "deliver",
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
                schema: "deliver",
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
                name: "papers",
                schema: "deliver",
                columns: table => new
                {
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    @abstract = table.Column<string>(name: "abstract", type: "text", nullable: false),
                    abstract_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    models = table.Column<List<string>>(type: "text[]", nullable: false),
                    benchmarks = table.Column<List<string>>(type: "text[]", nullable: false),
                    upvotes = table.Column<int>(type: "integer", nullable: true),
                    code_urls = table.Column<List<string>>(type: "text[]", nullable: false),
                    arxiv_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_event_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_event_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_papers", x => x.paper_id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_subscriptions",
                schema: "deliver",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    secret = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    models = table.Column<List<string>>(type: "text[]", nullable: false),
                    benchmarks = table.Column<List<string>>(type: "text[]", nullable: false),
                    text_match = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    description = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    consecutive_dead_letters = table.Column<int>(type: "integer", nullable: false),
                    disabled_reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "digest_runs",
                schema: "deliver",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    period_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    paper_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    message_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_runs", x => x.id);
                    table.CheckConstraint("ck_digest_runs_status", "status IN ('sent', 'empty', 'failed')");
                    table.ForeignKey(
                        name: "fk_digest_runs_digest_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "deliver",
                        principalTable: "digest_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                schema: "deliver",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    paper_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.CheckConstraint("ck_webhook_deliveries_status", "status IN ('pending', 'delivered', 'dead')");
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhook_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalSchema: "deliver",
                        principalTable: "webhook_subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_attempts",
                schema: "deliver",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    response_excerpt = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: true),
                    next_delay_ms = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_attempts_webhook_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "deliver",
                        principalTable: "webhook_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_digest_runs_subscription_id_started_at",
                schema: "deliver",
                table: "digest_runs",
                columns: new[] { "subscription_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_digest_subscriptions_due",
                schema: "deliver",
                table: "digest_subscriptions",
                column: "next_due_at",
                filter: "active");

            migrationBuilder.CreateIndex(
                name: "ix_digest_subscriptions_unsubscribe_token",
                schema: "deliver",
                table: "digest_subscriptions",
                column: "unsubscribe_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                schema: "deliver",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at",
                schema: "deliver",
                table: "outbox_messages",
                column: "next_attempt_at");

            migrationBuilder.CreateIndex(
                name: "ix_papers_last_event_at",
                schema: "deliver",
                table: "papers",
                column: "last_event_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_attempts_delivery_id_attempt",
                schema: "deliver",
                table: "webhook_attempts",
                columns: new[] { "delivery_id", "attempt" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                schema: "deliver",
                table: "webhook_deliveries",
                column: "next_attempt_at",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status_created_at",
                schema: "deliver",
                table: "webhook_deliveries",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_subscription_id_event_kind_idempotency_k",
                schema: "deliver",
                table: "webhook_deliveries",
                columns: new[] { "subscription_id", "event_kind", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webhook_subscriptions_active",
                schema: "deliver",
                table: "webhook_subscriptions",
                column: "active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_runs",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "papers",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "webhook_attempts",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "digest_subscriptions",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "webhook_deliveries",
                schema: "deliver");

            migrationBuilder.DropTable(
                name: "webhook_subscriptions",
                schema: "deliver");
        }
    }
}
