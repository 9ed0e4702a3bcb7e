using System.Net;
using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using netDumbster.smtp;
using Pipeline.Api;
using Pipeline.Deliver.Management;
using Pipeline.IntegrationTests;

namespace Pipeline.Deliver.Tests;

[CollectionDefinition(Name)]
public sealed class DeliverTestGroup : ICollectionFixture<DeliverFixture>
{
    public const string Name = "deliver";
}

/// <summary>
/// The Deliver service in process on a fresh database and RabbitMQ vhost, with loopback targets allowed and a
/// tiny retry schedule (4 attempts, 150 ms × 3ⁿ); a webhook receiver and an SMTP server (netDumbster) on
/// 127.0.0.1; the API host for the management endpoints and the unsubscribe link. Tests publish paper events on
/// the real exchange through the Deliver host's bus, with routing keys, as the outbox relay does.
/// </summary>
public sealed class DeliverFixture : IAsyncLifetime
{
    public const string ApiKey = "test-operator-key-0123456789";
    public const int MaxAttempts = 4;

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("pipeline-deliver-").FullName;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public SimpleSmtpServer Smtp { get; private set; } = null!;

    public WebApplication Deliver { get; private set; } = null!;

    public WebApplication Api { get; private set; } = null!;

    public HttpClient ApiClient { get; private set; } = null!;

    public Uri ApiBase { get; private set; } = null!;

    public IBus Bus => Deliver.Services.GetRequiredService<IBus>();

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        Smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

        // The API first: its address goes into the digests' unsubscribe links.
        Api = ApiApp.Create(["--contentRoot", _contentRoot, "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Quiet());
            builder.Configuration.AddInMemoryCollection(Infrastructure.HostConfiguration());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Api:Key"] = ApiKey,
                ["Api:ManagementUrl"] = Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } management ? management : "http://127.0.0.1:15672",
                ["Deliver:Webhooks:AllowLoopback"] = "true",
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
        });

        // Deliver migrates its schema at start; the API does not, so Deliver starts before the API serves.
        Deliver = DeliverApp.Create(["--contentRoot", _contentRoot, "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Quiet());
            builder.Configuration.AddInMemoryCollection(Infrastructure.HostConfiguration());
            builder.Configuration.AddInMemoryCollection(DeliverConfiguration());
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
        });
        await Deliver.StartAsync();
        await Api.StartAsync();
        ApiBase = new Uri(Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        ApiClient = new HttpClient { BaseAddress = ApiBase };
        ApiClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Dictionary<string, string?> DeliverConfiguration() => new(StringComparer.Ordinal)
    {
        ["Deliver:PublicBaseUrl"] = "http://127.0.0.1:5080",
        ["Deliver:Webhooks:AllowLoopback"] = "true",
        ["Deliver:Webhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deliver:Webhooks:InitialDelay"] = "00:00:00.150",
        ["Deliver:Webhooks:BackoffFactor"] = "3",
        ["Deliver:Webhooks:Jitter"] = "0.1",
        ["Deliver:Webhooks:PollInterval"] = "00:00:00.050",
        ["Deliver:Webhooks:AttemptTimeout"] = "00:00:05",
        ["Deliver:Webhooks:DisableAfterDeadLetters"] = "0",
        ["Deliver:Digests:PollInterval"] = "00:00:00.200",
        ["Deliver:Digests:TopN"] = "10",
        ["Deliver:Smtp:Host"] = "127.0.0.1",
        ["Deliver:Smtp:Port"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Deliver:Smtp:From"] = "Paper pipeline <digests@pipeline.test>",
        ["Deliver:Smtp:UseTls"] = "false",
    };

    /// <summary>Runs <paramref name="action"/> with the Deliver host's management service (its own scope).</summary>
    public async Task<T> ManageAsync<T>(Func<DeliveryManagement, Task<T>> action)
    {
        await using var scope = Deliver.Services.CreateAsyncScope();
        return await action(ActivatorUtilities.CreateInstance<DeliveryManagement>(scope.ServiceProvider));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }

    public static HttpRequestMessage Operator(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", ApiKey);
        return request;
    }

    private static Dictionary<string, string?> Quiet() => new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Pipeline"] = "Information",
        ["Outbox:PollInterval"] = "00:00:00.250",
    };

    public async ValueTask DisposeAsync() => await Teardown.RunAllAsync(
        async () =>
        {
            ApiClient?.Dispose();
            await Api.StopAsync();
            await Api.DisposeAsync();
        },
        async () =>
        {
            await Deliver.StopAsync();
            await Deliver.DisposeAsync();
        },
        () =>
        {
            Smtp.Stop();
            Smtp.Dispose();
            return ValueTask.CompletedTask;
        },
        () => Receiver.DisposeAsync(),
        () => Infrastructure.DisposeAsync(),
        () =>
        {
            Directory.Delete(_contentRoot, recursive: true);
            return ValueTask.CompletedTask;
        });
}
