using Pipeline.Fetch;

namespace Pipeline.IntegrationTests;

/// <summary>
/// Two Fetch instances poll two sources on one loopback host: the host's budget in PostgreSQL spaces every request,
/// whichever instance makes it, and a 429 with Retry-After holds the host back for both.
/// </summary>
public sealed class PolitenessTests : IAsyncLifetime
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private const int RetryAfterSeconds = 3;

    private TestInfrastructure _infrastructure = null!;
    private LoopbackHfServer _server = null!;
    private PipelineHosts _hosts = null!;

    public async ValueTask InitializeAsync()
    {
        _infrastructure = await TestInfrastructure.StartAsync();
        _server = await LoopbackHfServer.StartAsync();
        _server.ThrottleOnce["2030-01-03"] = RetryAfterSeconds;
        var configuration = _infrastructure.HostConfiguration();
        configuration[$"Fetch:Hosts:{new Uri(_server.BaseUrl).Host}:MinInterval"] = MinInterval.ToString();
        foreach (var (id, from) in new[] { ("range-a", "2030-01-01"), ("range-b", "2030-02-01") })
        {
            configuration[$"Fetch:Sources:{id}:Kind"] = "hf-daily";
            configuration[$"Fetch:Sources:{id}:BaseUrl"] = _server.BaseUrl;
            configuration[$"Fetch:Sources:{id}:Date"] = from;
            configuration[$"Fetch:Sources:{id}:Until"] = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            configuration[$"Fetch:Sources:{id}:Interval"] = "01:00:00";
        }

        configuration["Fetch:Retries"] = "2";
        _hosts = await PipelineHosts.StartAsync(configuration, [FetchApp.Create, FetchApp.Create]);
    }

    [Fact]
    public async Task Requests_to_one_host_are_spaced_by_its_budget_across_instances_and_Retry_After_is_honoured()
    {
        // 2 sources × 4 days, plus the retried 429.
        await Eventually.TrueAsync(() => Task.FromResult(_server.Requests.Count >= 9), TimeSpan.FromSeconds(60), "nine requests");
        await Eventually.TrueAsync(
            async () => await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.sources WHERE last_success_at IS NOT NULL AND lease_until IS NULL") == 2,
            TimeSpan.FromSeconds(60), "both sources polled");

        var requests = _server.Requests.OrderBy(r => r.At).ToList();
        Assert.Equal(9, requests.Count);
        // The budget spaces the sends; arrival times also carry connection set-up and scheduling jitter.
        var tolerance = TimeSpan.FromMilliseconds(150);
        for (var i = 1; i < requests.Count; i++)
        {
            var gap = requests[i].At - requests[i - 1].At;
            Assert.True(gap >= MinInterval - tolerance, $"requests {i - 1} and {i} were {gap.TotalMilliseconds:0} ms apart; the budget allows one per {MinInterval.TotalMilliseconds:0} ms");
        }

        var throttled = requests.FindIndex(r => r.Status == 429);
        Assert.True(throttled >= 0, "the server throttled once");
        var after = requests[throttled + 1].At - requests[throttled].At;
        Assert.True(after >= TimeSpan.FromSeconds(RetryAfterSeconds) - tolerance, $"the next request came {after.TotalMilliseconds:0} ms after a 429 with Retry-After: {RetryAfterSeconds}");
        Assert.Contains(requests.Skip(throttled + 1), r => r.Date == "2030-01-03" && r.Status == 200);
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        () => _hosts.DisposeAsync(),
        () => _server.DisposeAsync(),
        () => _infrastructure.DisposeAsync());
}
