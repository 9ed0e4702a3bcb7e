using MassTransit;
using Pipeline.Contracts;
using Pipeline.Deliver.Persistence;
using Pipeline.Deliver.Webhooks;
using RabbitMQ.Client;

namespace Pipeline.Deliver.Consumers;

/// <summary>
/// Every paper event, from the service's own durable queue bound to <c>pipeline.paper-events</c> with
/// <c>paper.#</c>. One transaction per event: the inbox mark (the idempotency key, so the copies of other topics,
/// redeliveries and replays of a recorded event change nothing), the paper's read model and one webhook delivery
/// per matching subscription (none for a replay).
/// </summary>
public sealed class PaperEventsConsumer(
    DeliverDbContext db,
    DeliverStore store,
    WebhookSignal signal,
    ILogger<PaperEventsConsumer> logger) : IConsumer<PaperPublished>, IConsumer<PaperUpdated>, IConsumer<PaperWithdrawn>
{
    /// <summary>Own queue: other consumers of the exchange keep theirs.</summary>
    public const string QueueName = "deliver-paper-events";

    /// <summary>Binding key: every kind and topic.</summary>
    public const string BindingKey = "paper.#";

    public Task Consume(ConsumeContext<PaperPublished> context) => HandleAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PaperUpdated> context) => HandleAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<PaperWithdrawn> context) => HandleAsync(context.Message, context.CancellationToken);

    private async Task HandleAsync(PaperEvent paperEvent, CancellationToken ct)
    {
        var kind = PaperEvents.KindOf(paperEvent);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = await store.RecordEventAsync(paperEvent, ct);
        await tx.CommitAsync(ct);
        if (added is null)
        {
            Log.EventDuplicate(logger, kind, paperEvent.IdempotencyKey);
            return;
        }

        if (added > 0)
        {
            signal.Notify();
        }

        Log.EventRecorded(logger, kind, paperEvent.IdempotencyKey, paperEvent.PaperId, added.Value);
    }
}

public sealed class PaperEventsConsumerDefinition : ConsumerDefinition<PaperEventsConsumer>
{
    public PaperEventsConsumerDefinition()
    {
        EndpointName = PaperEventsConsumer.QueueName;
        ConcurrentMessageLimit = 8;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PaperEventsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // No exchange per message type: the queue is bound to the topic exchange by routing key only.
        endpointConfigurator.ConfigureConsumeTopology = false;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.Bind(PaperEvents.Exchange, b =>
            {
                b.ExchangeType = ExchangeType.Topic;
                b.RoutingKey = PaperEventsConsumer.BindingKey;
            });
        }
    }
}
