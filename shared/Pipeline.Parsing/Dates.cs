using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>Culture-invariant date parsing for the shapes sources use: ISO 8601, RFC 822 (<c>Mon, 2 Apr 2007 19:18:42 GMT</c>, <c>-0500</c>), plain dates.</summary>
public static partial class Dates
{
    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy",
        "d MMM yyyy", "ddd, d MMM yy HH:mm:ss zzz",
    ];

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
    };

    [GeneratedRegex(@"\s(?<zone>[A-Za-z]{1,3})$|(?<sign>[+-])(?<hh>\d{2})(?<mm>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingZone();

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var s = TextNormalizer.Clean(value);
        var zone = TrailingZone().Match(s);
        if (zone.Success)
        {
            if (zone.Groups["zone"].Success && Zones.TryGetValue(zone.Groups["zone"].Value, out var offset))
            {
                s = s[..zone.Index] + " " + offset;
            }
            else if (zone.Groups["sign"].Success)
            {
                s = $"{s[..zone.Index]}{zone.Groups["sign"].Value}{zone.Groups["hh"].Value}:{zone.Groups["mm"].Value}";
            }
        }

        if (DateTimeOffset.TryParseExact(s, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var rfc))
        {
            return rfc.ToUniversalTime();
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var d)
            ? d.ToUniversalTime()
            : null;
    }
}
