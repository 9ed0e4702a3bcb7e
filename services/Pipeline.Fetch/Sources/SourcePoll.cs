using System.Diagnostics;
using Pipeline.Fetch.Http;
using Pipeline.Fetch.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// One poll of one source: fetchers call <see cref="FetchAsync"/> per URL (or <see cref="StoreLocalAsync"/> per
/// file). Each payload starts its own trace — the GET, the stored document and, through the outbox, every stage
/// its papers pass. Counts what happened for the source's status.
/// </summary>
public sealed partial class SourcePoll(
    string sourceId,
    SourceOptions options,
    string? cursor,
    DateTimeOffset now,
    FeedClient client,
    IServiceScopeFactory scopes,
    ILogger logger)
{
    private static readonly ActivitySource Source = new(PersistenceExtensions.ActivitySourceName);

    public string SourceId { get; } = sourceId;

    public SourceOptions Options { get; } = options;

    /// <summary>Where the last poll stopped (e.g. an OAI-PMH resumption token), as the fetcher wrote it.</summary>
    public string? Cursor { get; private set; } = cursor;

    public bool CursorChanged { get; private set; }

    public DateTimeOffset Now { get; } = now;

    public int Stored { get; private set; }

    public int Unchanged { get; private set; }

    public int Failures { get; private set; }

    public string? LastError { get; private set; }

    public void SetCursor(string? cursor)
    {
        Cursor = cursor;
        CursorChanged = true;
    }

    /// <summary>
    /// GETs <paramref name="url"/> (conditionally unless <paramref name="conditional"/> is false) and stores a new
    /// payload. Returns the response, with a null body for 304, or null when the fetch failed (recorded).
    /// </summary>
    public async Task<HttpFetchResult?> FetchAsync(string url, bool conditional = true, CancellationToken ct = default)
    {
        using var activity = StartPayloadActivity(url);
        try
        {
            var result = await client.GetAsync(url, conditional, ct);
            activity?.SetTag("http.response.status_code", result.StatusCode);
            if (result.Body is null)
            {
                Unchanged++;
                return result;
            }

            await StoreAsync(new FetchedPayload(url, result.Body, Options.Format, result.StatusCode, result.ContentType, result.Headers), activity, ct);
            await client.RememberAsync(result, ct);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            RecordFailure(activity, url, ex);
            return null;
        }
    }

    /// <summary>Stores a payload that did not come over HTTP (a dropped file).</summary>
    public async Task StoreLocalAsync(string url, Func<CancellationToken, Task<byte[]>> read, CancellationToken ct)
    {
        using var activity = StartPayloadActivity(url);
        try
        {
            await StoreAsync(new FetchedPayload(url, await read(ct), Options.Format), activity, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            RecordFailure(activity, url, ex);
        }
    }

    private async Task StoreAsync(FetchedPayload payload, Activity? activity, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<DocumentStore>().StoreAsync(SourceId, payload, ct);
        activity?.SetTag("pipeline.document_id", id?.ToString() ?? "duplicate");
        if (id is null)
        {
            Unchanged++;
            return;
        }

        Stored++;
        LogStored(logger, SourceId, id.Value, payload.Body.Length);
    }

    private Activity? StartPayloadActivity(string url)
    {
        // A new root per payload: one trace per fetched document and the papers in it.
        Activity.Current = null;
        var activity = Source.StartActivity($"fetch {Options.Kind}", ActivityKind.Client);
        activity?.SetTag("pipeline.source", SourceId);
        activity?.SetTag("url.full", url);
        return activity;
    }

    private void RecordFailure(Activity? activity, string url, Exception ex)
    {
        Failures++;
        LastError = ex.Message;
        activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
        LogFetchFailed(logger, ex, SourceId, url);
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Stored document {DocumentId} from {SourceId} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, string sourceId, Guid documentId, int bytes);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Fetching {Target} for source {SourceId} failed")]
    private static partial void LogFetchFailed(ILogger logger, Exception ex, string sourceId, string target);
}
