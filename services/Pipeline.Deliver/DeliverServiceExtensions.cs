using MassTransit;
using Microsoft.Extensions.Options;
using Pipeline.Deliver.Consumers;
using Pipeline.Deliver.Digests;
using Pipeline.Deliver.Persistence;
using Pipeline.Deliver.Webhooks;
using Pipeline.Messaging;
using Pipeline.Persistence;

namespace Pipeline.Deliver;

public static class DeliverServiceExtensions
{
    public static IHostApplicationBuilder AddDeliverService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDeliverOptions();

        // Registers the migration step first, so the workers start on a migrated schema.
        builder.Services.AddPipelineDbContext<DeliverDbContext>(builder.Configuration, DeliverDbContext.Schema);
        builder.Services.AddScoped<DeliverStore>();
        builder.Services.AddSingleton<WebhookSignal>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.CreateHandler(sp.GetRequiredService<IOptions<DeliverOptions>>().Value.Webhooks));
        builder.Services.AddHostedService<WebhookDeliveryWorker>();

        builder.Services.AddSingleton<IDigestMailer, SmtpDigestMailer>();
        builder.Services.AddScoped<DigestService>();
        builder.Services.AddHostedService<DigestScheduler>();

        builder.Services.AddPipelineMessaging(x => x.AddConsumer<PaperEventsConsumer, PaperEventsConsumerDefinition>());
        return builder;
    }

    /// <summary><c>Deliver</c> options, bound and validated at start (also used by the API for target checks).</summary>
    public static IServiceCollection AddDeliverOptions(this IServiceCollection services)
    {
        services.AddOptions<DeliverOptions>()
            .BindConfiguration(DeliverOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliverOptions>, DeliverOptionsValidator>();
        return services;
    }
}

/// <summary>Reports every broken rule of <see cref="DeliverOptions"/> by name.</summary>
public sealed class DeliverOptionsValidator : IValidateOptions<DeliverOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliverOptions options)
    {
        var errors = options.Errors().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
