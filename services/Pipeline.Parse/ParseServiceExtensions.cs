using MassTransit;
using Pipeline.Messaging;
using Pipeline.Parse.Consumers;
using Pipeline.Parse.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Parse;

public static class ParseServiceExtensions
{
    public static IHostApplicationBuilder AddParseService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ParseOptions>()
            .BindConfiguration(ParseOptions.SectionName)
            .Validate(o => o.BatchSize is > 0 and <= 1000, "Parse:BatchSize must be between 1 and 1000.")
            .ValidateOnStart();
        builder.Services.AddPipelineDbContext<ParseDbContext>(builder.Configuration, ParseDbContext.Schema);
        builder.Services.AddScoped<PaperStore>();
        builder.Services.AddPipelineMessaging(x => x.AddConsumer<DocumentFetchedConsumer, DocumentFetchedConsumerDefinition>());
        return builder;
    }
}

public sealed class ParseOptions
{
    public const string SectionName = "Parse";

    /// <summary>Papers per <c>PapersParsed</c> message.</summary>
    public int BatchSize { get; set; } = 200;
}
