using System.Globalization;

namespace Pipeline.Api;

/// <summary>How the dashboard writes times and durations (UTC, invariant culture).</summary>
public static class Format
{
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "–";
        }

        var negative = s < TimeSpan.Zero;
        s = s.Duration();
        var text = s.TotalSeconds < 1 ? $"{s.TotalMilliseconds:0} ms"
            : s.TotalMinutes < 1 ? $"{s.TotalSeconds:0.0} s"
            : s.TotalHours < 1 ? Two((int)s.TotalMinutes, "min", s.Seconds, "s")
            : s.TotalDays < 1 ? Two((int)s.TotalHours, "h", s.Minutes, "min")
            : Two((int)s.TotalDays, "d", s.Hours, "h");
        return (negative ? "-" : "") + text.ToString(CultureInfo.InvariantCulture);
    }

    private static string Two(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? $"{major} {majorUnit}" : $"{major} {majorUnit} {minor} {minorUnit}";

    public static string Time(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    public static string Day(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    public static string Iso(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Dashboard page of a paper; old-style ids keep their slash (<c>/papers/hep-th/9901001</c>).</summary>
    public static string PaperUrl(string paperId) => "/papers/" + string.Join('/', paperId.Split('/').Select(Uri.EscapeDataString));

    /// <summary>The URL when it is http(s), else null: links found in paper text never become <c>javascript:</c> hrefs.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } a ? Duration(now - a) + " ago" : "never";
}
