using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Deliver.Filtering;
using Pipeline.Deliver.Webhooks;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Deliver.Persistence;

/// <summary>The deliver schema's SQL: events in, deliveries claimed and settled. Works on the context's connection and transaction.</summary>
public sealed class DeliverStore(DeliverDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Inbox consumer name: an event counts once per idempotency key (unique per publication of a paper), whatever
    /// topic copy brought it and whatever kind a replay re-emits it as.
    /// </summary>
    public const string InboxConsumer = "deliver";

    /// <summary>
    /// Records one event: marks it in the inbox, updates the paper's read model (only when this revision is not older
    /// than the stored one) and adds a delivery for every active webhook subscription whose filter matches. A replay
    /// (<see cref="PaperEvent.Replay"/>, re-emitted by <c>pipeline republish</c>) only updates the read model: it is
    /// not news, so it adds no deliveries and does not move the paper into a digest period. Returns the deliveries
    /// added, or null when the event was already recorded. Call inside a transaction.
    /// </summary>
    public async Task<int?> RecordEventAsync(PaperEvent paperEvent, CancellationToken ct)
    {
        var kind = PaperEvents.KindOf(paperEvent);
        if (!await db.TryMarkProcessedAsync(InboxConsumer, paperEvent.IdempotencyKey, ct))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await UpsertPaperAsync(paperEvent, kind, now, ct);
        if (paperEvent.Replay)
        {
            return 0;
        }

        var facts = PaperFacts.From(paperEvent);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(ct);
        var deliveries = subscriptions
            .Where(s => FilterOf(s).Matches(facts, kind))
            .Select(s =>
            {
                var id = Guid.CreateVersion7();
                return new WebhookDelivery
                {
                    Id = id,
                    SubscriptionId = s.Id,
                    EventKind = kind,
                    IdempotencyKey = paperEvent.IdempotencyKey,
                    PaperId = paperEvent.PaperId,
                    Body = WebhookPayload.Create(id, s.Id, paperEvent),
                    Status = WebhookDelivery.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                };
            })
            .ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        return deliveries.Count;
    }

    public static SubscriptionFilter FilterOf(WebhookSubscription s) => new()
    {
        Topics = s.Topics, Kinds = s.Kinds, Models = s.Models, Benchmarks = s.Benchmarks, Text = s.TextMatch,
    };

    public static SubscriptionFilter FilterOf(DigestSubscription s) => new()
    {
        Topics = s.Topics, Kinds = s.Kinds, Models = s.Models, Benchmarks = s.Benchmarks, Text = s.TextMatch,
    };

    private async Task UpsertPaperAsync(PaperEvent e, string kind, DateTimeOffset now, CancellationToken ct)
    {
        // Events arrive in any order: a revision older than the stored one changes only the first-publication time.
        // recorded_at (what digest periods select on) is Deliver's own clock, not the publisher's PublishedAt, so an
        // event consumed late still lands in the next digest. A replay is not news: a paper first seen through one
        // gets its publication time, and a known paper keeps its recorded_at (and its last event kind at the same
        // revision, since a replay re-emits an update as published).
        const string upsert = """
            INSERT INTO deliver.papers (paper_id, revision, title, abstract, abstract_url, topics, models, benchmarks, upvotes,
                                        code_urls, arxiv_published_at, first_published_at, last_event_at, last_event_kind, withdrawn,
                                        recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, CASE WHEN $16 THEN $12 ELSE $15 END)
            ON CONFLICT (paper_id) DO UPDATE SET
                revision = EXCLUDED.revision, title = EXCLUDED.title, abstract = EXCLUDED.abstract,
                abstract_url = EXCLUDED.abstract_url, topics = EXCLUDED.topics, models = EXCLUDED.models,
                benchmarks = EXCLUDED.benchmarks, upvotes = EXCLUDED.upvotes, code_urls = EXCLUDED.code_urls,
                arxiv_published_at = EXCLUDED.arxiv_published_at, last_event_at = EXCLUDED.last_event_at,
                last_event_kind = CASE WHEN $16 AND deliver.papers.revision = EXCLUDED.revision
                                       THEN deliver.papers.last_event_kind ELSE EXCLUDED.last_event_kind END,
                withdrawn = EXCLUDED.withdrawn,
                recorded_at = CASE WHEN $16 THEN deliver.papers.recorded_at ELSE EXCLUDED.recorded_at END
            WHERE deliver.papers.revision <= EXCLUDED.revision
            """;
        const string firstSeen = "UPDATE deliver.papers SET first_published_at = $2 WHERE paper_id = $1 AND first_published_at > $2";
        var facts = PaperFacts.From(e);
        await db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand(upsert).WithParameters(
                    Param(e.PaperId), Param(e.Revision), Param(Clean(e.Title)), Param(Clean(e.Abstract)), Param(e.AbstractUrl),
                    Param(facts.Topics.ToArray()), Param(facts.Models.ToArray()), Param(facts.Benchmarks.ToArray()), Param(e.Upvotes),
                    Param(e.CodeUrls.ToArray()), Param(e.ArxivPublishedAt), Param(e.PublishedAt), Param(kind),
                    Param(e.Withdrawn || kind == PaperEvents.Withdrawn), Param(now), Param(e.Replay)),
                new NpgsqlBatchCommand(firstSeen).WithParameters(Param(e.PaperId), Param(e.PublishedAt)),
            ],
            _ => 0,
            ct);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due pending deliveries of active subscriptions (rows other instances
    /// hold are skipped), counts the attempt and pushes their due time out by <paramref name="lease"/>, so a crashed
    /// worker's rows come back after the lease. Runs in its own statement: no transaction stays open while sending.
    /// </summary>
    public Task<List<ClaimedDelivery>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken ct) =>
        db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("""
                    UPDATE deliver.webhook_deliveries d
                    SET attempts = d.attempts + 1, next_attempt_at = now() + $2
                    FROM (SELECT d2.id
                          FROM deliver.webhook_deliveries d2
                          JOIN deliver.webhook_subscriptions s2 ON s2.id = d2.subscription_id AND s2.active
                          WHERE d2.status = 'pending' AND d2.next_attempt_at <= now()
                          ORDER BY d2.next_attempt_at
                          LIMIT $1
                          FOR UPDATE OF d2 SKIP LOCKED) c,
                         deliver.webhook_subscriptions s
                    WHERE d.id = c.id AND s.id = d.subscription_id
                    RETURNING d.id, d.subscription_id, s.url, s.secret, d.body::text, d.event_kind, d.attempts,
                              (SELECT count(*)::int FROM deliver.webhook_attempts a WHERE a.delivery_id = d.id) + 1
                    """).WithParameters(Param(limit), Param(lease)),
            ],
            r => new ClaimedDelivery(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6), r.GetInt32(7)),
            ct);

    /// <summary>
    /// Logs the attempt and settles the delivery: delivered, dead (last attempt, or a refused target), or due again
    /// after <paramref name="nextDelay"/>. A dead letter counts against the subscription, which is deactivated after
    /// <paramref name="disableAfter"/> in a row (0: never); a delivery resets the count. Returns true when this
    /// attempt deactivated the subscription. A delivery deleted meanwhile (its subscription was deleted while the
    /// attempt was in flight) is skipped: no attempt is logged and nothing fails.
    /// </summary>
    public async Task<bool> SettleAsync(ClaimedDelivery delivery, AttemptOutcome outcome, TimeSpan? nextDelay, int disableAfter, CancellationToken ct)
    {
        var status = outcome.Delivered ? WebhookDelivery.Delivered : nextDelay is null ? WebhookDelivery.Dead : WebhookDelivery.Pending;
        var error = Truncate(outcome.Error, 2000);
        var commands = new List<NpgsqlBatchCommand>
        {
            new NpgsqlBatchCommand("""
                INSERT INTO deliver.webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt, next_delay_ms)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8
                WHERE EXISTS (SELECT 1 FROM deliver.webhook_deliveries WHERE id = $1)
                """).WithParameters(
                    Param(delivery.Id), Param(delivery.Attempt), Param(outcome.StartedAt), Param((int)outcome.Duration.TotalMilliseconds),
                    Param(outcome.StatusCode), Param(error), Param(outcome.ResponseExcerpt),
                    Param(nextDelay is { } d ? (int?)d.TotalMilliseconds : null)),
            new NpgsqlBatchCommand("""
                UPDATE deliver.webhook_deliveries
                SET status = $2, last_status_code = $3, last_error = $4,
                    next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + $5 ELSE next_attempt_at END,
                    completed_at = CASE WHEN $2 = 'pending' THEN NULL ELSE now() END
                WHERE id = $1 AND status = 'pending'
                """).WithParameters(Param(delivery.Id), Param(status), Param(outcome.StatusCode), Param(error), Param(nextDelay ?? TimeSpan.Zero)),
        };
        if (status == WebhookDelivery.Delivered)
        {
            commands.Add(new NpgsqlBatchCommand("UPDATE deliver.webhook_subscriptions SET consecutive_dead_letters = 0 WHERE id = $1 AND consecutive_dead_letters <> 0")
                .WithParameters(Param(delivery.SubscriptionId)));
        }
        else if (status == WebhookDelivery.Dead)
        {
            commands.Add(new NpgsqlBatchCommand("""
                UPDATE deliver.webhook_subscriptions
                SET consecutive_dead_letters = consecutive_dead_letters + 1,
                    active = active AND NOT ($2 > 0 AND consecutive_dead_letters + 1 >= $2),
                    disabled_reason = CASE WHEN active AND $2 > 0 AND consecutive_dead_letters + 1 >= $2
                                           THEN format('deactivated after %s dead letters in a row', consecutive_dead_letters + 1)
                                           ELSE disabled_reason END,
                    updated_at = now()
                WHERE id = $1
                RETURNING NOT active AND disabled_reason IS NOT NULL AND consecutive_dead_letters = $2
                """).WithParameters(Param(delivery.SubscriptionId), Param(disableAfter)));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var disabled = await db.ExecuteBatchAsync(commands, r => r.GetBoolean(0), ct);
        await tx.CommitAsync(ct);
        return disabled.Any(d => d);
    }

    private static string Clean(string value) => value.Replace("\0", "", StringComparison.Ordinal);

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
