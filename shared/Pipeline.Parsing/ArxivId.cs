using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>
/// arXiv identifiers: new style <c>YYMM.NNNN(N)</c>, old style <c>archive(.SUB)/YYMMNNN</c>, with an optional
/// <c>vN</c> version kept apart from the key. Accepts <c>arXiv:</c> and <c>oai:arXiv.org:</c> prefixes,
/// abs/pdf/html URLs, arXiv DOIs (bare, <c>doi:</c> or doi.org URLs) and Hugging Face paper URLs, which all map
/// to the same key.
/// </summary>
public static partial class ArxivId
{
    private const string IdPattern = @"(?<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?<v>\d+))?";

    private const string Prefixes =
        @"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/"
        + @"|arxiv:\s?"
        + @"|oai:arxiv\.org:"
        + @"|(?:doi:\s?|https?://(?:dx\.)?doi\.org/)?10\.48550/arxiv\."
        + @"|https?://(?:www\.)?(?:huggingface|hf)\.co/papers/";

    [GeneratedRegex(@"^(?:" + Prefixes + ")?" + IdPattern + @"(?:\.pdf)?/?(?:[?#].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    // In running text an id needs a recognisable prefix; a bare new-style number alone is too ambiguous.
    [GeneratedRegex(@"(?:" + Prefixes + @"|(?<![\w/.])(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/))" + IdPattern + @"(?![\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InText();

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
        return match.Success && Read(match, out id, out version);
    }

    /// <summary>Finds the first arXiv id written with a recognisable prefix (URL, <c>arXiv:</c>, DOI, OAI identifier) inside <paramref name="text"/>.</summary>
    public static bool TryFind(string? text, [NotNullWhen(true)] out string? id, out int? version)
    {
        id = null;
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParse(text, out id, out version))
        {
            return true;
        }

        var match = InText().Match(text);
        return match.Success && Read(match, out id, out version);
    }

    /// <summary>True when <paramref name="doi"/> is arXiv's own DataCite DOI (<c>10.48550/arXiv.…</c>).</summary>
    public static bool IsArxivDoi(string doi) => doi.StartsWith("10.48550/", StringComparison.OrdinalIgnoreCase);

    public static string AbstractUrl(string id) => $"https://arxiv.org/abs/{id}";

    public static string Doi(string id) => $"10.48550/arXiv.{id}";

    private static bool Read(Match match, [NotNullWhen(true)] out string? id, out int? version)
    {
        var raw = match.Groups["id"].Value;
        // Old-style archive names are lowercase; the subject class suffix (math.AG/...) is not part of old ids'
        // archive name in the key, but keep it as written when present.
        id = raw.Contains('/', StringComparison.Ordinal) ? raw.ToLowerInvariant() : raw;
        version = null;
        if (match.Groups["v"].Success)
        {
            if (!int.TryParse(match.Groups["v"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                id = null;
                return false;
            }

            version = v;
        }

        return true;
    }
}
