using MassTransit;
using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;
using Pipeline.Publish.Publishing;

namespace Pipeline.Publish.Consumers;

/// <summary>
/// Stores the related-papers lists of the embedding lane, refreshes the published records' <c>related</c> field without
/// a new revision and, in the same transaction, queues a <see cref="RelatedPapersUpdated"/> (routing key
/// <c>related.updated.{topic}</c>, never <c>paper.*</c>) for each published paper whose list names other papers.
/// </summary>
public sealed partial class RelatedPapersComputedConsumer(
    PublishDbContext db,
    PublishedPaperStore store,
    OutboxSignal<PublishDbContext> signal,
    ILogger<RelatedPapersComputedConsumer> logger) : IConsumer<RelatedPapersComputed>
{
    public const string ConsumerName = "publish-related";

    public async Task Consume(ConsumeContext<RelatedPapersComputed> context)
    {
        var ct = context.CancellationToken;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (context.MessageId is { } id && !await db.TryMarkProcessedAsync(ConsumerName, id.ToString(), ct))
        {
            return;
        }

        var updates = await store.ApplyRelatedAsync(context.Message.Papers, ct);
        db.EnqueueRelatedUpdates(updates);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        LogRelated(logger, context.Message.Papers.Count, updates.Count);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Stored related papers of {Papers} paper(s): {Updates} related-list update(s)")]
    private static partial void LogRelated(ILogger logger, int papers, int updates);
}

public sealed class RelatedPapersComputedConsumerDefinition : ConsumerDefinition<RelatedPapersComputedConsumer>
{
    public RelatedPapersComputedConsumerDefinition() => ConcurrentMessageLimit = 4;
}
