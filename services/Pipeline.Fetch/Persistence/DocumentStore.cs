using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pipeline.Contracts;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Persistence;

/// <summary>A payload as a fetcher got it, before storage.</summary>
public sealed record FetchedPayload(string Url, byte[] Body, string Format, int? StatusCode = null, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Stores a raw payload and announces it in one transaction (document row + outbox row). An identical payload
/// (same SHA-256) is recognised and neither stored nor announced again.
/// </summary>
public sealed class DocumentStore(FetchDbContext db, OutboxSignal<FetchDbContext> signal, TimeProvider clock)
{
    /// <summary>Returns the new document's id, or null when the payload was already stored.</summary>
    public async Task<Guid?> StoreAsync(string sourceId, FetchedPayload payload, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(payload.Body));
        if (await db.Documents.AnyAsync(d => d.ContentHash == hash, ct))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var document = new StoredDocument
        {
            Id = Guid.CreateVersion7(),
            SourceId = sourceId,
            Url = payload.Url,
            Format = payload.Format,
            ContentHash = hash,
            StatusCode = payload.StatusCode,
            ContentType = payload.ContentType,
            Headers = payload.Headers is null ? null : JsonSerializer.Serialize(payload.Headers),
            ContentLength = payload.Body.LongLength,
            Content = Gzip.Compress(payload.Body),
            FetchedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        db.Documents.Add(document);
        db.Enqueue(new DocumentFetched
        {
            DocumentId = document.Id,
            SourceId = sourceId,
            Format = payload.Format,
            Url = payload.Url,
            ContentHash = hash,
            ContentLength = document.ContentLength,
            FetchedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance stored the same payload a moment ago.
            db.ChangeTracker.Clear();
            return null;
        }

        signal.Notify();
        return document.Id;
    }
}
