using Pipeline.Fetch.Persistence;
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
            .Validate(FetchOptions.Validate, "Fetch options are invalid: every source needs a known Kind, a BaseUrl (hf-daily) or a Path (directory), and a positive Interval.")
            .ValidateOnStart();

        // Order matters: migrations run before the bus and the scheduler start.
        builder.Services.AddPipelineDbContext<FetchDbContext>(builder.Configuration, FetchDbContext.Schema);
        builder.Services.AddPipelineMessaging();

        builder.Services.AddHttpClient(HfDailySource.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<FetchOptions>>().Value;
            http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        });
        builder.Services.AddSingleton<ISourceFetcher, HfDailySource>();
        builder.Services.AddSingleton<ISourceFetcher, DirectorySource>();
        builder.Services.AddScoped<DocumentStore>();
        builder.Services.AddHostedService<SourceScheduler>();
        return builder;
    }
}
