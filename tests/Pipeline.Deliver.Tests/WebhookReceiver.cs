using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.Deliver.Tests;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, port 0): <c>POST /hooks/{name}</c> records every request and checks its
/// signature the way a downstream team would, with its own HMAC code (not the service's), including the 5-minute
/// timestamp window. Each name answers with a configurable status code (default 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    /// <summary>Secret per hook name, for verification.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Retry-After (seconds) sent with a 429/503 per hook name.</summary>
    public ConcurrentDictionary<string, int> RetryAfterSeconds { get; } = new(StringComparer.Ordinal);

    /// <summary>Status code per hook name (default 200).</summary>
    public ConcurrentDictionary<string, int> Status { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests to these names are answered only once the task completes (an attempt kept in flight).</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Holds { get; } = new(StringComparer.Ordinal);

    public string BaseUrl { get; private set; } = "";

    public string Url(string name) => $"{BaseUrl}/hooks/{name}";

    public IReadOnlyList<ReceivedHook> For(string name) => Received.Where(r => r.Name == name).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", async (string name, HttpRequest request, HttpResponse response) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var signature = request.Headers["X-Pipeline-Signature"].ToString();
            var valid = receiver.Secrets.TryGetValue(name, out var secret) && Verify(secret, signature, body, DateTimeOffset.UtcNow);
            receiver.Received.Enqueue(new ReceivedHook(
                name, DateTimeOffset.UtcNow, body, signature, valid,
                request.Headers["X-Pipeline-Delivery"].ToString(), request.Headers["X-Pipeline-Event"].ToString(),
                request.Headers.UserAgent.ToString()));
            if (receiver.Holds.TryGetValue(name, out var hold))
            {
                await hold.Task;
            }

            var status = receiver.Status.GetValueOrDefault(name, 200);
            if (status is 429 or 503 && receiver.RetryAfterSeconds.TryGetValue(name, out var retryAfter))
            {
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            return status == 204
                ? Results.NoContent()
                : Results.Text(status is >= 200 and < 300 ? "thanks" : "receiver is down", "text/plain", statusCode: status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>
    /// What a receiver does (the README's sample): t and v1 from the header, HMAC-SHA256 over "{t}.{body}",
    /// constant-time compare of the hex text, |now − t| ≤ 5 min. Never throws on a malformed header.
    /// </summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0].Trim(), p => p[1].Trim());
        if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || t > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || Math.Abs(now.ToUnixTimeSeconds() - t) > 300)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"))));
        return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(v.ToLowerInvariant())));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedHook(string Name, DateTimeOffset At, string Body, string Signature, bool SignatureValid, string DeliveryId, string Event, string UserAgent);
