using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;
using RabbitMQ.Client;

namespace Pipeline.Messaging;

/// <summary>MassTransit on RabbitMQ with the pipeline's bus-wide defaults.</summary>
public static class MessagingExtensions
{
    /// <summary>Configuration section holding <see cref="RabbitMqTransportOptions"/>.</summary>
    public const string SectionName = "RabbitMq";

    public static IServiceCollection AddPipelineMessaging(
        this IServiceCollection services,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        services.AddOptions<RabbitMqTransportOptions>()
            .BindConfiguration(SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "RabbitMq:Host is required")
            .ValidateOnStart();

        // Never return from StartAsync before the bus is connected: a message published before a consumer's
        // queue is bound would be dropped.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetKebabCaseEndpointNameFormatter();

            // Bus-wide consumer policy: short in-memory retries (Debian's RabbitMQ has no delayed-exchange plugin,
            // so no delayed redelivery), then the _error queue. The in-memory outbox holds back everything a
            // handler publishes until it succeeds.
            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<PermanentMessageException>();
                    r.Intervals(200, 1_000, 5_000);
                });
                endpoint.UseInMemoryOutbox(context);
            });

            configure?.Invoke(x);

            x.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value;
                cfg.Host(options.Host, options.Port, options.VHost, h =>
                {
                    h.Username(options.User);
                    h.Password(options.Pass);
                });
                cfg.PrefetchCount = 32;
                ConfigureTopology(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }

    /// <summary>Exchange names and types every host must agree on.</summary>
    public static void ConfigureTopology(IRabbitMqBusFactoryConfigurator cfg)
    {
        // The three paper events share one topic exchange; consumers bind by routing key (paper.{kind}.{topic}).
        cfg.Publish<PaperEvent>(p => p.Exclude = true);
        cfg.Message<PaperPublished>(m => m.SetEntityName(PaperEvents.Exchange));
        cfg.Publish<PaperPublished>(p => p.ExchangeType = ExchangeType.Topic);
        cfg.Message<PaperUpdated>(m => m.SetEntityName(PaperEvents.Exchange));
        cfg.Publish<PaperUpdated>(p => p.ExchangeType = ExchangeType.Topic);
        cfg.Message<PaperWithdrawn>(m => m.SetEntityName(PaperEvents.Exchange));
        cfg.Publish<PaperWithdrawn>(p => p.ExchangeType = ExchangeType.Topic);
        // Related-list changes travel on the same exchange under their own keys (related.updated.{topic}).
        cfg.Message<RelatedPapersUpdated>(m => m.SetEntityName(PaperEvents.Exchange));
        cfg.Publish<RelatedPapersUpdated>(p => p.ExchangeType = ExchangeType.Topic);
    }
}

/// <summary>A failure that a retry cannot fix; the message goes straight to the error queue.</summary>
public sealed class PermanentMessageException(string message) : Exception(message);
