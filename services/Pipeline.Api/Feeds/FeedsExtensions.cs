using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Api.Feeds;
using Pipeline.Classification;
using Pipeline.Persistence;

// In the API's root namespace so that ApiServiceExtensions needs one line per call and no using.
namespace Pipeline.Api;

/// <summary>Atom and JSON Feed of the published papers, and the saved queries behind <c>/feeds/queries/{name}</c>.</summary>
public static class FeedsExtensions
{
    /// <summary>Options, the taxonomy, the read-model queries and the <c>feeds</c> schema (migrated at start).</summary>
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FeedOptions>()
            .BindConfiguration(FeedOptions.SectionName)
            .PostConfigure<IConfiguration>((o, configuration) => o.TaxonomyPath ??= configuration["Classify:TaxonomyPath"] is { Length: > 0 } path ? path : null)
            .Validate(FeedOptions.Validate, "Feeds options are invalid: Title required, DefaultPageSize 1–MaxPageSize, MaxPageSize 1–1000, MaxAge ≥ 0, PublicUrl an absolute http(s) URL when set, TaxonomyPath an existing file when set.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<FeedOptions>>().Value.TaxonomyPath;
            if (path is null)
            {
                return new FeedTaxonomy(Taxonomy.LoadDefault());
            }

            using var file = File.OpenRead(path);
            return new FeedTaxonomy(Taxonomy.Load(file));
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<FeedQueries>();
        builder.Services.AddScoped<SavedFeedQueries>();

        var connectionString = builder.Configuration.GetRequiredConnectionString(PersistenceExtensions.ConnectionStringName);
        builder.Services.AddDbContext<FeedsDbContext>(o => o.UsePipelineNpgsql(connectionString, FeedsDbContext.Schema));
        if (builder.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            builder.Services.AddHostedService<MigrationHostedService<FeedsDbContext>>();
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<FeedsDbContext>(nameof(FeedsDbContext), tags: [ServiceDefaults.ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary><c>/feeds/…</c> and <c>/api/feeds/queries</c>.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app) => FeedEndpoints.Map(app);
}
