using System.Diagnostics;
using MassTransit;
using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;
using Pipeline.Publish.Publishing;

namespace Pipeline.Publish.Consumers;

/// <summary>
/// Writes the enriched records and, in the same transaction, queues one event per assigned topic (routing key
/// <c>paper.{published|updated|withdrawn}.{topic}</c>) for each paper that is new or materially changed.
/// </summary>
public sealed partial class PapersClassifiedConsumer(
    PublishDbContext db,
    PublishedPaperStore store,
    OutboxSignal<PublishDbContext> signal,
    ILogger<PapersClassifiedConsumer> logger) : IConsumer<PapersClassified>
{
    public const string ConsumerName = "publish";

    public async Task Consume(ConsumeContext<PapersClassified> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var key = context.MessageId?.ToString() ?? $"{message.DocumentId}:{message.Batch}";
        if (!await db.TryMarkProcessedAsync(ConsumerName, key, ct))
        {
            return;
        }

        var events = await store.UpsertAsync(message.Papers, Activity.Current?.TraceId.ToString(), ct);
        db.EnqueuePaperEvents(events);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        LogPublished(logger, message.DocumentId, message.Batch, events.Count);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Published batch {Batch} of document {DocumentId}: {Events} paper event(s)")]
    private static partial void LogPublished(ILogger logger, Guid documentId, int batch, int events);
}

public sealed class PapersClassifiedConsumerDefinition : ConsumerDefinition<PapersClassifiedConsumer>
{
    public PapersClassifiedConsumerDefinition() => ConcurrentMessageLimit = 4;
}
