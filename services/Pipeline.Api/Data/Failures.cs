using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Fetch.Persistence;

namespace Pipeline.Api.Data;

/// <summary>
/// One thing that failed: a document Parse rejected (<c>document:{id}</c>), the rejected records of a document
/// (<c>records:{id}</c>) or a message in an error queue (<c>message:{queue}/{messageId}</c>).
/// </summary>
public sealed record Failure
{
    public required string Id { get; init; }

    /// <summary><c>document</c>, <c>records</c> or <c>message</c>.</summary>
    public required string Kind { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>Source id, or the error queue for messages.</summary>
    public required string Where { get; init; }

    public Guid? DocumentId { get; init; }

    public string? Url { get; init; }

    /// <summary>The start of the payload (decompressed document, message body).</summary>
    public string? Excerpt { get; init; }

    public int Count { get; init; } = 1;

    public string? TraceId { get; init; }

    public string? TraceUrl { get; init; }
}

public sealed record FailureCounts(long Documents, long Records, long Messages);

public sealed record FailureList(IReadOnlyList<Failure> Items, long Total, FailureCounts Counts, IReadOnlyList<QueueView> ErrorQueues, string? BrokerError);

public sealed record ReplayResult(int Documents, int Messages, IReadOnlyList<string> Errors)
{
    public string Summary => $"{Documents} document(s) queued for parsing again, {Messages} message(s) moved back to their queues"
        + (Errors.Count > 0 ? "; " + string.Join("; ", Errors) : "");
}

/// <summary>Lists failures and replays them: documents are announced again through Fetch's outbox, messages moved back.</summary>
public sealed partial class FailureService(NpgsqlDataSource db, FetchDbContext fetch, Broker broker, IOptions<ApiOptions> options, ILogger<FailureService> logger)
{
    public const string DocumentPrefix = "document:";
    public const string RecordsPrefix = "records:";
    public const string MessagePrefix = "message:";
    private const int ExcerptBytes = 600;

