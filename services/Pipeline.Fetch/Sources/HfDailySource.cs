using System.Globalization;
using System.Text.Json;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Hugging Face <c>GET {BaseUrl}/api/daily_papers?date=YYYY-MM-DD</c>, one request per day: today and
/// <c>LookbackDays</c> before, or the fixed range <c>Date</c>..<c>Until</c>. A range remembers the last day done
/// in the cursor, so a backfill resumes after a crash where it stopped.
/// </summary>
public sealed class HfDailySource : ISourceFetcher
{
    public IReadOnlyList<string> Kinds { get; } = [SourceKinds.HfDaily];

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        var source = poll.Options;
        var baseUrl = source.BaseUrl!.TrimEnd('/');
        DateOnly first, last;
        if (source.Date is { } date)
        {
            (first, last) = (date, source.Until ?? date);
            if (poll.Cursor is { } cursor && JsonSerializer.Deserialize<DateOnly?>(cursor) is { } done && done >= first)
            {
                first = done.AddDays(1);
            }
        }
        else
        {
            last = DateOnly.FromDateTime(poll.Now.UtcDateTime);
            first = last.AddDays(-Math.Max(0, source.LookbackDays));
        }

        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var url = $"{baseUrl}/api/daily_papers?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            if (await poll.FetchAsync(url, ct: ct) is null)
            {
                return;
            }

            if (source.Date is not null && source.Until is not null)
            {
                poll.SetCursor(JsonSerializer.Serialize<DateOnly?>(day));
            }
        }
    }
}
