using MassTransit;
using Pipeline.Messaging;
using Pipeline.Persistence;
using Pipeline.Publish.Consumers;
using Pipeline.Publish.Persistence;

namespace Pipeline.Publish;

public static class PublishServiceExtensions
{
    public static IHostApplicationBuilder AddPublishService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPipelineDbContext<PublishDbContext>(builder.Configuration, PublishDbContext.Schema);
        builder.Services.AddScoped<PublishedPaperStore>();
        builder.Services.AddPipelineMessaging(x =>
        {
            x.AddConsumer<PapersClassifiedConsumer, PapersClassifiedConsumerDefinition>();
            x.AddConsumer<RelatedPapersComputedConsumer, RelatedPapersComputedConsumerDefinition>();
        });
        return builder;
    }
}
