using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Non-English natural languages that are a subject of the paper, by English name. A language named in the text counts
/// when it is in the title, named at least twice, or named next to a word that makes it the language of the data or
/// model ("Korean LLM", "Chinese queries", "in Arabic", "English-Hindi", "Bulgarian benchmarks"). Demonyms that are
/// not languages ("Indian", "African", "European") and programming languages are not languages here.
/// </summary>
public static partial class LanguageExtractor
{
    // Capitalized names only: "Thai" and "Dutch" as written; adjectives and languages share the name in English.
    [GeneratedRegex(
        @"\b(?<lang>Chinese|Mandarin|Cantonese|Japanese|Korean|Arabic|Hindi|Bengali|Bangla|Urdu|Tamil|Telugu|Marathi|Gujarati|Punjabi|Kannada|Malayalam|Nepali|Sinhala|Vietnamese|Thai|Indonesian|Malay|Tagalog|Filipino|Burmese|Khmer|Lao|Turkish|Persian|Farsi|Hebrew|Greek|Russian|Ukrainian|Polish|Czech|Slovak|Slovenian|Croatian|Serbian|Bosnian|Bulgarian|Romanian|Hungarian|Finnish|Estonian|Latvian|Lithuanian|Swedish|Norwegian|Danish|Icelandic|Dutch|German|French|Spanish|Portuguese|Italian|Catalan|Basque|Galician|Irish|Welsh|Albanian|Armenian|Georgian|Azerbaijani|Kazakh|Uzbek|Kyrgyz|Mongolian|Tibetan|Uyghur|Swahili|Amharic|Yoruba|Hausa|Igbo|Zulu|Xhosa|Somali|Afrikaans|Javanese|Sundanese|Luxembourgish|Maltese|Latin|Sanskrit|Pashto|Kurdish|Tigrinya|Wolof|Kinyarwanda)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LanguageName();

    // "<lang> LLM", "<lang> text", "<lang>-English", ...
    [GeneratedRegex(
        @"^(?:[\s-]+(?:and|or|&)\s+[A-Z]\w+)?[\s-]*(?:language|languages|text|texts|speech|corpus|corpora|data|dataset|datasets|benchmark|benchmarks|LLMs?|LMs?|language\s+models?|models?|tokenizer|tokens|vocabulary|translation|queries|questions|speakers|NLP|ASR|TTS|instructions?|documents?|tasks?|exams?|version|Wikipedia|news|literature|poetry|culture|cultural|dialects?|characters|scripts?|-centric|-speaking|English)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AfterContext();

    // "in <lang>", "into <lang>", "English-<lang>", "English to <lang>", "for <lang>"
    [GeneratedRegex(@"(?:\b(?:in|into|to|from|for)\s+|English[\s-]*(?:-|to|and|&)\s*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BeforeContext();

    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["Mandarin"] = "Chinese",
        ["Bangla"] = "Bengali",
        ["Farsi"] = "Persian",
        ["Filipino"] = "Tagalog",
    };

    public static IReadOnlyList<string> Extract(string? title, string? @abstract)
    {
        var counts = new Dictionary<string, (int Count, bool Strong, int Order)>(StringComparer.Ordinal);
        Scan(title, isTitle: true, counts);
        Scan(@abstract, isTitle: false, counts);
        return [.. counts.Where(kv => kv.Value.Strong || kv.Value.Count >= 2).OrderBy(kv => kv.Value.Order).Select(kv => kv.Key)];
    }

    private static void Scan(string? text, bool isTitle, Dictionary<string, (int Count, bool Strong, int Order)> counts)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (Match match in LanguageName().Matches(text))
        {
            var name = Canonical.GetValueOrDefault(match.Value, match.Value);
            var end = match.Index + match.Length;
            var after = text.AsSpan(end, Math.Min(40, text.Length - end));
            var before = text.AsSpan(Math.Max(0, match.Index - 20), Math.Min(20, match.Index));
            var strong = isTitle || AfterContext().IsMatch(after) || BeforeContext().IsMatch(before);
            var (count, wasStrong, order) = counts.GetValueOrDefault(name, (0, false, counts.Count));
            counts[name] = (count + 1, wasStrong || strong, order);
        }
    }
}
