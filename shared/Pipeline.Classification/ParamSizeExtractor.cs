using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Model parameter counts stated in the title or abstract, normalized to a number and an uppercase unit:
/// <c>7B</c>, <c>1.3B</c>, <c>8x7B</c>, <c>350M</c>. Rules:
/// <list type="bullet">
/// <item>"7B", "1.3b", "8x7B", also inside model names ("Llama-3-70B", "Qwen3-30B-A3B" gives 30B; the active-parameter
/// "A3B" is not a size), unless a non-parameter noun follows ("500B tokens", "2T tokens") or a currency precedes.</item>
/// <item>"350M" only inside a model name ("OPT-350M") or followed by "parameters"/"params"/"model"/"head"; "3.87M
/// slices", "4M batch" are counts, not sizes.</item>
/// <item>"7 billion parameters", "3-billion-parameter", "54 billion and 141 billion parameters".</item>
/// <item>Not bounds: "models up to 100B parameters", "under 10B", "over 1B", "2B+ parameters", "more than 1 billion parameters"
/// (but "scale Samba up to 3.8B parameters" is a size the paper trains).</item>
/// <item>"from 300M to 1.5B": the million-count opening a range closed by billions is a size.</item>
/// <item>Not data: "19.5B system domain data", "500B tokens", and a million-count inside a dataset's name ("FLUX-Reason-6M is a massive
/// dataset", "4DNeX-10M, a large-scale dataset") vetoes that size wherever it appears.</item>
/// </list>
/// In order of first appearance, de-duplicated.
/// </summary>
public static partial class ParamSizeExtractor
{
    // Attached unit: "7B", "8x7B", "1.3b", "350M".
    [GeneratedRegex(
        @"(?<![\w.$€£])(?:(?<experts>\d{1,3})\s?[x×])?(?<num>\d{1,4}(?:\.\d{1,3})?)(?<unit>[BbMmT])(?!\w|\.\d)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Attached();

    // Spelled out: "7 billion parameters", "3-billion-parameter", "54 billion and 141 billion parameters".
    [GeneratedRegex(
        @"(?<![\w.$€£])(?<num>\d{1,4}(?:\.\d{1,3})?)[\s-](?<unit>billion|million|trillion)(?=(?:\s*\([BMT]\))?[\s-]*(?:param|(?:(?:and|or|to)\s+\d{1,4}(?:\.\d{1,3})?\s+(?:billion|million|trillion)[\s-]*param)))",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex SpelledOut();

    // What follows a number that is not a parameter count.
    [GeneratedRegex(
        @"^[\s-]*(?:\(?[\w-]*\)?\s)?(?:tokens?|words?|sentences?|images?|videos?|frames?|pairs?|samples?|examples?|instances?|documents?|queries|questions?|problems?|hours?|users?|downloads?|steps?|trajectories|annotations?|slices?|records?|rows?|triplets?|clips?|dialogues?|conversations?|texts?|responses?|prompts?|papers?|articles?|items?|files?|lines?|GPU|FLOPs?|bytes?|batch|context|training|data|corpus)\b|^\+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NotParameters();

    [GeneratedRegex(@"^[\s-]*(?:[\w-]+\s+){0,2}(?:parameters?|params?|models?|heads?|variants?|versions?|LLMs?|LMs?|VLMs?|scale|sized?)\b|^-", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ParameterContext();

    // A bound right before the number ("models up to 100B parameters", "under 10B", "fewer than 3B"): not a stated size.
    [GeneratedRegex(@"(?:\bup\s+to|\bunder|\bbelow|\b(?:fewer|less|more|larger|smaller|greater)\s+than|\babove|\bover|\bexceeding|\bat\s+(?:most|least)|\bbeyond|[<>≤≥])\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BoundBefore();

    // "scale Samba up to 3.8B parameters": "up to" after a scaling verb is how far the paper's own models go, not a bound.
    [GeneratedRegex(@"\bscal(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,2}up\s+to\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ScaledUpTo();

    // "from 300M to 1.5B": a million-count that opens a range closed by a size in billions is a size too.
    [GeneratedRegex(@"^\s*(?:to|–|-)\s*\d{1,4}(?:\.\d{1,3})?B\b", RegexOptions.CultureInvariant)]
    private static partial Regex RangeToBillions();

    // "19.5B system domain data": two lower-case words (not a preposition or a model noun) and then data or tokens.
    [GeneratedRegex(@"^\s+(?:(?!(?:on|of|in|with|from|for|and|or|to|the|a|an|at|by|models?|LLMs?|parameters?|params)\b)[a-z][\w-]*\s+){1,2}(?:data|tokens)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DataAfterWords();

    // After a count inside a name: the name is a dataset ("FLUX-Reason-6M is a massive dataset", "4DNeX-10M, a large-scale dataset").
    [GeneratedRegex(@"^[\s,]*(?:is\s+|as\s+)?(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}(?:dataset|corpus|collection)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DatasetAfter();

    public static IReadOnlyList<string> Extract(string? title, string? @abstract)
    {
        var sizes = new List<string>();
        var vetoed = new HashSet<string>(StringComparer.Ordinal);
        Scan(title, sizes, vetoed);
        Scan(@abstract, sizes, vetoed);
        if (vetoed.Count > 0)
        {
            sizes.RemoveAll(vetoed.Contains);
        }

        return sizes;
    }

    private static void Scan(string? text, List<string> sizes, HashSet<string> vetoed)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (Match match in Attached().Matches(text))
        {
            var unit = char.ToUpperInvariant(match.Groups["unit"].Value[0]);
            var after = text.AsSpan(match.Index + match.Length, Math.Min(40, text.Length - match.Index - match.Length));
            var inName = match.Index > 0 && text[match.Index - 1] is '-' or '_';
            if (NotParameters().IsMatch(after) || (!inName && DataAfterWords().IsMatch(after)))
            {
                continue;
            }

            if (inName && unit == 'M' && DatasetAfter().IsMatch(after))
            {
                vetoed.Add(Number(match.Groups["num"].Value) + unit);
                continue;
            }

            if (!inName && IsBound(text, match.Index))
            {
                continue;
            }

            if ((unit == 'M' || unit == 'T') && !inName && !ParameterContext().IsMatch(after) && !(unit == 'M' && RangeToBillions().IsMatch(after)))
            {
                continue;
            }

            if (unit == 'T' && !ParameterContext().IsMatch(after))
            {
                continue;
            }

            var experts = match.Groups["experts"];
            Add(sizes, (experts.Success ? experts.Value + "x" : string.Empty) + Number(match.Groups["num"].Value) + unit);
        }

        foreach (Match match in SpelledOut().Matches(text))
        {
            if (IsBound(text, match.Index))
            {
                continue;
            }

            var unit = char.ToUpperInvariant(match.Groups["unit"].Value[0]);
            Add(sizes, Number(match.Groups["num"].Value) + unit);
        }
    }

    /// <summary>A bound right before the number ("up to 100B"), unless it says how far a model was scaled.</summary>
    private static bool IsBound(string text, int index) =>
        BoundBefore().IsMatch(text.AsSpan(Math.Max(0, index - 16), Math.Min(16, index)))
        && !ScaledUpTo().IsMatch(text.AsSpan(Math.Max(0, index - 48), Math.Min(48, index)));

    private static string Number(string value) =>
        double.Parse(value, CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.InvariantCulture);

    private static void Add(List<string> sizes, string size)
    {
        if (!sizes.Contains(size, StringComparer.Ordinal))
        {
            sizes.Add(size);
        }
    }
}
