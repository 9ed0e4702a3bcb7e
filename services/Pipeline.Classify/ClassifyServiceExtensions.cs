using MassTransit;
using Pipeline.Classification;
using Pipeline.Classify.Consumers;
using Pipeline.Classify.Persistence;
using Pipeline.Messaging;
using Pipeline.Persistence;

namespace Pipeline.Classify;

public static class ClassifyServiceExtensions
{
    public static IHostApplicationBuilder AddClassifyService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClassifyOptions>()
            .BindConfiguration(ClassifyOptions.SectionName)
            .Validate(o => o.TaxonomyPath is null || File.Exists(o.TaxonomyPath), "Classify:TaxonomyPath names a file that does not exist.")
            .ValidateOnStart();
        builder.Services.AddPipelineDbContext<ClassifyDbContext>(builder.Configuration, ClassifyDbContext.Schema);
        builder.Services.AddSingleton(sp => new TopicClassifier(LoadTaxonomy(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClassifyOptions>>().Value)));
        builder.Services.AddScoped<EnrichmentStore>();
        builder.Services.AddPipelineMessaging(x => x.AddConsumer<PapersParsedConsumer, PapersParsedConsumerDefinition>());
        return builder;
    }

    private static Taxonomy LoadTaxonomy(ClassifyOptions options)
    {
        if (options.TaxonomyPath is null)
        {
            return Taxonomy.LoadDefault();
        }

        using var file = File.OpenRead(options.TaxonomyPath);
        return Taxonomy.Load(file);
    }
}

public sealed class ClassifyOptions
{
    public const string SectionName = "Classify";

    /// <summary>An operator's taxonomy JSON; the built-in one (config/taxonomy.md) when absent.</summary>
    public string? TaxonomyPath { get; set; }
}
