using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pipeline.Api.Data;
using Pipeline.Api.Endpoints;

namespace Pipeline.Api.Pages;

public sealed class IndexModel(OverviewQueries overview, IOptions<ApiOptions> options) : PageModel
{
    public Overview Data { get; private set; } = null!;

    public string ETag { get; private set; } = "";

    public int RefreshMilliseconds => (int)options.Value.RefreshInterval.TotalMilliseconds;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await overview.GetAsync(null, ct);
        ETag = ETagged.Of(Data, HttpContext);
    }

    public string ThroughputChart() => SvgChart.Line(
        "Papers per stage per minute",
        Data.Since,
        TimeSpan.FromMinutes(1),
        [
            new("fetched", "s-fetched", [.. Data.PerMinute.Select(m => (double)m.Fetched)]),
            new("parsed", "s-parsed", [.. Data.PerMinute.Select(m => (double)m.Parsed)]),
            new("classified", "s-classified", [.. Data.PerMinute.Select(m => (double)m.Classified)]),
            new("published", "s-published", [.. Data.PerMinute.Select(m => (double)m.Published)]),
        ],
        "papers per minute");

    public string LagChart()
    {
        var byMinute = Data.Lag.ToDictionary(l => l.Minute);
        var minutes = Data.PerMinute.Select(m => m.Minute).ToList();
        return SvgChart.Line(
            "Lag, fetch to first publication (seconds)",
            Data.Since,
            TimeSpan.FromMinutes(1),
            [
                new("p50", "s-median", [.. minutes.Select(m => byMinute.TryGetValue(m, out var l) ? l.MedianSeconds : double.NaN)]),
                new("p95", "s-p95", [.. minutes.Select(m => byMinute.TryGetValue(m, out var l) ? l.P95Seconds : double.NaN)]),
            ],
            "seconds");
    }
}
