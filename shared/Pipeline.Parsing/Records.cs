namespace Pipeline.Parsing;

/// <summary>One record of a payload cannot be turned into a paper; the message becomes a <see cref="RecordError"/>.</summary>
internal sealed class RecordException(string message) : Exception(message);

/// <summary>Runs a per-record parser so one bad record never sinks the rest of its payload.</summary>
internal static class Records
{
    public static void Collect<T>(IEnumerable<T> items, Func<T, ParsedPaper> parse, List<ParsedPaper> papers, List<RecordError> errors)
    {
        var index = 0;
        foreach (var item in items)
        {
            try
            {
                papers.Add(parse(item));
            }
            catch (RecordException ex)
            {
                errors.Add(new RecordError(index, ex.Message));
            }
            catch (PayloadRejectedException)
            {
                throw;
            }
#pragma warning disable CA1031 // A parser bug on one record must not lose the rest of the payload; it is reported as that record's error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.Add(new RecordError(index, $"unexpected {ex.GetType().Name}: {ex.Message}"));
            }

            index++;
        }
    }

    public static string Truncate(string s, int max = 60) => s.Length > max ? s[..max] + "…" : s;

    public static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Normalized text or null when blank.</summary>
    public static string? Normalized(string? s, bool html = false) => NullIfBlank(TextNormalizer.Normalize(s, html));

    /// <summary>Versions sorted ascending, one per number (the first date seen wins over a missing or less precise one).</summary>
    public static IReadOnlyList<PaperVersion> Versions(IEnumerable<PaperVersion> versions) =>
        versions.GroupBy(v => v.Version)
            .Select(g => new PaperVersion(g.Key, PreferPrecise(g.Select(v => v.Date))))
            .OrderBy(v => v.Version)
            .ToList();

    /// <summary>
    /// The first date in <paramref name="dates"/>, unless it is a bare day (midnight, as OAI <c>created</c> and HF's
    /// 2026 timestamps are) and a later candidate has a time on that same day.
    /// </summary>
    public static DateTimeOffset? PreferPrecise(IEnumerable<DateTimeOffset?> dates)
    {
        var known = dates.Where(d => d is not null).Select(d => d!.Value.ToUniversalTime()).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var first = known[0];
        if (first.TimeOfDay != TimeSpan.Zero)
        {
            return first;
        }

        return known.Skip(1).FirstOrDefault(d => d.Date == first.Date && d.TimeOfDay != TimeSpan.Zero) is { Ticks: > 0 } precise ? precise : first;
    }
}
