using Npgsql;
using NpgsqlTypes;
using Pipeline.Contracts;

namespace Pipeline.ExampleConsumer;

/// <summary>
/// The consumer's own PostgreSQL: <c>processed_events</c> remembers every idempotency key it applied (the unique key
/// makes a second copy a no-op, also between instances), <c>papers</c> is the read model the events build.
/// </summary>
public sealed class PaperStore(NpgsqlDataSource dataSource)
{
    public const string Schema = "example_consumer";

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Instances starting together must not race on CREATE TABLE IF NOT EXISTS.
        await using (var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('{Schema}'));
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.processed_events (
                idempotency_key text PRIMARY KEY,
                kind            text NOT NULL,
                paper_id        text NOT NULL,
                revision        integer NOT NULL,
                replay          boolean NOT NULL,
                routing_key     text,
                message_id      uuid,
                trace_id        text,
                processed_at    timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE IF NOT EXISTS {Schema}.papers (
                paper_id     text PRIMARY KEY,
                revision     integer NOT NULL,
                title        text NOT NULL,
                topics       text[] NOT NULL,
                withdrawn    boolean NOT NULL,
                abstract_url text NOT NULL,
                published_at timestamptz NOT NULL
            );
            """, connection, tx))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Records the idempotency key and applies the event in one transaction. False when the key was already there
    /// (another topic's copy, a redelivery, a replay of something held): nothing changes then.
    /// </summary>
    public async Task<bool> TryApplyAsync(PaperEvent paperEvent, string kind, string? routingKey, Guid? messageId, string? traceId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var mark = new NpgsqlCommand($"""
            INSERT INTO {Schema}.processed_events (idempotency_key, kind, paper_id, revision, replay, routing_key, message_id, trace_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, connection, tx))
        {
            mark.Parameters.Add(new() { Value = paperEvent.IdempotencyKey });
            mark.Parameters.Add(new() { Value = kind });
            mark.Parameters.Add(new() { Value = paperEvent.PaperId });
            mark.Parameters.Add(new() { Value = paperEvent.Revision });
            mark.Parameters.Add(new() { Value = paperEvent.Replay });
            mark.Parameters.Add(new() { Value = (object?)routingKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            mark.Parameters.Add(new() { Value = (object?)messageId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            mark.Parameters.Add(new() { Value = (object?)traceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            if (await mark.ExecuteNonQueryAsync(ct) == 0)
            {
                return false; // rolled back on dispose; nothing to undo
            }
        }

        // The effect. Events can arrive out of order (several queues, retries): never let an older revision
        // overwrite a newer one.
        await using (var apply = new NpgsqlCommand($"""
            INSERT INTO {Schema}.papers (paper_id, revision, title, topics, withdrawn, abstract_url, published_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (paper_id) DO UPDATE SET
                revision = EXCLUDED.revision, title = EXCLUDED.title, topics = EXCLUDED.topics,
                withdrawn = EXCLUDED.withdrawn, abstract_url = EXCLUDED.abstract_url, published_at = EXCLUDED.published_at
            WHERE {Schema}.papers.revision <= EXCLUDED.revision
            """, connection, tx))
        {
            apply.Parameters.Add(new() { Value = paperEvent.PaperId });
            apply.Parameters.Add(new() { Value = paperEvent.Revision });
            apply.Parameters.Add(new() { Value = paperEvent.Title });
            apply.Parameters.Add(new() { Value = paperEvent.Topics.Select(t => t.Id).ToArray() });
            apply.Parameters.Add(new() { Value = paperEvent.Withdrawn || paperEvent is PaperWithdrawn });
            apply.Parameters.Add(new() { Value = paperEvent.AbstractUrl });
            apply.Parameters.Add(new() { Value = paperEvent.PublishedAt });
            await apply.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }
}
