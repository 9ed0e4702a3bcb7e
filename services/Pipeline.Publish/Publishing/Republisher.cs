using Microsoft.EntityFrameworkCore;
using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;

namespace Pipeline.Publish.Publishing;

/// <summary>
/// Re-emits stored papers' latest events for consumers that rebuild (<c>pipeline republish</c>): each as
/// <see cref="PaperPublished"/> (or <see cref="PaperWithdrawn"/>) with <see cref="PaperEvent.Replay"/> set, its
/// original idempotency key, revision and content, through Publish's outbox (the running Publish relays them).
/// With a topic, only that topic's papers and only their copy for that topic's routing key.
/// </summary>
public sealed class Republisher(PublishDbContext db)
{
    private const int ChunkSize = 500;

    public async Task<int> RepublishAsync(RepublishFilter filter, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var query = db.Papers.AsNoTracking().Where(p => p.LastPublishedAt >= filter.Since.ToUniversalTime());
        if (filter.Until is { } until)
        {
            query = query.Where(p => p.LastPublishedAt < until.ToUniversalTime());
        }

        if (filter.Topic is { } topic)
        {
            query = query.Where(p => p.Topics.Contains(topic));
        }

        if (filter.PaperId is { } paperId)
        {
            query = query.Where(p => p.PaperId == paperId);
        }

        var ids = await query.OrderBy(p => p.LastPublishedAt).ThenBy(p => p.PaperId).Select(p => p.PaperId).ToListAsync(ct);
        var done = 0;
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            var rows = await db.Papers.AsNoTracking()
                .Where(p => chunk.Contains(p.PaperId))
                .Select(p => new { p.PaperId, p.Record, p.Kind })
                .ToListAsync(ct);
            foreach (var row in rows.OrderBy(r => Array.IndexOf(chunk, r.PaperId)))
            {
                var stored = PublishedPaperStore.Deserialize(row.Record, row.Kind);
                var replay = PublishedPaperStore.As(stored with { Replay = true }, stored.Withdrawn ? PaperEvents.Withdrawn : PaperEvents.Published);
                if (filter.Topic is { } only)
                {
                    db.Enqueue(replay, PaperEvents.RoutingKey(PaperEvents.KindOf(replay), only));
                }
                else
                {
                    db.EnqueuePaperEvents([new OutgoingPaperEvent(replay, OutgoingPaperEvent.KeysFor(replay, previous: null))]);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += chunk.Length;
            progress?.Report((done, ids.Count));
        }

        return ids.Count;
    }
}

/// <summary>Which papers to re-emit: last published in [Since, Until), optionally one topic or one paper.</summary>
public sealed record RepublishFilter(DateTimeOffset Since, DateTimeOffset? Until = null, string? Topic = null, string? PaperId = null);
