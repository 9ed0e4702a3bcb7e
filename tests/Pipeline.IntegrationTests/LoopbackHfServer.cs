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

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Days answered once with <c>429 Too Many Requests</c> and <c>Retry-After</c> (seconds).</summary>
    public ConcurrentDictionary<string, int> ThrottleOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>Bodies served instead of the recorded day (a changed day, as the real API would serve it later).</summary>
    public ConcurrentDictionary<string, byte[]> Overrides { get; } = new(StringComparer.Ordinal);

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
            var at = DateTimeOffset.UtcNow;
            var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
            if (server.ThrottleOnce.TryRemove(date, out var retryAfter))
            {
                server.Requests.Enqueue(new Request(at, date, 429, ifNoneMatch));
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(429);
            }

            // A day the capture does not have is an empty day, as on the real API.
            var file = TestFiles.HfDay(date);
            var body = server.Overrides.TryGetValue(date, out var overridden) ? overridden
                : File.Exists(file) ? await File.ReadAllBytesAsync(file) : "[]"u8.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))[..16]}\"";
            if (ifNoneMatch == etag)
            {
                server.Requests.Enqueue(new Request(at, date, 304, ifNoneMatch));
                return Results.StatusCode(304);
            }

            server.Requests.Enqueue(new Request(at, date, 200, ifNoneMatch));
            http.Response.Headers.ETag = etag;
            return Results.Bytes(body, "application/json");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Request(DateTimeOffset At, string Date, int Status, string IfNoneMatch);
}

public static class TestFiles
{
    public static string HfDay(string date) => Path.Combine(AppContext.BaseDirectory, "SharedTestData", "hf_daily", $"{Path.GetFileName(date)}.json");
}
