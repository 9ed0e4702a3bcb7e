using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Benchmarks named in the title or abstract, with canonical names. Three sources, in this order of trust:
/// <list type="number">
/// <item>the lexicon (<see cref="BenchmarkLexicon"/>): the longest run of up to six words that is a known name or
/// alias, compared on letters, digits and '+' ("GSM8k", "ArenaHard", "AIME'24"); a known name followed by "+" or
/// "(+)" also names its plus-version ("HumanEval+", "GSM8K+");</item>
/// <item>name shapes that are benchmarks almost always: "…Bench"/"…-bench"/"…-Benchmark" ("PhysToolBench",
/// "IWR-Bench"), "…Eval" and "…-Eval-…" ("CrossCodeEval"), "…Arena" ("GenAI-Arena");</item>
/// <item>introductions: "the WebApp1K benchmark", "a … (V-STaR) benchmark", "benchmark SafeLIBERO",
/// "we introduce SimpleQA Verified, a … benchmark", and a title "Name: … Benchmark …".</item>
/// </list>
/// Unknown names are their own canonical name. De-duplicated on the canonical name, in order of first appearance.
/// </summary>
public static partial class BenchmarkExtractor
{
    private const int MaxWords = 6;

    private sealed record Entry(string Canonical, HashSet<string>? ExactForms);

    // Declared before the lexicon: static fields initialize in order.
    private static readonly System.Buffers.SearchValues<char> LetterDigitPlus = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+τ²");

    private static readonly Dictionary<string, Entry> Lexicon = BuildLexicon(out FirstWords);

