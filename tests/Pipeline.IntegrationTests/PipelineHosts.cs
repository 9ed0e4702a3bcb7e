using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pipeline.Classify;
using Pipeline.Fetch;
using Pipeline.Parse;
using Pipeline.Publish;

namespace Pipeline.IntegrationTests;

/// <summary>The four services as real in-process hosts against the fixture's PostgreSQL and RabbitMQ.</summary>
public sealed class PipelineHosts : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("pipeline-host-").FullName;

    public WebApplication Fetch => _apps[^1];

    /// <summary>The Parse host when the default four were started (publish, classify, parse, fetch).</summary>
    public WebApplication Parse => _apps[^2];

    /// <summary>The Publish host when the default four were started.</summary>
    public WebApplication Publish => _apps[^4];

    /// <summary>Starts consumers before producers (publish, classify, parse, then fetch), so no message finds its queue missing.</summary>
    public static Task<PipelineHosts> StartAsync(IReadOnlyDictionary<string, string?> configuration) =>
        StartAsync(configuration, [PublishApp.Create, ClassifyApp.Create, ParseApp.Create, FetchApp.Create]);

    /// <summary>Starts the given hosts in order (e.g. two Fetch instances).</summary>
    public static async Task<PipelineHosts> StartAsync(IReadOnlyDictionary<string, string?> configuration, IReadOnlyList<Func<string[], Action<WebApplicationBuilder>, WebApplication>> services)
    {
        var hosts = new PipelineHosts();
        var args = new[] { "--contentRoot", hosts._contentRoot, "--environment", "Testing" };
        void Configure(WebApplicationBuilder builder)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Outbox:PollInterval"] = "00:00:00.250",
                ["Fetch:SchedulerTick"] = "00:00:00.250",
                // Loopback test servers: no waiting between requests unless a test sets a policy.
                ["Fetch:DefaultHost:MinInterval"] = "00:00:00.001",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Pipeline"] = "Information",
            });
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
        }

        foreach (var create in services)
        {
            var app = create(args, Configure);
            hosts._apps.Add(app);
            await app.StartAsync();
        }

        return hosts;
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        [
            .. Enumerable.Reverse(_apps).Select<WebApplication, Func<ValueTask>>(app => async () =>
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }),
            () =>
            {
                Directory.Delete(_contentRoot, recursive: true);
                return ValueTask.CompletedTask;
            },
        ]);
}
