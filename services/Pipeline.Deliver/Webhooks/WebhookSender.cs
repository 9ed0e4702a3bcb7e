using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pipeline.Deliver.Webhooks;

/// <summary>A claimed delivery with what is needed to send it.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid SubscriptionId, string Url, string Secret, string Body, string EventKind, int RoundAttempt, int Attempt);

/// <summary>What one HTTP attempt gave.</summary>
public sealed record AttemptOutcome(
    bool Delivered,
    int? StatusCode,
    string? Error,
    TimeSpan Duration,
    string? ResponseExcerpt,
    TimeSpan? RetryAfter,
    bool Refused,
    DateTimeOffset StartedAt);

/// <summary>
/// One POST per attempt: the stored body, signed with a fresh timestamp, headers <c>X-Pipeline-Signature</c>,
/// <c>X-Pipeline-Delivery</c>, <c>X-Pipeline-Event</c> and a descriptive User-Agent; redirects are not followed; the
/// connection goes only to an address <see cref="TargetGuard"/> allows (checked at connect time, see
/// <see cref="CreateHandler"/>).
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<DeliverOptions> options, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        var webhooks = options.Value.Webhooks;
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        if (TargetGuard.CheckUrl(delivery.Url) is { } problem)
        {
            return new AttemptOutcome(false, null, $"target refused: {problem}", watch.Elapsed, null, null, Refused: true, started);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(webhooks.AttemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(delivery.Secret, clock.GetUtcNow(), delivery.Body));
            request.Headers.TryAddWithoutValidation("X-Pipeline-Delivery", delivery.Id.ToString());
            request.Headers.TryAddWithoutValidation("X-Pipeline-Event", WebhookPayload.EventType(delivery.EventKind));
            request.Headers.TryAddWithoutValidation("X-Pipeline-Attempt", delivery.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("User-Agent", webhooks.UserAgent);
            using var http = clients.CreateClient(ClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ReadExcerptAsync(response, webhooks.ResponseExcerptBytes, timeout.Token);
            var status = (int)response.StatusCode;
            var delivered = status is >= 200 and < 300;
            TimeSpan? retryAfter = status is 429 or 503 ? RetrySchedule.RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow()) : null;
            return new AttemptOutcome(delivered, status, delivered ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), watch.Elapsed, excerpt, retryAfter, false, started);
        }
        catch (Exception ex) when (Find<WebhookTargetRefusedException>(ex) is { } refused)
        {
            return new AttemptOutcome(false, null, refused.Message, watch.Elapsed, null, null, Refused: true, started);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, $"timed out after {webhooks.AttemptTimeout.TotalSeconds:0.###} s", watch.Elapsed, null, null, false, started);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return new AttemptOutcome(false, null, Describe(ex), watch.Elapsed, null, null, false, started);
        }
    }

    /// <summary>
    /// The primary handler of the webhook client: no redirects, no proxy, no cookies, and a ConnectCallback that
    /// resolves the host itself, keeps only the addresses <see cref="TargetGuard"/> allows and connects to one of
    /// them, so a DNS answer that changes between the check and the connection (rebinding) cannot reach a
    /// refused address. Pooled connections live one minute.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebhookOptions options)
    {
        var guard = TargetGuard.From(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.AttemptTimeout,
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await guard.ResolveAllowedAsync(context.DnsEndPoint.Host, ct);
                Exception? last = null;
                foreach (var address in addresses)
                {
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch (SocketException ex)
                    {
                        socket.Dispose();
                        last = ex;
                    }
                }

                throw last ?? new SocketException((int)SocketError.HostNotFound);
            },
        };
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        if (limit == 0)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
    }

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Describe(Exception ex)
    {
        var message = ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        return message.Length > 2000 ? message[..2000] : message;
    }
}
