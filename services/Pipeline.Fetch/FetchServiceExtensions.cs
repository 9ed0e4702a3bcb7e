using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Fetch.Http;
using Pipeline.Fetch.Persistence;
using Polly;
using Pipeline.Fetch.Sources;
using Pipeline.Messaging;
using Pipeline.Persistence;

namespace Pipeline.Fetch;

public static class FetchServiceExtensions
{
    public static IHostApplicationBuilder AddFetchService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FetchOptions>()
            .BindConfiguration(FetchOptions.SectionName)
            .Validate(FetchOptions.Validate, "Fetch options are invalid: every source needs a known Kind with its URL/Path/Query/Categories and a positive Interval; host policies need MinInterval or MaxRequests/Per/Burst.")
            .ValidateOnStart();

        // Order matters: migrations run before the bus and the scheduler start.
        builder.Services.AddPipelineDbContext<FetchDbContext>(builder.Configuration, FetchDbContext.Schema);
        builder.Services.AddPipelineMessaging();

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(builder.Configuration.GetRequiredConnectionString(PersistenceExtensions.ConnectionStringName)));
        builder.Services.AddSingleton<HostBudget>();
        builder.Services.AddTransient<PolitenessHandler>();
        builder.Services.AddSingleton<FeedClient>();
        var fetch = builder.Configuration.GetSection(FetchOptions.SectionName).Get<FetchOptions>() ?? new FetchOptions();
        var feeds = builder.Services.AddHttpClient(FeedClient.HttpClientName, (sp, http) =>
            {
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<FetchOptions>>().Value.UserAgent);
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })
            // One connection per host: sources are fetched one request at a time anyway.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 1, AutomaticDecompression = DecompressionMethods.All });
        feeds.AddResilienceHandler("feeds", (pipeline, _) => pipeline
                .AddTimeout(fetch.AttemptTimeout * (fetch.Retries + 1) * 2)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, fetch.Retries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(2),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(fetch.Retries > 0 && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                })
                .AddTimeout(fetch.AttemptTimeout));
        // Innermost: every attempt, retries included, spends the host's shared budget.
        feeds.AddHttpMessageHandler<PolitenessHandler>();
        builder.Services.AddSingleton<ISourceFetcher, HfDailySource>();
        builder.Services.AddSingleton<ISourceFetcher, DirectorySource>();
        builder.Services.AddSingleton<ISourceFetcher, FeedSource>();
        builder.Services.AddSingleton<ISourceFetcher, ArxivApiSource>();
        builder.Services.AddSingleton<ISourceFetcher, OaiPmhSource>();
        builder.Services.AddScoped<DocumentStore>();
        builder.Services.AddHostedService<SourceScheduler>();
        return builder;
    }
}
