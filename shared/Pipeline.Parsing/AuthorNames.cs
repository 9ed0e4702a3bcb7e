using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>
/// Author names from every shape the sources use: one free-text string (<c>A, B, and C</c>, RSS <c>dc:creator</c>,
/// Kaggle and arXivRaw <c>authors</c>), <c>keyname</c>/<c>forenames</c>/<c>suffix</c> parts, <c>authors_parsed</c>
/// triples and single names. Affiliations in parentheses are dropped, TeX accents decoded, mojibake repaired.
/// </summary>
public static partial class AuthorNames
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "2nd", "3rd",
    };

    /// <summary>Splits one author string (<c>C. Bal\'azs, E. L. Berger and P. M. Nadolsky (ANL)</c>) into names.</summary>
    public static IReadOnlyList<string> Split(string? authors)
    {
        if (string.IsNullOrWhiteSpace(authors))
        {
            return [];
        }

        var text = DropParenthesized(TextNormalizer.RepairMojibake(TextNormalizer.StripNul(authors)));
        text = TextNormalizer.Clean(text);
        var names = new List<string>();
        foreach (var part in Separator().Split(text))
        {
            var name = Name(part);
            if (name.Length == 0 || EtAl().IsMatch(name))
            {
                continue;
            }

            if (names.Count > 0 && Suffixes.Contains(name))
            {
                names[^1] = $"{names[^1]} {name}";
                continue;
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>Joins arXiv's name parts as they are displayed: <c>forenames keyname suffix</c>.</summary>
    public static string FromParts(string? keyname, string? forenames, string? suffix)
    {
        var parts = new[] { forenames, keyname, suffix }.Select(Name).Where(p => p.Length > 0);
        return string.Join(' ', parts);
    }

    /// <summary>One name: mojibake repaired, TeX accents decoded, affiliation and stray braces dropped, whitespace collapsed.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var s = TextNormalizer.DecodeTexAccents(TextNormalizer.RepairMojibake(TextNormalizer.StripNul(name)));
        s = DropParenthesized(s).Replace("{", string.Empty, StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal);
        s = TextNormalizer.Clean(s).Trim(',', ';', ':', ' ');

        // A lone ":" or "-" (seen as a keyname in a real OAI record) is not a name.
        return s.Any(char.IsLetter) ? s : string.Empty;
    }

    /// <summary>A Dublin Core creator in <c>Last, First</c> order becomes <c>First Last</c>.</summary>
    public static string FromInverted(string? name)
    {
        var clean = Name(name);
        var comma = clean.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || clean.IndexOf(',', comma + 1) >= 0)
        {
            return clean;
        }

        var last = clean[..comma].Trim();
        var first = clean[(comma + 1)..].Trim();
        return first.Length == 0 ? last : $"{first} {last}";
    }

    /// <summary>Removes parenthesized groups, nested ones included (<c>A (1 and 2) ((1) CREST, (2) IHEP)</c> → <c>A</c>).</summary>
    internal static string DropParenthesized(string text)
    {
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(')
            {
                depth++;
                continue;
            }

            if (c == ')' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth == 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // Commas, semicolons, "and", "&" (alone or after a comma) separate authors.
    [GeneratedRegex(@"\s*[,;]\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:et\.?\s*al\.?|others)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EtAl();
}
