using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.IntegrationTests;

namespace Pipeline.Api.Tests;

/// <summary>
/// One ingested pipeline for the API and browser tests: a fresh database and vhost, the four services in-process,
/// a loopback HF server serving the recorded 2024-06-17 day, a drop folder holding the malformed 2024-12-11 day,
/// and the API/dashboard host built by <see cref="ApiApp.Create"/>. Ready when the day is published and the
/// malformed payload rejected.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string HfDay = "2024-06-17";
    public const string HfSourceId = "hf-test";
    public const string DropSourceId = "drop-test";
    public const string MalformedDay = "2024-12-11";
    public const string Key = "test-operator-key-0123456789";
    public const int HfDayPapers = 18;

    private static readonly TimeSpan IngestTimeout = TimeSpan.FromSeconds(120);
    private readonly string _apiContentRoot = Directory.CreateTempSubdirectory("pipeline-api-").FullName;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public LoopbackHfServer HfServer { get; private set; } = null!;

    public PipelineHosts Hosts { get; private set; } = null!;

    public WebApplication Api { get; private set; } = null!;

    public string DropFolder { get; } = Directory.CreateTempSubdirectory("pipeline-drop-").FullName;

    /// <summary>Where the API and dashboard listen, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Screenshots and other artifacts: <c>PIPELINE_TEST_ARTIFACTS</c>, else <c>artifacts/</c> in the test output.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("PIPELINE_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        HfServer = await LoopbackHfServer.StartAsync();
        File.Copy(TestFiles.HfDay(MalformedDay), Path.Combine(DropFolder, $"{MalformedDay}.json"));

        var configuration = Infrastructure.HostConfiguration();
        configuration[$"Fetch:Sources:{HfSourceId}:Kind"] = "hf-daily";
        configuration[$"Fetch:Sources:{HfSourceId}:BaseUrl"] = HfServer.BaseUrl;
        configuration[$"Fetch:Sources:{HfSourceId}:Date"] = HfDay;
        configuration[$"Fetch:Sources:{HfSourceId}:Interval"] = "01:00:00";
        configuration[$"Fetch:Sources:{DropSourceId}:Kind"] = "directory";
        configuration[$"Fetch:Sources:{DropSourceId}:Path"] = DropFolder;
        configuration[$"Fetch:Sources:{DropSourceId}:Interval"] = "01:00:00";
        Hosts = await PipelineHosts.StartAsync(configuration);

        configuration["Api:Key"] = Key;
        configuration["Api:ManagementUrl"] = Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } management ? management : "http://127.0.0.1:15672";
        configuration["Api:RefreshInterval"] = "00:00:01";
        configuration["Api:TraceViewerUrl"] = "http://127.0.0.1:16686/trace/{traceId}";
        Api = ApiApp.Create(["--contentRoot", _apiContentRoot, "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
        });
        await Api.StartAsync();
        BaseAddress = new Uri(Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await Eventually.TrueAsync(
            async () => await Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers") >= HfDayPapers,
            IngestTimeout, $"the {HfDay} papers to be published");
        await Eventually.TrueAsync(
            async () =>
            {
                if (await Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.rejected_documents WHERE source_id = $1", DropSourceId) > 0)
                {
                    return true;
                }

                // The folder was filled before the start; ask again in case the first poll came too early.
                await Infrastructure.ExecuteAsync("UPDATE fetcher.sources SET next_due_at = now() WHERE id = $1 AND lease_until IS NULL AND last_success_at IS NULL", DropSourceId);
                return false;
            },
            IngestTimeout, $"the malformed {MalformedDay} payload to be rejected");
    }

    /// <summary>A client of the API; with <paramref name="key"/>, it sends it as X-Api-Key.</summary>
    public HttpClient Client(string? key = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        async () =>
        {
            await Api.StopAsync();
            await Api.DisposeAsync();
        },
        () => Hosts.DisposeAsync(),
        () => HfServer.DisposeAsync(),
        () => Infrastructure.DisposeAsync(),
        () =>
        {
            Directory.Delete(DropFolder, recursive: true);
            Directory.Delete(_apiContentRoot, recursive: true);
            return ValueTask.CompletedTask;
        });
}

[CollectionDefinition(Name)]
public sealed class ApiTestGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
