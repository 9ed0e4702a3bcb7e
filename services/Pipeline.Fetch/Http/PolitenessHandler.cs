using System.Net;

namespace Pipeline.Fetch.Http;

/// <summary>
/// Innermost handler of the feed client: every attempt (retries included) takes the host's budget first, and a
/// <c>429</c>/<c>503</c> with <c>Retry-After</c> blocks the host for every instance.
/// </summary>
public sealed class PolitenessHandler(HostBudget budget, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.IdnHost;
        await budget.AcquireAsync(host, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            await budget.ReleaseAsync(host, CancellationToken.None);
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && RetryAfter(response, clock.GetUtcNow()) is { } until)
        {
            await budget.BlockUntilAsync(host, until, cancellationToken);
        }

        return response;
    }

    public static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };
}
