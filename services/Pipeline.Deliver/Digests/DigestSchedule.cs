namespace Pipeline.Deliver.Digests;

/// <summary>When a digest is due: daily at the send hour (UTC), weekly on Mondays at the send hour.</summary>
public static class DigestSchedule
{
    public static bool IsValidFrequency(string? frequency) => frequency is "daily" or "weekly";

    public static TimeSpan Period(string frequency) => frequency == "weekly" ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    /// <summary>The first send time strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextDue(string frequency, int sendHourUtc, DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var candidate = new DateTimeOffset(utc.Year, utc.Month, utc.Day, sendHourUtc, 0, 0, TimeSpan.Zero);
        if (candidate <= utc)
        {
            candidate = candidate.AddDays(1);
        }

        if (frequency == "weekly")
        {
            while (candidate.DayOfWeek != DayOfWeek.Monday)
            {
                candidate = candidate.AddDays(1);
            }
        }

        return candidate;
    }
}
