using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>
/// arXiv identifiers: new style <c>YYMM.NNNN(N)</c>, old style <c>archive(.SUB)/YYMMNNN</c>, with an optional
/// <c>vN</c> version kept apart from the key. Accepts <c>arXiv:</c> prefixes, abs/pdf URLs and arXiv DOIs.
/// </summary>
public static partial class ArxivId
{
    [GeneratedRegex(@"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:|(?:https?://doi\.org/)?10\.48550/arxiv\.)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?<v>\d+))?(?:\.pdf)?/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Splits <paramref name="value"/> into its canonical key and version.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? id, out int? version)
    {
        id = null;
        version = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var match = Pattern().Match(value.Trim());
        if (!match.Success)
        {
            return false;
        }

        var raw = match.Groups["id"].Value;
        // Old-style archive names are lowercase; the subject class suffix (math.AG/...) is not part of old ids'
        // archive name in the key, but keep it as written when present.
        id = raw.Contains('/', StringComparison.Ordinal) ? raw.ToLowerInvariant() : raw;
        version = match.Groups["v"].Success ? int.Parse(match.Groups["v"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return true;
    }

    public static string AbstractUrl(string id) => $"https://arxiv.org/abs/{id}";
}
