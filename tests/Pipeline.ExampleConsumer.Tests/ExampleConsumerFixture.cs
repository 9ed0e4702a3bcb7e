using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts;
using Pipeline.IntegrationTests;
using Pipeline.Messaging;

namespace Pipeline.ExampleConsumer.Tests;

/// <summary>
/// A fresh database and vhost, the example consumer as an in-process host bound to topics <c>peft</c> and <c>rag</c>
/// of kind <c>published</c>, and a publishing bus configured like the pipeline's (<see cref="MessagingExtensions.ConfigureTopology"/>).
/// </summary>
public sealed class ExampleConsumerFixture : IAsyncLifetime
{
    public const string Queue = "example-consumer.test";

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("example-consumer-").FullName;
    private ServiceProvider? _publisherServices;
    private ActivityListener? _spanListener;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public WebApplication Consumer { get; private set; } = null!;

    public IBusControl Publisher { get; private set; } = null!;

    /// <summary>Every message the consumer's endpoint handled (after its consumer returned).</summary>
    public DeliveryObserver Deliveries { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        Consumer = await StartConsumerAsync(new()
        {
            ["ExampleConsumer:Queue"] = Queue,
            ["ExampleConsumer:Kinds"] = PaperEvents.Published,
            ["ExampleConsumer:Topics"] = "peft, rag",
        }, services => services.AddConsumeObserver(_ => Deliveries));

        // The publishing side: a bus with the pipeline's topology (the three events on the topic exchange
        // pipeline.paper-events), publishing with a routing key as the outbox relay does.
        var services = new ServiceCollection();
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((_, cfg) =>
            {
                var rabbit = Infrastructure.HostConfiguration();
                cfg.Host(Infrastructure.RabbitHost, (ushort)Infrastructure.RabbitPort, Infrastructure.VirtualHost, h =>
                {
                    h.Username(rabbit["RabbitMq:User"]!);
                    h.Password(rabbit["RabbitMq:Pass"]!);
                });
                MessagingExtensions.ConfigureTopology(cfg);
            });
        });
        _publisherServices = services.BuildServiceProvider();
        Publisher = _publisherServices.GetRequiredService<IBusControl>();
        await Publisher.StartAsync(TestContext.Current.CancellationToken);

        await PublishScenarioAsync();
    }

    public PaperPublished TwoTopics { get; } = TestEvents.Published("2411.00001", "peft", "rag");

    public PaperPublished Rag { get; } = TestEvents.Published("2411.00002", "rag");

    public PaperPublished Last { get; } = TestEvents.Published("2411.00009", "peft");

    /// <summary>Events the consumer's bindings do not select.</summary>
    public IReadOnlyList<PaperEvent> NotBound { get; } =
    [
        TestEvents.Published("2411.00003", "agents"),     // another topic
        TestEvents.Updated("2411.00004", "peft"),         // another kind, bound topic
        TestEvents.Withdrawn("2411.00005", "rag"),        // another kind, bound topic
        TestEvents.Published("2411.00006"),               // no topic: paper.published.none
    ];

    public string TwoTopicsTraceId { get; private set; } = "";

    /// <summary>Span id of the publisher's own activity around the publication of <see cref="TwoTopics"/>.</summary>
    public string TwoTopicsRootSpanId { get; private set; } = "";

    /// <summary>MassTransit's spans in this process (publisher and consumer alike).</summary>
    public ConcurrentQueue<SpanRecord> Spans { get; } = new();

    public string RagTraceId { get; private set; } = "";

    /// <summary>A raw queue bound to <c>paper.#</c>: proves the events the consumer must not see were published and routable.</summary>
    public PaperEventListener Everything { get; private set; } = null!;

    private async Task PublishScenarioAsync()
    {
        // Observe MassTransit's spans without changing what is sampled (the consumer host's OpenTelemetry decides).
        _spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ExampleConsumerExtensions.MassTransitActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = a => Spans.Enqueue(new SpanRecord(
                a.TraceId.ToHexString(), a.SpanId.ToHexString(), a.ParentSpanId.ToHexString(), a.Kind, a.DisplayName)),
        };
        ActivitySource.AddActivityListener(_spanListener);
        Everything = await PaperEventListener.StartAsync(Infrastructure.AmqpUri, "paper.#");

        // Each publication in its own trace, as the pipeline's relay publishes inside the trace of the transaction
        // that wrote the outbox row.
        using (var activity = StartPipelineActivity())
        {
            TwoTopicsTraceId = activity.TraceId.ToHexString();
            TwoTopicsRootSpanId = activity.SpanId.ToHexString();
            await PublishAsync(TwoTopics);                                  // paper.published.peft + paper.published.rag
        }

        foreach (var paperEvent in NotBound)
        {
            await (paperEvent switch
            {
                PaperPublished e => PublishAsync(e),
                PaperUpdated e => PublishAsync(e),
                PaperWithdrawn e => PublishAsync(e),
                _ => throw new InvalidOperationException(),
            });
        }

        var ragMessageId = NewId.NextGuid();
        using (var activity = StartPipelineActivity())
        {
            RagTraceId = activity.TraceId.ToHexString();
            await PublishAsync(Rag, ragMessageId);
            // The relay sends a row again after a crash between publish and delete: same message id, same event,
            // same trace (the row keeps its traceparent).
            await PublishAsync(Rag, ragMessageId);
        }

        // pipeline republish, later: the same event marked as a replay, for one topic, in a trace of its own. (The
        // consumer processes messages concurrently, so the wait keeps the replay from overtaking the original.)
        await Eventually(() => Deliveries.Handled.Count(d => d.IdempotencyKey == TwoTopics.IdempotencyKey) >= 2);
        await PublishAsync(TwoTopics with { Replay = true }, null, PaperEvents.PublishedRoutingKey("peft"));
        await PublishAsync(Last);

        // Everything bound was queued before Last: once Last is handled and the count reached, nothing else can come.
        await Eventually(() => Deliveries.Handled.Count >= 6 && Deliveries.Handled.Any(d => d.IdempotencyKey == Last.IdempotencyKey));
        await Eventually(() => Everything.Received.Count >= 10);
    }

    /// <summary>A sampled root span, like the pipeline's "outbox relay" span that the relay publishes under.</summary>
    private static Activity StartPipelineActivity()
    {
        var activity = new Activity("outbox relay (test)");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return activity.Start();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The example consumer did not handle the published events within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts an example consumer host against this fixture's broker and database.</summary>
    public async Task<WebApplication> StartConsumerAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var app = ExampleConsumerApp.Create(["--contentRoot", _contentRoot, "--environment", "Testing"], builder =>
        {
            // RabbitMq:Host, Port, VHost, User, Pass of the fixture's vhost.
            builder.Configuration.AddInMemoryCollection(Infrastructure.HostConfiguration());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ExampleConsumer"] = Infrastructure.ConnectionString,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Pipeline"] = "Debug",
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes one copy of <paramref name="paperEvent"/> per routing key, as the pipeline's relay does.</summary>
    public async Task PublishAsync<T>(T paperEvent, Guid? messageId = null, params string[] routingKeys)
        where T : PaperEvent
    {
        var keys = routingKeys.Length > 0 ? routingKeys : PaperEvents.RoutingKeys(paperEvent).ToArray();
        foreach (var key in keys)
        {
            await Publisher.Publish(paperEvent, ctx =>
            {
                ctx.MessageId = messageId ?? NewId.NextGuid();
                ctx.SetRoutingKey(key);
            }, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await Teardown.RunAllAsync(
        () =>
        {
            _spanListener?.Dispose();
            return ValueTask.CompletedTask;
        },
        async () =>
        {
            if (Everything is not null)
            {
                await Everything.DisposeAsync();
            }
        },
        async () =>
        {
            if (Publisher is not null)
            {
                await Publisher.StopAsync();
            }

            if (_publisherServices is not null)
            {
                await _publisherServices.DisposeAsync();
            }
        },
        async () =>
        {
            if (Consumer is not null)
            {
                await Consumer.StopAsync();
                await Consumer.DisposeAsync();
            }
        },
        async () =>
        {
            if (Infrastructure is not null)
            {
                await Infrastructure.DisposeAsync();
            }
        },
        () =>
        {
            Directory.Delete(_contentRoot, recursive: true);
            return ValueTask.CompletedTask;
        });
}

public sealed record SpanRecord(string TraceId, string SpanId, string ParentSpanId, ActivityKind Kind, string Name);

/// <summary>Records each message the consumer handled: its idempotency key and the routing key it came with.</summary>
public sealed class DeliveryObserver : IConsumeObserver
{
    public ConcurrentQueue<(string IdempotencyKey, string? RoutingKey)> Handled { get; } = new();

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is PaperEvent paperEvent)
        {
            Handled.Enqueue((paperEvent.IdempotencyKey, context.RoutingKey()));
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