    private static readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> LexiconLookup = Lexicon.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Normalized first words of all aliases: a word that is none of these cannot start a name.</summary>
    private static readonly HashSet<string> FirstWords;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstWordLookup = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] SplitSuffixes = ["-test", "-val", "-dev", "-validation"];

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "LLM", "LLMs", "VLM", "VLMs", "MLLM", "MLLMs", "LVLM", "LVLMs", "LMM", "LMMs", "AI", "NLP", "QA", "VQA", "SOTA",
        "GPU", "API", "RL", "SFT", "CoT", "MoE", "LoRA", "T2V", "T2I", "I2V", "OCR", "GUI", "3D", "2D", "4D", "RAG", "SD",
        "AR", "ASR", "TTS", "MT", "KV", "IR", "ML", "NLU", "NLG", "ICL", "RLHF", "DPO", "PPO", "GRPO", "VLA", "OOD",
        "The", "This", "Our", "Each", "Every", "New", "Existing", "Current", "Standard", "Public", "First", "Video",
        "Image", "Text", "Code", "Math", "Agent", "Agentic", "Reasoning", "Safety", "Evaluation", "Human", "Real-World",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNamesLookup = NotNames.GetAlternateLookup<ReadOnlySpan<char>>();

    // A name-like word run: "WebApp1K", "BIRD-CRITIC-PG", "V-STaR", "Sentient-Benchmark".
    private const string NameWord = @"[A-Z0-9τ][\w+τ²]*(?:-[\w+τ²]+)*";

    [GeneratedRegex(@"(?<![\w-])" + NameWord, RegexOptions.CultureInvariant)]
    private static partial Regex NameToken();

    // "the X benchmark", "(X) benchmark", "benchmark X", "benchmark, X,"
    [GeneratedRegex(
        @"(?:(?<![\w-])(?<name>" + NameWord + @")|\((?<name>" + NameWord + @")\))\s+(?:benchmark|leaderboard|test\s+suite)(?!s|ing)\b|(?<!\b(?:[Ww]e|[Tt]o|and|also)\s)\bbenchmark(?:\s+(?:called|named|dubbed))?,?\s+(?<name>" + NameWord + @")(?=[\s,.;:)])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamedBenchmark();

    // "we introduce X, a new … benchmark", "we present X Y, the first benchmark"
    [GeneratedRegex(
        @"\b(?:introduce|present|propose|release|construct|build|create|develop|curate|call|name)[sd]?\s+(?:the\s+|a\s+new\s+)?(?<name>" + NameWord + @"(?:\s[A-Z][\w-]*)?),?\s+(?:a|an|the)\s+(?:[\w,'-]+\s+){0,7}?(?:benchmark|test\s+suite|evaluation\s+suite|leaderboard)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IntroducedBenchmark();

    // "benchmarks such as A, B, and C", "three benchmarks: A, B and C", "benchmark datasets (A, B, C)"
    [GeneratedRegex(
        @"\b(?:benchmarks|benchmark\s+datasets|evaluation\s+(?:datasets|suites)|test\s+sets)\s*(?:\(|:\s*|,?\s+(?:such\s+as|including|like|namely|e\.g\.,?)\s+)(?<list>" + NameWord + @"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)" + NameWord + @")*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BenchmarkListAfter();

    // "on A, B, and C benchmarks"
    [GeneratedRegex(
        @"\b(?:on|across)\s+(?:the\s+)?(?<list>" + NameWord + @"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)" + NameWord + @")+)\s+(?:benchmarks|datasets)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BenchmarkListBefore();

    [GeneratedRegex(@"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    // "80.5% on VideoGen Reward", "94.1 on RewardBench"
    [GeneratedRegex(@"(?<![\w.])\d+\.\d+\\?%?\}?\s+(?:(?:accuracy|success\s+rate|score|pass@\d+|F1|EM|PM|mAP|mIoU|AUC|BLEU|ROUGE-L)\s+)?on\s+(?:the\s+)?(?<name>" + NameWord + @"(?:\s[A-Z][\w-]*)?)(?=[\s,.;:)])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ResultOnName();

    // Title "Name: … Benchmark …" (not "Benchmarking").
    [GeneratedRegex(@"^(?<name>[A-Z0-9][\w+-]*(?:\s[A-Z][\w+-]*){0,2}):\s.*\bBenchmark(?!ing)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex TitleBenchmark();

    public static IReadOnlyList<BenchmarkMention> Extract(string? title, string? @abstract)
    {
        var found = new List<BenchmarkMention>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        ScanLexicon(title, found, keys);
        ScanLexicon(@abstract, found, keys);
        ScanShapes(title, found, keys);
        ScanShapes(@abstract, found, keys);
        ScanIntroductions(@abstract, found, keys);
        ScanIntroductions(title, found, keys);
        ScanResults(@abstract, found, keys);
        ScanSubsets(title, found, keys);
        ScanSubsets(@abstract, found, keys);
        if (!string.IsNullOrEmpty(title))
        {
            var match = TitleBenchmark().Match(title.Replace('\n', ' '));
            if (match.Success && IsName(match.Groups["name"].Value.Split(' ')[0]))
            {
                var name = match.Groups["name"].Value;
                var key = Key(name);

                // "ImgEdit: … Dataset and Benchmark" that names "ImgEdit-Bench" in the abstract: the latter is the benchmark.
                if (!keys.Any(k => k.Length > key.Length && k.StartsWith(key, StringComparison.Ordinal)))
                {
                    Add(found, keys, name, name);
                }
            }
        }

        return found;
    }

    /// <summary>The comparison key of a benchmark name: letters, digits and '+', lowercase.</summary>
    public static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static void ScanLexicon(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Span<(int Start, int End)> words = stackalloc (int, int)[MaxWords];
        Span<char> key = stackalloc char[128];
        var position = 0;
        while (position < text.Length)
        {
            // Next word start: a letter or digit not preceded by one.
            var start = NextWordStart(text, position);
            if (start < 0)
            {
                break;
            }

            var end = WordEnd(text, start);
            var keyLength = AppendKey(text.AsSpan(start, end - start), key, 0);
            if (keyLength < 0 || !FirstWordLookup.Contains(key[..keyLength]))
            {
                position = end;
                continue;
            }

            // Extend over up to MaxWords words joined by a single space, hyphen, underscore, dot, slash or apostrophe.
            var count = 0;
            words[count++] = (start, end);
            Entry? best = null;
            var bestEnd = -1;
            var bestKeyLength = 0;
            while (true)
            {
                if (keyLength > 0 && LexiconLookup.TryGetValue(key[..keyLength], out var entry) && Accepts(entry, text, start, words[count - 1].End))
                {
                    best = entry;
                    bestEnd = words[count - 1].End;
                    bestKeyLength = keyLength;
                }

                var last = words[count - 1].End;
                if (count == MaxWords || last + 1 >= text.Length || !IsJoiner(text[last]) || !char.IsLetterOrDigit(text[last + 1]))
                {
                    break;
                }

                var nextEnd = WordEnd(text, last + 1);
                var appended = AppendKey(text.AsSpan(last + 1, nextEnd - last - 1), key, keyLength);
                if (appended < 0)
                {
                    break;
                }

                keyLength = appended;
                words[count++] = (last + 1, nextEnd);
            }

            // "BIRD-CRITIC-PG" is not "BIRD": a known name that continues with "-Word" is part of a longer name.
            if (best is null || (bestEnd + 1 < text.Length && text[bestEnd] == '-' && char.IsLetterOrDigit(text[bestEnd + 1])))
            {
                position = end;
                continue;
            }

            var name = text[start..bestEnd];
            Add(found, keys, name, best.Canonical);
            if (bestEnd + 3 <= text.Length && text.AsSpan(bestEnd, 3).SequenceEqual("(+)") && !best.Canonical.EndsWith('+'))
            {
                Add(found, keys, name + "+", best.Canonical + "+");
                bestEnd += 3;
            }

            position = bestEnd;
        }
    }

    private static bool Accepts(Entry entry, string text, int start, int end)
    {
        if (entry.ExactForms is null)
        {
            return true;
        }

        var surface = new StringBuilder();
        foreach (var c in text.AsSpan(start, end - start))
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                surface.Append(c);
            }
        }

        return entry.ExactForms.Contains(surface.ToString());
    }

    private static bool IsJoiner(char c) => c is ' ' or '-' or '_' or '.' or '/' or '\'' or '’' or '‐';

    private static int NextWordStart(string text, int position)
    {
        for (var i = position; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A word: letters and digits, with trailing '+' signs ("HumanEval+").</summary>
    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '²'))
        {
            i++;
        }

        while (i < text.Length && text[i] == '+')
        {
            i++;
        }

        return i;
    }

    private static int AppendKey(ReadOnlySpan<char> word, Span<char> key, int length)
    {
        foreach (var c in word)
        {
            if (length >= key.Length)
            {
                return -1;
            }

            if (char.IsLetterOrDigit(c) || c == '+')
            {
                key[length++] = char.ToLowerInvariant(c);
            }
            else if (c == '²')
            {
                key[length++] = '2';
            }
        }

        return length;
    }

    private static void ScanShapes(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text) || !(text.Contains("ench", StringComparison.Ordinal) || text.Contains("Eval", StringComparison.Ordinal) || text.Contains("Arena", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var match in NameToken().EnumerateMatches(text))
        {
            var name = text.AsSpan(match.Index, match.Length).TrimEnd('-');
            if (IsBenchmarkShape(name) && IsName(name))
            {
                var value = name.ToString();
                Add(found, keys, value, LexiconCanonical(value) ?? value);
            }
        }
    }

    private static bool IsBenchmarkShape(ReadOnlySpan<char> name)
    {
        var bench = name.IndexOf("Bench", StringComparison.Ordinal);
        if (bench > 0 && !name[bench..].StartsWith("Benchmarking", StringComparison.Ordinal))
        {
            return true;
        }

        if (name.Contains("-bench", StringComparison.Ordinal) || name.Contains("-Eval", StringComparison.Ordinal))
        {
            return true;
        }

        return (name.EndsWith("Eval", StringComparison.Ordinal) && name.Length > 5) ||
               (name.EndsWith("Arena", StringComparison.Ordinal) && name.Length > 6);
    }

    private static void ScanIntroductions(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!(text.Contains("benchmark", StringComparison.OrdinalIgnoreCase) || text.Contains("leaderboard", StringComparison.OrdinalIgnoreCase) || text.Contains("test suite", StringComparison.OrdinalIgnoreCase) || text.Contains("evaluation suite", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var flat = text;
        foreach (Match match in NamedBenchmark().Matches(flat))
        {
            var name = match.Groups["name"].Value;
            if (IsName(name))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }

        foreach (var list in new[] { BenchmarkListAfter(), BenchmarkListBefore() })
        {
            foreach (Match match in list.Matches(flat))
            {
                foreach (var item in ListSeparator().Split(match.Groups["list"].Value))
                {
                    var name = item.TrimEnd('-');
                    if (IsName(name))
                    {
                        Add(found, keys, name, LexiconCanonical(name) ?? name);
                    }
                }
            }
        }

        foreach (Match match in IntroducedBenchmark().Matches(flat))
        {
            var name = match.Groups["name"].Value;
            if (IsName(name.Split(' ')[0]))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }
    }

    /// <summary>"80.5% on VideoGen Reward": a result stated on a name makes it a benchmark.</summary>
    private static void ScanResults(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (Match match in ResultOnName().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && keys.Contains(Key(name[..space])))
            {
                continue; // "69.6 on the OpenCompass Multi-modal …": OpenCompass, already found
            }

            if (IsName(name.Split(' ')[0]))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }
    }

    /// <summary>"BIRD-CRITIC-PG" after "BIRD-CRITIC": a known benchmark's name with a suffix names a subset.</summary>
    private static void ScanSubsets(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text) || found.Count == 0)
        {
            return;
        }

        foreach (var match in NameToken().EnumerateMatches(text))
        {
            var span = text.AsSpan(match.Index, match.Length).TrimEnd('-');
            var dash = span.LastIndexOf('-');
            if (dash <= 0)
            {
                continue;
            }

            var name = span.ToString();
            if (keys.Contains(Key(name[..dash])) && !keys.Contains(Key(name)) && IsName(name))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }
    }

    /// <summary>Looks like a proper name: not a stop word; has a letter, and a digit or an upper-case letter after the
    /// first character (so "WebApp1K", "BABILong", "V-STaR", "OCTAV", but not "Video" or "A").</summary>
    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.Length < 2 || NotNamesLookup.Contains(name))
        {
            return false;
        }

        var letter = false;
        var upper = false;
        foreach (var c in name)
        {
            letter |= char.IsLetter(c);
            upper |= char.IsUpper(c);
        }

        if (!letter || !upper)
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) || char.IsDigit(name[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string? LexiconCanonical(string name) =>
        Lexicon.TryGetValue(Key(name), out var entry) && entry.ExactForms is null ? entry.Canonical : null;

    private static void Add(List<BenchmarkMention> found, HashSet<string> keys, string name, string canonical)
    {
        // "VideoFeedback-test": a split of a benchmark is the benchmark.
        foreach (var split in SplitSuffixes)
        {
            if (canonical.Length > split.Length + 1 && canonical.EndsWith(split, StringComparison.OrdinalIgnoreCase))
            {
                canonical = canonical[..^split.Length];
                break;
            }
        }

        if (keys.Add(Key(canonical)))
        {
            found.Add(new BenchmarkMention(name, canonical));
        }
    }

    private static Dictionary<string, Entry> BuildLexicon(out HashSet<string> firstWords)
    {
        var lexicon = new Dictionary<string, Entry>(StringComparer.Ordinal);
        firstWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in BenchmarkLexicon.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var aliases = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var canonical = aliases[0];
            foreach (var raw in aliases)
            {
                var exact = raw.StartsWith('!');
                var alias = exact ? raw[1..] : raw;
                var key = Key(alias);
                var entry = lexicon.GetValueOrDefault(key) ?? new Entry(canonical, null);
                if (exact)
                {
                    var forms = entry.ExactForms ?? new HashSet<string>(StringComparer.Ordinal);
                    forms.Add(new string([.. alias.Where(c => char.IsLetterOrDigit(c) || c == '+')]));
                    entry = entry with { ExactForms = forms };
                }

                lexicon[key] = entry;
                var first = alias.AsSpan();
                var cut = first.IndexOfAnyExcept(LetterOrDigitOrPlus());
                firstWords.Add(Key(cut < 0 ? alias : alias[..cut]));
            }
        }

        return lexicon;
    }

    private static System.Buffers.SearchValues<char> LetterOrDigitOrPlus() => LetterDigitPlus;
}
