using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>
/// arXiv subject categories (<c>cs.CL</c>, <c>hep-th</c>, <c>cond-mat.str-el</c>, old archives like <c>chao-dyn</c>)
/// versus the MSC and ACM codes some sources mix into the same lists (<c>14C20, 14M99</c>,
/// <c>05E99 (Primary), 05E05, 20B30 (Secondary)</c>, <c>C.2.3</c>).
/// </summary>
public static partial class Classifications
{
    private static readonly HashSet<string> Archives = new(StringComparer.Ordinal)
    {
        "astro-ph", "cond-mat", "cs", "econ", "eess", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math", "math-ph",
        "nlin", "nucl-ex", "nucl-th", "physics", "q-bio", "q-fin", "quant-ph", "stat",
        // Archives merged into others, still seen on old papers.
        "acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph", "cmp-lg", "comp-gas",
        "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg", "solv-int", "supr-con",
    };

    [GeneratedRegex(@"^(?<archive>[a-z]+(?:-[a-z]+)?)(?:\.(?<sub>[A-Za-z]+(?:-[a-z]+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryShape();

    // MSC 2000/2010/2020: 14C20, 05E99, 14-XX, 35Qxx, 60J65; ACM 1998/2012: C.2.3, I.2.7, F.2.m, K.4.
    [GeneratedRegex(@"^(?:\d{2}[A-Z](?:\d{2}|xx|XX)|\d{2}-(?:\d{2}|XX|xx)|\d{2}[A-Z]?|[A-K]\.(?:\d|m)(?:\.(?:\d{1,2}|m))?|[A-K]\.\d?)$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"\((?:primary|secondary)\)|\[[^\]]*\]|\b(?:primary|secondary)\s*:?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeNoise();

    /// <summary>True for an arXiv category or archive name (<c>cs.AI</c>, <c>astro-ph</c>, <c>math.AG</c>).</summary>
    public static bool IsArxivCategory(string? term)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return false;
        }

        var match = CategoryShape().Match(term.Trim());
        return match.Success && Archives.Contains(match.Groups["archive"].Value);
    }

    /// <summary>MSC/ACM codes in a free-text classification string, in order (<c>05E99 (Primary), 05E05</c> → 05E99, 05E05).</summary>
    public static IReadOnlyList<string> Codes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var cleaned = CodeNoise().Replace(text, " ");
        return cleaned.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.TrimEnd('.'))
            .Where(c => CodeShape().IsMatch(c))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Sorts category terms into arXiv categories (primary first, duplicates dropped) and other classification
    /// codes. Terms that are neither are ignored.
    /// </summary>
    public static (IReadOnlyList<string> Categories, IReadOnlyList<string> Others) Sort(string? primary, IEnumerable<string?> terms)
    {
        var categories = new List<string>();
        var others = new List<string>();
        if (IsArxivCategory(primary))
        {
            categories.Add(primary!.Trim());
        }

        foreach (var term in terms)
        {
            if (string.IsNullOrWhiteSpace(term))
            {
                continue;
            }

            var t = term.Trim();
            if (IsArxivCategory(t))
            {
                if (!categories.Contains(t, StringComparer.Ordinal))
                {
                    categories.Add(t);
                }

                continue;
            }

            foreach (var code in Codes(t))
            {
                if (!others.Contains(code, StringComparer.Ordinal))
                {
                    others.Add(code);
                }
            }
        }

        return (categories, others);
    }

    /// <summary>A space-separated category string (<c>quant-ph gr-qc hep-th</c>), first = primary.</summary>
    public static (IReadOnlyList<string> Categories, IReadOnlyList<string> Others) FromSpaceSeparated(string? categories)
    {
        var terms = (categories ?? string.Empty).Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return Sort(null, terms);
    }

    /// <summary>Appends the codes of <paramref name="texts"/> (<c>msc-class</c>, <c>acm-class</c>) to <paramref name="others"/>.</summary>
    public static IReadOnlyList<string> WithCodes(IReadOnlyList<string> others, params string?[] texts)
    {
        var all = others.ToList();
        foreach (var code in texts.SelectMany(Codes))
        {
            if (!all.Contains(code, StringComparer.Ordinal))
            {
                all.Add(code);
            }
        }

        return all;
    }
}
