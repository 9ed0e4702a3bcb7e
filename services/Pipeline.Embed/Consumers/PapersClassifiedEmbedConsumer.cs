using System.Diagnostics;
using MassTransit;
using Pipeline.Contracts;
using Pipeline.Embed.Lane;
using Pipeline.Embed.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Embed.Consumers;

/// <summary>
/// Records which classified papers need an embedding (paper id, text and its hash) in <c>embed.pending</c>, once
/// per message (inbox), and wakes the lane. Fast: no model runs here, so this queue never backs up behind the
/// embedding lane and nothing waits for it on the publishing path. Withdrawn papers leave every related list.
/// </summary>
public sealed partial class PapersClassifiedEmbedConsumer(
    EmbedDbContext db,
    EmbedStore store,
    EmbedSignal signal,
    TimeProvider clock,
    ILogger<PapersClassifiedEmbedConsumer> logger) : IConsumer<PapersClassified>
{
    public const string ConsumerName = "embed";

    /// <summary>Own queue: Publish consumes its copy of the event on <c>papers-classified</c>.</summary>
    public const string QueueName = "embed-papers-classified";

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

        var papers = message.Papers.Select(p => p.Paper).ToList();
        var current = papers.Where(p => !p.Withdrawn).Select(p => new PaperText(p.Id, p.Title, p.Abstract)).ToList();
        var withdrawn = papers.Where(p => p.Withdrawn).Select(p => p.Id).ToList();
        var recorded = await store.RecordPendingAsync(current, MiniLmTextEncoder.ModelName, Activity.Current?.Id, clock.GetUtcNow(), ct);
        await store.ForgetAsync(withdrawn, ct);
        await tx.CommitAsync(ct);
        if (recorded > 0)
        {
            signal.Notify();
        }

        LogRecorded(logger, message.DocumentId, message.Batch, papers.Count, recorded, withdrawn.Count);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Batch {Batch} of document {DocumentId}: {Papers} paper(s), {Pending} queued for embedding, {Withdrawn} withdrawn")]
    private static partial void LogRecorded(ILogger logger, Guid documentId, int batch, int papers, int pending, int withdrawn);
}

public sealed class PapersClassifiedEmbedConsumerDefinition : ConsumerDefinition<PapersClassifiedEmbedConsumer>
{
    public PapersClassifiedEmbedConsumerDefinition()
    {
        EndpointName = PapersClassifiedEmbedConsumer.QueueName;
        ConcurrentMessageLimit = 4;
    }
}
