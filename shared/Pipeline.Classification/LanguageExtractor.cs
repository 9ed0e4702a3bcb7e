using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Non-English natural languages that are a subject of the paper, by English name. A language named in the text counts
/// when it is in the title, named at least twice, or named next to a word that makes it the language of the data or
/// model ("Korean LLM", "Chinese queries", "in Arabic", "English-Hindi", "Bulgarian benchmarks"), or enumerated next to
/// another language ("English, German, French and Hindi", "bilingual (Chinese &amp; English)"): a list of named languages
/// is a list of the paper's data languages. Translation-direction codes ("Zh2en", "en-de", "ja→en") name the non-English
/// side, and a code after a benchmark's name ("BrowseComp-zh", "BrowseComp-en/zh") its language version. Counts ("24 languages"), demonyms that are not languages ("Indian", "African", "European") and programming
/// languages are not languages here.
/// </summary>
public static partial class LanguageExtractor
{
    // Capitalized names only: "Thai" and "Dutch" as written; adjectives and languages share the name in English.
    [GeneratedRegex(
        @"\b(?<lang>English|Chinese|Mandarin|Cantonese|Japanese|Korean|Arabic|Hindi|Bengali|Bangla|Urdu|Tamil|Telugu|Marathi|Gujarati|Punjabi|Kannada|Malayalam|Nepali|Sinhala|Vietnamese|Thai|Indonesian|Malay|Tagalog|Filipino|Burmese|Khmer|Lao|Turkish|Persian|Farsi|Hebrew|Greek|Russian|Ukrainian|Polish|Czech|Slovak|Slovenian|Croatian|Serbian|Bosnian|Bulgarian|Romanian|Hungarian|Finnish|Estonian|Latvian|Lithuanian|Swedish|Norwegian|Danish|Icelandic|Dutch|German|French|Spanish|Portuguese|Italian|Catalan|Basque|Galician|Irish|Welsh|Albanian|Armenian|Georgian|Azerbaijani|Kazakh|Uzbek|Kyrgyz|Mongolian|Tibetan|Uyghur|Swahili|Amharic|Yoruba|Hausa|Igbo|Zulu|Xhosa|Somali|Afrikaans|Javanese|Sundanese|Luxembourgish|Maltese|Latin|Sanskrit|Pashto|Kurdish|Tigrinya|Wolof|Kinyarwanda)\b",
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

    // Text between two language names that makes them one enumeration: ", ", " and ", ", or ", " & ", "/", "-".
    [GeneratedRegex(@"^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&|/|-)\s*|,?\s+(?:and|or|&)\s+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListGap();

    // Translation directions written as ISO 639-1 codes with English on one side: "Zh2en", "en-de", "ja→en".
    [GeneratedRegex(
        @"\b(?:(?<code>zh|ja|ko|ar|hi|de|fr|es|ru|it|pt|vi|th|tr|uk|cs|ro|fi|et|lt|lv|pl|nl|sw|id|bn|ta|he|fa|ur|kk|gu|ne|si|km|ps|my)(?:2|-|→|->|_)en|en(?:2|-|→|->|_)(?<code>zh|ja|ko|ar|hi|de|fr|es|ru|it|pt|vi|th|tr|uk|cs|ro|fi|et|lt|lv|pl|nl|sw|id|bn|ta|he|fa|ur|kk|gu|ne|si|km|ps|my))\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex TranslationCodePair();

    // A language version of a named benchmark or data set: "BrowseComp-zh", "BrowseComp-en/zh", "Seed-TTS-eval-ja".
    [GeneratedRegex(@"(?<=[A-Za-z0-9])(?:-|-en/)(?<code>zh|ja|ko|ru|vi|th|fr|de|es|ar)\b(?!-)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LanguageSuffix();

    private static readonly Dictionary<string, string> CodeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "Chinese", ["ja"] = "Japanese", ["ko"] = "Korean", ["ar"] = "Arabic", ["hi"] = "Hindi", ["de"] = "German",
        ["fr"] = "French", ["es"] = "Spanish", ["ru"] = "Russian", ["it"] = "Italian", ["pt"] = "Portuguese",
        ["vi"] = "Vietnamese", ["th"] = "Thai", ["tr"] = "Turkish", ["uk"] = "Ukrainian", ["cs"] = "Czech",
        ["ro"] = "Romanian", ["fi"] = "Finnish", ["et"] = "Estonian", ["lt"] = "Lithuanian", ["lv"] = "Latvian",
        ["pl"] = "Polish", ["nl"] = "Dutch", ["sw"] = "Swahili", ["id"] = "Indonesian", ["bn"] = "Bengali", ["ta"] = "Tamil",
        ["he"] = "Hebrew", ["fa"] = "Persian", ["ur"] = "Urdu", ["kk"] = "Kazakh", ["gu"] = "Gujarati", ["ne"] = "Nepali",
        ["si"] = "Sinhala", ["km"] = "Khmer", ["ps"] = "Pashto", ["my"] = "Burmese",
    };

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
        return [.. counts.Where(kv => kv.Key != "English" && (kv.Value.Strong || kv.Value.Count >= 2)).OrderBy(kv => kv.Value.Order).Select(kv => kv.Key)];
    }

    private static void Scan(string? text, bool isTitle, Dictionary<string, (int Count, bool Strong, int Order)> counts)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Match? previous = null;
        var previousName = "";
        foreach (Match match in LanguageName().Matches(text))
        {
            var name = Canonical.GetValueOrDefault(match.Value, match.Value);
            var end = match.Index + match.Length;
            var after = text.AsSpan(end, Math.Min(40, text.Length - end));
            var before = text.AsSpan(Math.Max(0, match.Index - 20), Math.Min(20, match.Index));
            var strong = isTitle || AfterContext().IsMatch(after) || BeforeContext().IsMatch(before);
            if (previous is not null && previous.Index + previous.Length <= match.Index && match.Index - (previous.Index + previous.Length) <= 8
                && ListGap().IsMatch(text.AsSpan(previous.Index + previous.Length, match.Index - (previous.Index + previous.Length))))
            {
                strong = true;
                Mark(counts, previousName, strong: true, add: 0);
            }

            Mark(counts, name, strong, add: 1);
            previous = match;
            previousName = name;
        }

        foreach (Match match in TranslationCodePair().Matches(text))
        {
            Mark(counts, CodeNames[match.Groups["code"].Value], strong: true, add: 1);
        }

        if (text.Contains('-', StringComparison.Ordinal))
        {
            foreach (Match match in LanguageSuffix().Matches(text))
            {
                if (!NameStartsUpper(text, match.Index))
                {
                    continue; // "state-of-the-art-de…", lower-case words are not names
                }

                Mark(counts, CodeNames[match.Groups["code"].Value], strong: true, add: 1);
            }
        }
    }

    /// <summary>The word (letters, digits, hyphens) that ends at <paramref name="end"/> starts with a capital.</summary>
    private static bool NameStartsUpper(string text, int end)
    {
        var i = end;
        while (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '-'))
        {
            i--;
        }

        return i < end && char.IsAsciiLetterUpper(text[i]);
    }

    private static void Mark(Dictionary<string, (int Count, bool Strong, int Order)> counts, string name, bool strong, int add)
    {
        var (count, wasStrong, order) = counts.GetValueOrDefault(name, (0, false, counts.Count));
        counts[name] = (count + add, wasStrong || strong, order);
    }
}
