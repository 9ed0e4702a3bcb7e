using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Resources;
using Pipeline.Contracts;
using RabbitMQ.Client;

namespace Pipeline.ExampleConsumer;

public static class ExampleConsumerExtensions
{
    /// <summary>MassTransit's activity source: its publish, send, receive and consume spans.</summary>
    public const string MassTransitActivitySource = "MassTransit";

    public static WebApplicationBuilder AddExampleConsumer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Options, checked before anything starts: a typo in a binding should stop the process, not bind nothing.
        services.AddOptions<ExampleConsumerOptions>()
            .BindConfiguration(ExampleConsumerOptions.SectionName)
            .Configure<IConfiguration>((o, config) => o.ConnectionString = config.GetConnectionString("ExampleConsumer") ?? "")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExampleConsumerOptions>, ExampleConsumerOptionsValidator>();
        services.AddOptions<RabbitMqTransportOptions>()
            .BindConfiguration("RabbitMq")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "RabbitMq:Host is required")
            .ValidateOnStart();

        // The idempotency store and read model. Registered before MassTransit, so its schema exists before the first
        // message is consumed (hosted services start in registration order).
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<ExampleConsumerOptions>>().Value.ConnectionString));
        services.AddSingleton<PaperStore>();
        services.AddHostedService<PaperStoreInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgres", tags: ["ready"]);

        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // Do not report "started" before the queue and its bindings exist.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddConsumer<PaperEventsConsumer>();
            x.UsingRabbitMq((context, cfg) =>
            {
                var rabbit = context.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value;
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VHost, h =>
                {
                    h.Username(rabbit.User);
                    h.Password(rabbit.Pass);
                });

                var options = context.GetRequiredService<IOptions<ExampleConsumerOptions>>().Value;
                cfg.ReceiveEndpoint(options.Queue, e =>
                {
                    // No exchanges named after message types: this queue receives exactly what its bindings select
                    // from the pipeline's topic exchange.
                    e.ConfigureConsumeTopology = false;
                    if (options.QuorumQueue)
                    {
                        e.SetQuorumQueue();
                    }

                    e.PrefetchCount = options.PrefetchCount;
                    foreach (var key in options.BindingKeys())
                    {
                        e.Bind(PaperEvents.Exchange, b =>
                        {
                            b.ExchangeType = ExchangeType.Topic;
                            b.Durable = true;
                            b.AutoDelete = false;
                            b.RoutingKey = key;
                        });
                    }

                    // Transient failures (database restart) are retried in memory, then the message goes to
                    // {queue}_error, from where it can be moved back.
                    e.UseMessageRetry(r => r.Intervals(200, 1_000, 5_000));
                    e.ConfigureConsumer<PaperEventsConsumer>(context);
                });
            });
        });

        // Tracing: MassTransit continues the W3C trace context the pipeline sent in the message headers, so the
        // consume span (and the Npgsql spans under it) belong to the pipeline's trace. OTLP export when
        // OTEL_EXPORTER_OTLP_ENDPOINT is set.
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipeline-example-consumer"))
            .WithTracing(t => t.AddSource(MassTransitActivitySource).AddNpgsql());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return builder;
    }
}

/// <summary>Creates the consumer's tables at start.</summary>
public sealed class PaperStoreInitializer(PaperStore store, IOptions<ExampleConsumerOptions> options, ILogger<PaperStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        var bindingKeys = string.Join(", ", options.Value.BindingKeys());
        Log.Binding(logger, options.Value.Queue, bindingKeys, PaperEvents.Exchange);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
