using System.Globalization;
using System.Text.Json;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Hugging Face <c>GET {BaseUrl}/api/daily_papers?date=YYYY-MM-DD</c> (or <c>week=YYYY-Www</c>, <c>month=YYYY-MM</c> with
/// <c>Period</c>; paged with <c>p</c>/<c>limit</c> when <c>Limit</c> is set), one request per period: today and
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

        for (var day = first; day <= last; day = NextPeriod(day, source.Period))
        {
            if (!await FetchPeriodAsync(poll, baseUrl, day, ct))
            {
                return;
            }

            if (source.Date is not null && source.Until is not null)
            {
                poll.SetCursor(JsonSerializer.Serialize<DateOnly?>(day));
            }
        }
    }

    /// <summary>One day, ISO week or month; with <c>Limit</c>, page by <c>p</c> until a short page.</summary>
    private static async Task<bool> FetchPeriodAsync(SourcePoll poll, string baseUrl, DateOnly day, CancellationToken ct)
    {
        var source = poll.Options;
        var period = PeriodQuery(day, source.Period);
        if (source.Limit is not { } limit)
        {
            return await poll.FetchAsync(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/api/daily_papers?{period}"), ct: ct) is not null;
        }

        for (var page = 0; page < source.MaxPages; page++)
        {
            var result = await poll.FetchAsync(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/api/daily_papers?{period}&p={page}&limit={limit}"), ct: ct);
            if (result is null)
            {
                return false;
            }

            if (result.Body is null || CountItems(result.Body) < limit)
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>The query naming the period that contains <paramref name="day"/>.</summary>
    public static string PeriodQuery(DateOnly day, string period) => period switch
    {
        "week" => string.Create(CultureInfo.InvariantCulture, $"week={ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}"),
        "month" => "month=" + day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static DateOnly NextPeriod(DateOnly day, string period) => period switch
    {
        "week" => day.AddDays(7),
        "month" => day.AddMonths(1),
        _ => day.AddDays(1),
    };

    private static int CountItems(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.GetArrayLength() : 0;
        }
        catch (JsonException)
        {
            return 0; // Parse records what is wrong with it; paging stops.
        }
    }
}