    public async Task<FailureList> ListAsync(CancellationToken ct)
    {
        var items = new List<Failure>();
        items.AddRange(await db.QueryAsync(
            """
            SELECT r.document_id, r.source_id, r.reason, r.rejected_at, r.trace_id, d.url, substring(d.content FROM 1 FOR 65536)
            FROM parse.rejected_documents r LEFT JOIN fetcher.documents d ON d.id = r.document_id
            ORDER BY r.rejected_at DESC LIMIT 200
            """,
            r => new Failure
            {
                Id = DocumentPrefix + r.GetGuid(0),
                Kind = "document",
                DocumentId = r.GetGuid(0),
                Where = r.GetString(1),
                Reason = r.GetString(2),
                At = r.GetFieldValue<DateTimeOffset>(3),
                TraceId = r.OptString(4),
                TraceUrl = r.OptString(4) is { } t ? options.Value.TraceUrl(t) : null,
                Url = r.OptString(5),
                Excerpt = r.IsDBNull(6) ? null : Excerpt(r.GetFieldValue<byte[]>(6)),
            },
            ct));
        items.AddRange(await db.QueryAsync(
            """
            SELECT r.document_id, d.source_id, count(*)::int, max(r.rejected_at),
                   string_agg('#' || r.record_index || ': ' || r.reason, E'\n' ORDER BY r.record_index), d.url, d.trace_id
            FROM parse.rejected_records r LEFT JOIN fetcher.documents d ON d.id = r.document_id
            GROUP BY r.document_id, d.source_id, d.url, d.trace_id
            ORDER BY max(r.rejected_at) DESC LIMIT 200
            """,
            r => new Failure
            {
                Id = RecordsPrefix + r.GetGuid(0),
                Kind = "records",
                DocumentId = r.GetGuid(0),
                Where = r.OptString(1) ?? "?",
                Count = r.GetInt32(2),
                At = r.GetFieldValue<DateTimeOffset>(3),
                Reason = r.GetString(4).Split('\n')[0] + (r.GetInt32(2) > 1 ? $" (and {r.GetInt32(2) - 1} more)" : ""),
                Excerpt = r.GetString(4).Length > 2000 ? r.GetString(4)[..2000] : r.GetString(4),
                Url = r.OptString(5),
                TraceId = r.OptString(6),
                TraceUrl = r.OptString(6) is { } t ? options.Value.TraceUrl(t) : null,
            },
            ct));

        var counts = await db.QueryAsync(
            "SELECT (SELECT count(*) FROM parse.rejected_documents), (SELECT count(*) FROM parse.rejected_records)",
            r => (Documents: r.GetInt64(0), Records: r.GetInt64(1)),
            ct);
        List<QueueView> errorQueues = [];
        string? brokerError = null;
        try
        {
            errorQueues = [.. (await broker.QueuesAsync(ct)).Where(q => q.IsError)];
            foreach (var queue in errorQueues.Where(q => q.Messages > 0))
            {
                items.AddRange((await broker.PeekAsync(queue.Name, ct)).Select(m => new Failure
                {
                    Id = $"{MessagePrefix}{m.Queue}/{m.MessageId}",
                    Kind = "message",
                    Where = m.Queue,
                    Reason = m.ExceptionType is null ? m.Reason : $"{m.Reason} ({m.ExceptionType})",
                    At = m.FaultedAt,
                    Excerpt = m.Excerpt,
                }));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            brokerError = $"RabbitMQ management API: {ex.Message}";
            LogBrokerUnavailable(logger, ex.Message);
        }

        var messages = errorQueues.Sum(q => q.Messages);
        return new FailureList(
            [.. items.OrderByDescending(f => f.At ?? DateTimeOffset.MinValue)],
            counts[0].Documents + counts[0].Records + messages,
            new FailureCounts(counts[0].Documents, counts[0].Records, messages),
            errorQueues,
            brokerError);
    }

    /// <summary>Replays one failure by id; null when there is no such failure.</summary>
    public async Task<ReplayResult?> ReplayAsync(string id, CancellationToken ct)
    {
        if ((id.StartsWith(DocumentPrefix, StringComparison.Ordinal) || id.StartsWith(RecordsPrefix, StringComparison.Ordinal))
            && Guid.TryParse(id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..], out var documentId))
        {
            var queued = await ReparseAsync([documentId], ct);
            return queued == 0 ? null : new ReplayResult(queued, 0, []);
        }

        if (id.StartsWith(MessagePrefix, StringComparison.Ordinal) && id[MessagePrefix.Length..].Split('/', 2) is [var queue, var messageId]
            && queue.EndsWith(Broker.ErrorSuffix, StringComparison.Ordinal) && messageId.Length > 0)
        {
            var moved = await broker.MoveBackAsync(queue, messageId, ct);
            return moved == 0 ? null : new ReplayResult(0, moved, []);
        }

        return null;
    }

    /// <summary>Every rejected document (and document with rejected records) parsed again; every error queue moved back.</summary>
    public async Task<ReplayResult> ReplayAllAsync(CancellationToken ct)
    {
        var documents = await db.QueryAsync(
            "SELECT document_id FROM parse.rejected_documents UNION SELECT document_id FROM parse.rejected_records",
            r => r.GetGuid(0),
            ct);
        var queued = await ReparseAsync(documents, ct);
        var moved = 0;
        var errors = new List<string>();
        try
        {
            foreach (var queue in (await broker.QueuesAsync(ct)).Where(q => q.IsError && q.Messages > 0))
            {
                moved += await broker.MoveBackAsync(queue.Name, null, ct);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            errors.Add($"error queues not replayed: {ex.Message}");
            LogBrokerUnavailable(logger, ex.Message);
        }

        LogReplayed(logger, queued, moved);
        return new ReplayResult(queued, moved, errors);
    }

    /// <summary>What <c>pipeline reparse --document</c> does: announce the stored document again through Fetch's outbox (the running Fetch relays it).</summary>
    private Task<int> ReparseAsync(List<Guid> ids, CancellationToken ct) =>
        DocumentReplay.QueueAsync(fetch, ids, ct);

    /// <summary>The first bytes of a gzip-compressed payload (a prefix of the stored bytes is enough).</summary>
    public static string Excerpt(byte[] gzipPrefix)
    {
        var buffer = new byte[ExcerptBytes];
        var read = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(gzipPrefix), CompressionMode.Decompress);
            int n;
            while (read < buffer.Length && (n = gzip.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            // a cut-off stream: keep what came out
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "RabbitMQ management API unavailable: {Error}")]
    private static partial void LogBrokerUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Replayed failures: {Documents} document(s) queued for parsing, {Messages} message(s) moved back")]
    private static partial void LogReplayed(ILogger logger, int documents, int messages);
}
