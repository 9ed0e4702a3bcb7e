namespace Pipeline.Fetch.Sources;

/// <summary>How a source is doing, as operators see it.</summary>
public enum SourceHealth
{
    Ok,
    Paused,
    Disabled,
    Failing,
    Stale,
    NeverPolled,
}

/// <summary>Pure status rules, shared by the CLI and (later) the API.</summary>
public static class SourceStatus
{
    /// <summary>Failing after this many consecutive failed polls.</summary>
    public const int FailingAfter = 3;

    public static SourceHealth Health(bool enabled, bool paused, int consecutiveFailures, DateTimeOffset? lastSuccessAt, DateTimeOffset? lastChangeAt, SourceOptions definition, DateTimeOffset now)
    {
        if (!enabled)
        {
            return SourceHealth.Disabled;
        }

        if (paused)
        {
            return SourceHealth.Paused;
        }

        if (consecutiveFailures >= FailingAfter)
        {
            return SourceHealth.Failing;
        }

        if (lastSuccessAt is null)
        {
            return consecutiveFailures > 0 ? SourceHealth.Failing : SourceHealth.NeverPolled;
        }

        return IsStale(lastChangeAt ?? lastSuccessAt.Value, definition, now) ? SourceHealth.Stale : SourceHealth.Ok;
    }

    /// <summary>
    /// Stale when the content has not changed for longer than <see cref="SourceOptions.ExpectedUpdate"/>, counting
    /// only weekdays (UTC) when <see cref="SourceOptions.SkipWeekends"/>: arXiv's Friday listing still being there
    /// on Monday morning is a quiet weekend, not a stale feed.
    /// </summary>
    public static bool IsStale(DateTimeOffset lastChange, SourceOptions definition, DateTimeOffset now) =>
        definition.ExpectedUpdate is { } expected
        && (definition.SkipWeekends ? WeekdayTimeBetween(lastChange, now) : now - lastChange) > expected;

    public static TimeSpan WeekdayTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var cursor = from.ToUniversalTime();
        var end = to.ToUniversalTime();
        while (cursor < end)
        {
            var nextMidnight = new DateTimeOffset(cursor.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            var segmentEnd = nextMidnight < end ? nextMidnight : end;
            if (cursor.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                total += segmentEnd - cursor;
            }

            cursor = segmentEnd;
        }

        return total;
    }
}
