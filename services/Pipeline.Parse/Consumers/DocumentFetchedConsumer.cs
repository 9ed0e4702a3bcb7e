using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Pipeline.Contracts;
using Pipeline.Messaging;
using Pipeline.Parse.Persistence;
using Pipeline.Parsing;
using Pipeline.Persistence;

namespace Pipeline.Parse.Consumers;

/// <summary>
/// Turns a fetched payload into papers. In one transaction: marks the document handled (a redelivery or a
/// duplicate is a no-op), upserts the papers, records rejected records, and queues <see cref="PapersParsed"/>
/// for the papers that are new or changed. A payload that cannot be parsed is recorded with its reason.
/// </summary>
public sealed partial class DocumentFetchedConsumer(
    ParseDbContext db,
    PaperStore store,
    OutboxSignal<ParseDbContext> signal,
    Microsoft.Extensions.Options.IOptions<ParseOptions> options,
    TimeProvider clock,
    ILogger<DocumentFetchedConsumer> logger) : IConsumer<DocumentFetched>
{
    public const string ConsumerName = "parse";

    public async Task Consume(ConsumeContext<DocumentFetched> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var document = await store.LoadDocumentAsync(message.DocumentId, ct)
            ?? throw new PermanentMessageException($"Document {message.DocumentId} is not in fetcher.documents.");

        ParseResult? result = null;
        string? rejection = null;
        try
        {
            result = PayloadParser.Parse(document.Content, message.Format);
        }
        catch (PayloadRejectedException ex)
        {
            rejection = ex.Message;
        }

        var traceId = Activity.Current?.TraceId.ToString();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var key = message.Reparse ? $"{message.DocumentId}:reparse:{context.MessageId}" : message.DocumentId.ToString();
        if (!await db.TryMarkProcessedAsync(ConsumerName, key, ct))
        {
            LogDuplicate(logger, message.DocumentId);
            return;
        }

        var now = clock.GetUtcNow();
        if (message.Reparse)
        {
            // A replayed document: its old verdicts give way to this run's.
            await db.Rejections.Where(r => r.DocumentId == message.DocumentId).ExecuteDeleteAsync(ct);
            await db.RecordRejections.Where(r => r.DocumentId == message.DocumentId).ExecuteDeleteAsync(ct);
        }

        if (rejection is not null)
        {
            db.Rejections.Add(new DocumentRejection { DocumentId = message.DocumentId, SourceId = message.SourceId, Reason = rejection, RejectedAt = now, TraceId = traceId });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            LogRejected(logger, message.DocumentId, message.SourceId, rejection);
            return;
        }

        var changed = await store.UpsertAsync(result!.Papers, message.SourceId, message.DocumentId, document.FetchedAt, traceId, ct);
        foreach (var error in result.Errors)
        {
            db.RecordRejections.Add(new RecordRejection { DocumentId = message.DocumentId, RecordIndex = error.Index, Reason = error.Reason, RejectedAt = now });
        }

        var batch = 0;
        foreach (var chunk in changed.Chunk(options.Value.BatchSize))
        {
            db.Enqueue(new PapersParsed { DocumentId = message.DocumentId, Batch = batch++, Papers = chunk });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        LogParsed(logger, message.DocumentId, result.Papers.Count, changed.Count, result.Errors.Count);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Parsed document {DocumentId}: {Papers} paper(s), {Changed} new or changed, {Errors} record error(s)")]
    private static partial void LogParsed(ILogger logger, Guid documentId, int papers, int changed, int errors);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Rejected document {DocumentId} from {SourceId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid documentId, string sourceId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Document {DocumentId} was already parsed; nothing to do")]
    private static partial void LogDuplicate(ILogger logger, Guid documentId);
}

public sealed class DocumentFetchedConsumerDefinition : ConsumerDefinition<DocumentFetchedConsumer>
{
    public DocumentFetchedConsumerDefinition() => ConcurrentMessageLimit = 4;
}
