using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Deliver.Management;
using Pipeline.Fetch.Persistence;

namespace Pipeline.Api.Data;

/// <summary>
/// One thing that failed: a document Parse rejected (<c>document:{id}</c>), the rejected records of a document
/// (<c>records:{id}</c>), a message in an error queue (<c>message:{queue}/{messageId}</c>) or a webhook delivery that
/// used up its attempts (<c>webhook:{deliveryId}</c>).
/// </summary>
public sealed record Failure
{
    public required string Id { get; init; }

    /// <summary><c>document</c>, <c>records</c>, <c>message</c> or <c>webhook</c>.</summary>
    public required string Kind { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset? At { get; init; }

    /// <summary>Source id, the error queue for messages, the receiving host for webhooks (never the whole URL: it may
    /// carry a token, and this list is readable without a key).</summary>
    public required string Where { get; init; }

    public Guid? DocumentId { get; init; }

    public string? Url { get; init; }

    /// <summary>The start of the payload (decompressed document, message body).</summary>
    public string? Excerpt { get; init; }

    public int Count { get; init; } = 1;

    public string? TraceId { get; init; }

    public string? TraceUrl { get; init; }
}

public sealed record FailureCounts(long Documents, long Records, long Messages, long Webhooks);

public sealed record FailureList(IReadOnlyList<Failure> Items, long Total, FailureCounts Counts, IReadOnlyList<QueueView> ErrorQueues, string? BrokerError);

public sealed record ReplayResult(int Documents, int Messages, IReadOnlyList<string> Errors, int Webhooks = 0)
{
    public string Summary => $"{Documents} document(s) queued for parsing again, {Messages} message(s) moved back to their queues, {Webhooks} webhook delivery(ies) sent again"
        + (Errors.Count > 0 ? "; " + string.Join("; ", Errors) : "");
}

/// <summary>Lists failures and replays them: documents are announced again through Fetch's outbox, messages moved back,
/// dead webhook deliveries sent again (Deliver's workers pick them up).</summary>
public sealed partial class FailureService(
    NpgsqlDataSource db, FetchDbContext fetch, Broker broker, DeliveryManagement deliveries, IOptions<ApiOptions> options, ILogger<FailureService> logger)
{
    public const string DocumentPrefix = "document:";
    public const string RecordsPrefix = "records:";
    public const string MessagePrefix = "message:";
    public const string WebhookPrefix = "webhook:";

    /// <summary>PostgreSQL's "undefined table": a schema the list reads is not there yet (its service has never started;
    /// the API migrates none of them). The list then shows nothing of that kind rather than failing.</summary>
    private const string UndefinedTable = "42P01";
    private const int ExcerptBytes = 600;

    public async Task<FailureList> ListAsync(CancellationToken ct)
    {
        var items = new List<Failure>();
        items.AddRange(await UnlessMissing(db.QueryAsync(
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
            ct)));
        items.AddRange(await UnlessMissing(db.QueryAsync(
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
            ct)));

        var (dead, deadTotal) = await DeadDeliveriesAsync(ct);
        items.AddRange(dead.Select(d => new Failure
        {
            Id = WebhookPrefix + d.Delivery.Id,
            Kind = "webhook",
            Where = Uri.TryCreate(d.Url, UriKind.Absolute, out var url) ? url.Authority : "?",
            Reason = $"{d.Delivery.Type} for {d.Delivery.PaperId} not delivered after {d.Delivery.Attempts} attempt(s): "
                + (d.Delivery.LastError ?? (d.Delivery.LastStatusCode is { } code ? $"HTTP {code}" : "no response")),
            At = d.Delivery.CompletedAt,
        }));

        var rejected = await UnlessMissing(db.QueryAsync(
            "SELECT (SELECT count(*) FROM parse.rejected_documents), (SELECT count(*) FROM parse.rejected_records)",
            r => (Documents: r.GetInt64(0), Records: r.GetInt64(1)),
            ct));
        var (documents, records) = rejected.Count > 0 ? rejected[0] : (0, 0);
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
            documents + records + messages + deadTotal,
            new FailureCounts(documents, records, messages, deadTotal),
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

        if (id.StartsWith(WebhookPrefix, StringComparison.Ordinal) && Guid.TryParse(id[WebhookPrefix.Length..], out var deliveryId))
        {
            return await deliveries.RedeliverAsync(deliveryId, ct) is null ? null : new ReplayResult(0, 0, [], Webhooks: 1);
        }

        return null;
    }

    /// <summary>Every rejected document (and document with rejected records) parsed again; every error queue moved back;
    /// every dead webhook delivery sent again.</summary>
    public async Task<ReplayResult> ReplayAllAsync(CancellationToken ct)
    {
        var documents = await UnlessMissing(db.QueryAsync(
            "SELECT document_id FROM parse.rejected_documents UNION SELECT document_id FROM parse.rejected_records",
            r => r.GetGuid(0),
            ct));
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

        var webhooks = 0;
        try
        {
            webhooks = await deliveries.RedeliverDeadAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            // Deliver has never run here: nothing to send again.
        }

        LogReplayed(logger, queued, moved, webhooks);
        return new ReplayResult(queued, moved, errors, webhooks);
    }

    /// <summary>The rows, or none while a table the query reads does not exist yet.</summary>
    private static async Task<List<T>> UnlessMissing<T>(Task<List<T>> query)
    {
        try
        {
            return await query;
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            return [];
        }
    }

    /// <summary>Dead webhook deliveries, or none while the deliver schema does not exist yet.</summary>
    private async Task<(List<DeadDeliveryView> Items, long Total)> DeadDeliveriesAsync(CancellationToken ct)
    {
        try
        {
            return await deliveries.ListDeadAsync(200, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == UndefinedTable)
        {
            return ([], 0);
        }
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

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Replayed failures: {Documents} document(s) queued for parsing, {Messages} message(s) moved back, {Webhooks} webhook delivery(ies) sent again")]
    private static partial void LogReplayed(ILogger logger, int documents, int messages, int webhooks);
}
