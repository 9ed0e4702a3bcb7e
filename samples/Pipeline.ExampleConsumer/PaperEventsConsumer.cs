using System.Diagnostics;
using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.ExampleConsumer;

/// <summary>
/// Handles the three paper events. Each copy of an event (one per bound topic), each redelivery and each replay
/// carries the same <see cref="PaperEvent.IdempotencyKey"/>; the store applies it once.
/// </summary>
public sealed class PaperEventsConsumer(PaperStore store, ILogger<PaperEventsConsumer> logger)
    : IConsumer<PaperPublished>, IConsumer<PaperUpdated>, IConsumer<PaperWithdrawn>
{
    public Task Consume(ConsumeContext<PaperPublished> context) => HandleAsync(context, PaperEvents.Published);

    public Task Consume(ConsumeContext<PaperUpdated> context) => HandleAsync(context, PaperEvents.Updated);

    public Task Consume(ConsumeContext<PaperWithdrawn> context) => HandleAsync(context, PaperEvents.Withdrawn);

    private async Task HandleAsync<T>(ConsumeContext<T> context, string kind)
        where T : PaperEvent
    {
        var paperEvent = context.Message;
        var routingKey = context.RoutingKey();
        // The consume span MassTransit started from the pipeline's trace context: same trace id as the publisher.
        var traceId = Activity.Current?.TraceId.ToHexString();
        if (paperEvent.SchemaVersion > PaperEvents.SchemaVersion)
        {
            // A newer, breaking version should arrive on its own contract; never guess at its meaning.
            Log.NewerSchema(logger, paperEvent.SchemaVersion, paperEvent.IdempotencyKey, traceId);
        }

        var applied = await store.TryApplyAsync(paperEvent, kind, routingKey, context.MessageId, traceId, context.CancellationToken);
        if (applied)
        {
            Log.Processed(logger, kind, paperEvent.PaperId, paperEvent.Revision, paperEvent.Replay, paperEvent.IdempotencyKey, routingKey, traceId);
        }
        else if (paperEvent.Replay)
        {
            Log.ReplayAlreadyHeld(logger, kind, paperEvent.PaperId, paperEvent.IdempotencyKey, traceId);
        }
        else
        {
            Log.Duplicate(logger, kind, paperEvent.PaperId, paperEvent.IdempotencyKey, routingKey, traceId);
        }
    }
}
