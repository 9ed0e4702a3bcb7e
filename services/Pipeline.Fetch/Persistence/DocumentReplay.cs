using Microsoft.EntityFrameworkCore;
using Pipeline.Contracts;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Persistence;

/// <summary>
/// Announces stored documents again (<see cref="DocumentFetched.Reparse"/>) through Fetch's outbox, in one
/// transaction; the running Fetch relays them and Parse runs them again. Used by <c>pipeline reparse</c>,
/// <c>pipeline errors replay</c> and the API's failure replay.
/// </summary>
public static class DocumentReplay
{
    /// <summary>Queues every document of <paramref name="documents"/>; returns how many.</summary>
    public static async Task<int> QueueAsync(FetchDbContext db, IQueryable<StoredDocument> documents, CancellationToken ct)
    {
        var rows = await documents.AsNoTracking()
            .OrderBy(d => d.FetchedAt)
            .Select(d => new DocumentFetched
            {
                DocumentId = d.Id,
                SourceId = d.SourceId,
                Format = d.Format,
                Url = d.Url,
                ContentHash = d.ContentHash,
                ContentLength = d.ContentLength,
                FetchedAt = d.FetchedAt,
                Reparse = true,
            })
            .ToListAsync(ct);
        foreach (var message in rows)
        {
            db.Enqueue(message);
        }

        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    /// <summary>Queues the documents with these ids.</summary>
    public static Task<int> QueueAsync(FetchDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(0) : QueueAsync(db, db.Documents.Where(d => ids.Contains(d.Id)), ct);
}
