using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.IntegrationTests;

/// <summary>
/// Serves recorded Hugging Face days on 127.0.0.1: <c>GET /api/daily_papers?date=YYYY-MM-DD</c> answers with
/// <c>SharedTestData/hf_daily/{date}.json</c>, 404 for a day it does not have. Counts requests.
/// </summary>
public sealed class LoopbackHfServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackHfServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(DateTimeOffset At, string PathAndQuery)> Requests { get; } = new();

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<LoopbackHfServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackHfServer(app);
        app.MapGet("/api/daily_papers", async (HttpContext http, string date) =>
        {
            server.Requests.Enqueue((DateTimeOffset.UtcNow, http.Request.Path + http.Request.QueryString));
            var file = TestFiles.HfDay(date);
            if (!File.Exists(file))
            {
                return Results.NotFound();
            }

            return Results.Bytes(await File.ReadAllBytesAsync(file), "application/json");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public static class TestFiles
{
    public static string HfDay(string date) => Path.Combine(AppContext.BaseDirectory, "SharedTestData", "hf_daily", $"{Path.GetFileName(date)}.json");
}
