using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Results stated in the abstract for the benchmarks <see cref="BenchmarkExtractor"/> found. Works sentence by sentence
/// (a clause after ";" counts as a sentence):
/// <list type="bullet">
/// <item>a number is a result only with a decimal point or a percent sign ("94.1", "91%"); bare integers are counts;</item>
/// <item>a delta — "+6.8", "by 5%", "6.8 points", "70% relative improvement", "2x faster" — is an
/// <see cref="ReportedImprovement"/>, never a score;</item>
/// <item>"from 84% to 91%": only the final value is a score;</item>
/// <item>"83.72 and 0.89 on DPG-Bench and GenEval, respectively": paired in order;</item>
/// <item>otherwise a number goes to the nearest benchmark in its sentence, within 100 characters (a benchmark after the number only as "NUM [metric] on BENCH"), when no other
/// number stands between them.</item>
/// </list>
/// </summary>
public static partial class ScoreExtractor
{
    private const int Window = 100;

    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[A-Z(\\])|(?<=;)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(
        @"(?<![\w.,/^~–—@-])(?<sign>[+\-−])?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<pct>\s?\\?%)?(?![\w]|\.\d|,\d{3})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Number();

    // Before a number: "by", "by up to", "gains of", "+"
    [GeneratedRegex(@"(?:\badd(?:s|ing|ed)?(?:\s+(?:up\s+to|about|around|nearly|approximately|roughly|another|an\s+extra))?|\bby(?:\s+(?:up\s+to|over|about|around|nearly|approximately|more\s+than|an\s+average\s+of|roughly))?|\b(?:gains?|improvements?|increases?|boosts?|margins?|reductions?|drops?|decreases?|declines?|degradations?)\s+of(?:\s+(?:up\s+to|only|just|about|around|approximately|nearly))?|\bup\s+to)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeltaBefore();

    // After a number: "points", "pp", "% relative improvement", "x faster", "times" (also for the first of two numbers:
    // "a 21.20% and 22.46% improvement")
    [GeneratedRegex(@"^\s*(?:(?:to|and|,\s*and|,)\s*\d+(?:\.\d+)?\s?\\?%?\s+)?(?:[A-Z][A-Za-z0-9@-]{0,7}\s+(?=points?\b|pts?\b|pp\b))?(?:(?:absolute|relative|average|avg\.?)\s+)?(?:(?:performance|accuracy|error|score|success\s+rate)\s+(?:improvements?|gains?|increases?|boosts?|reductions?|drops?|declines?|decreases?|degradations?)\b|drops?\b|declines?\b|decreases?\b|degradations?\b|points?|pts?|pp|percentage\s+points?|improvements?|gains?|increases?|boosts?|reductions?|higher|lower|better|fewer|faster|speedup|speed-up|more|less|x\b|×|times)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeltaAfter();

    // "from 84%", "from a text-only baseline of 22.1", "from previous SFT-based models' 6.5%"
    [GeneratedRegex(@"\bfrom\s+(?:(?:a|an|the|its|their|previous|prior)\s+)?(?:[\w'’-]+\s+){0,3}?(?:of\s+)?$|\bfrom\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FromBefore();

    // "(94.0% to 94.8%)": the first of "X to Y" is where it started.
    [GeneratedRegex(@"^\s*to\s+\d", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ToNumberAfter();

    // A number continuing a delta: "by 16.1%, 12.7%, and 19.1%", "of 15% to 30%", "by 50% - 90%".
    [GeneratedRegex(@"(?:\band|,|\bto|[-–])\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeltaChainBefore();

    // "94-th percentile on Codeforces": an integer result.
    [GeneratedRegex(@"^-?(?:th|st|nd|rd)?\s+percentile\s+(?:on|in)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PercentileOnAfter();

    [GeneratedRegex(@"\bto\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ToBefore();

    // A bound, not a result: "less than 60%"
    [GeneratedRegex(@"[<>≤≥≈~]\s*$|\b(?:less|more|fewer|greater|lower|higher)\s+than(?:\s+or\s+equal\s+to)?\s*$|\b(?:under|below|above|over|nearly|almost|near|between|within|at\s+most|at\s+least|exceeding|beyond)\s*$|\b(?:none|neither|no\s+\w+|not(?!\s+only)|never|fail\w*\s+to)\b[^.;]{0,40}\b(?:reach\w*|exceed\w*|achiev\w*|surpass\w*|attain\w*|above|beyond)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BoundBefore();

    // Not a model's result on the benchmark: agreement of a metric with people ("94.3% correlation with human
    // rankings", "a Spearman correlation of 0.94"), people's own performance ("human accuracy averages 78.2%"), a
    // pairwise comparison ("an 82% win rate over the baseline").
    [GeneratedRegex(@"\b(?:human|humans|annotators?|experts?|people|participants)(?:'s?)?\s+(?:accuracy|performance|scores?|baselines?|level|raters?|achieve\w*|score\w*|reach\w*|attain\w*|obtain\w*|average\w*)\b[^.;,()]{0,20}$|\b(?:correlation|agreement|kappa)\s+(?:coefficient\s+)?of\s*$|\b(?:standard\s+deviations?|variances?|std\.?)\b[^.;,()]{0,20}$|\b(?:Pearson|Spearman|Kendall)\b[^.;]{0,25}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NotModelResultBefore();

    [GeneratedRegex(@"^\s?\\?%?\s*(?:[\w-]+\s+){0,2}?(?:correlat\w*\s+with|agreement\s+with|with\s+(?:the\s+)?(?:human|[\w-]+\s+Elo)|win\s+rate\s+(?:over|against|versus|vs\.?)\s+(?:the\s+|a\s+|its\s+)?(?:baseline|base|original|prior|previous|existing|competing|other|strong)|(?:of|for)\s+(?:the\s+|all\s+)?(?:responses|samples|cases|questions|tasks|instances|data|users|participants)\b|of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:gap|costs?|budget|compute|parameters|tokens|memory|FLOPs|training\s+(?:data|steps|time)|steps|supervision|annotations?|labels)\b)|^\s?\\?%?\s*of\s+(?:the\s+)?(?:full|total|entire|whole|original)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NotModelResultAfter();

    // A quantity with a unit, not a result: "4.12 USD", "0.8 seconds", "1.5 minutes", "3.2 GB".
    // ... also magnitudes ("46.7 billion parameters", "2.4 trillion tokens").
    [GeneratedRegex(@"^\s?(?:(?:thousand|million|billion|trillion)\b|USD|dollars?|cents?|seconds?|secs?|s\b|ms\b|minutes?|mins?|hours?|h\b|days?|GB|MB|TB|KB|GiB|tokens?|steps?|epochs?|images?|frames?|FPS|fps|Hz|kHz|GPU|TFLOPs?|FLOPs?|PFLOPs?|B\b|M\b|K\b|[kK]m|meters?|m\b|cm|mm|bits?|bytes?|parameters|params|layers|times)", RegexOptions.CultureInvariant)]
    private static partial Regex UnitAfter();

    // An average over unnamed benchmarks: "65.4 across eight competitive multimodal benchmarks".
    [GeneratedRegex(@"^\s?\\?%?\s*(?:\([^)]*\)\s*)?(?:[\w-]+\s+){0,3}?(?:across|over|on)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple|many|various|all|diverse)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UnnamedSetAfter();

    // "achieves 50 points on AIME 2024": an integer result in points.
    [GeneratedRegex(@"^\s+points?\s+on\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PointsOnAfter();

    [GeneratedRegex(@"\b(?:achiev\w*|attain\w*|obtain\w*|reach\w*|scor\w*)\s+(?:\w+\s+){0,2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AchievesBefore();

    [GeneratedRegex(@"(?:\band|,)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AndBefore();

    // A number continuing the previous one's series: "78.2%, peaking at 81.0%", "30% and 15%".
    [GeneratedRegex(@"(?:\band|,)\s*(?:(?:peaking|rising|reaching|going|up)\s+(?:at|to)\s+(?:an?\s+)?(?:\w+\s+)?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ChainBefore();

    // "achieving a win rate of 66%": a pairwise comparison unless a benchmark follows ("a win rate of 50% on AlpacaEval").
    [GeneratedRegex(@"\bwin\s+rates?\s+of\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WinRateOfBefore();

    // A result stated outright: "achieves an average replication score of", "reaches an accuracy of", a model's
    // figure ("surpassing OpenAI o1 with 90.4 and DeepSeek R1 with 92.3").
    [GeneratedRegex(@"\b(?:achiev\w*|attain\w*|obtain\w*|reach\w*|scor\w*|accuracy|success\s+rates?)\s+(?:[\w-]+\s+){0,4}?(?:of\s+)?$|(?<![\w-])[A-Z][\w.-]*(?:\s+[\w.-]+){0,2}\s+with\s+$|\b(?:only|just|merely)\s+(?:an?\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StatedResultBefore();

    // After a number: a result on some other target ("45.2% on HumanEval-X", "76.7% success rate on real robot tasks").
    [GeneratedRegex(@"^\s?\\?%?\s*(?:[\w@-]+\s+){0,3}?(?:on|in|for|across)\s+(?!(?:just|only)?\s*\d)", RegexOptions.CultureInvariant)]
    private static partial Regex OnNameAfter();

    [GeneratedRegex(@"\brespectively\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Respectively();

    private readonly record struct Num(int Start, int End, double Value, string? Unit, bool Delta, bool From, bool To, bool AfterOnly = false);

    // Between a number and a benchmark after it: "% success rate on the", " on ", "accuracy on"
    [GeneratedRegex(@"^[\s,}]*(?:\([^()]{1,30}\)\s*)?(?:(?:(?!(?:and|or|but|while|than|compared)\b)[\w@/.,-]+|with\s+and\s+without)\s+){0,5}?(?:on|in|at|for|across|with)\s+(?:the\s+|our\s+)?(?-i:(?:(?:challenging|competitive|popular|widely[\w-]*|standard|public|difficult|hard|recent|established|original|full)\s+){0,2})(?:(?:(?!(?:and|or|but|while|than)\b)[\w-]+\s+){0,4}?(?:benchmark|dataset|leaderboard)\s+)?(?:\d+\s*(?:x|×|times)\s*\d+\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberThenBenchmark();

    private readonly record struct Bench(int Start, int End, string Canonical);

    // Right before a number: a capitalized name, so the number is a model version ("Gemini 2.5 Pro", "Claude 3.5").
    [GeneratedRegex(@"(?<![\w-])[A-Z][a-z]+\s$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionedNameBefore();

    // Before a number: a name in capitals ("SD 3.5 Large", "GPT 4.1 mini") that is a version when a model word follows.
    [GeneratedRegex(@"(?<![\w-])[A-Z][\w-]*\s$", RegexOptions.CultureInvariant)]
    private static partial Regex NameBefore();

    [GeneratedRegex(@"^[\s-](?:Pro|Flash|Sonnet|Opus|Haiku|Large|Medium|Small|Mini|mini|Turbo|Instruct|Chat|Base|Ultra|Max|Plus|Nano|Lite|VL|Coder|Thinking|\d+(?:\.\d+)?[BM])\b", RegexOptions.CultureInvariant)]
    private static partial Regex ModelWordAfter();

    // After a number: the other end of a range ("62–73%", "12.5 ~ 20.1").
    [GeneratedRegex(@"^\s?\\?%?\s?[~–—-]\s?\d", RegexOptions.CultureInvariant)]
    private static partial Regex RangeAfter();

    // After a number without a percent sign: a count or a length ("12.3 turns per dialogue", "4.5 words").
    [GeneratedRegex(@"^\s(?:turns?|words?|pages?|characters?|sentences?|questions?|samples?|examples?|videos?|clips?|documents?|lines?|files?|dialogues?|utterances?|rounds?|queries|instances?|problems?|tasks?|objects?|persons?|years?|sparsity|compression|pruning|masking|mask\s+ratio)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CountAfter();

    // Between benchmarks of one list: "MATH and GSM8K", "A, B, and C", "A/B".
    [GeneratedRegex(@"^\s*(?:,\s*(?:and\s+)?|,?\s*and\s+|/\s*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListBetween();

    /// <summary>"On MATH and GSM8K, it reaches 85.2% and 92.1%", "85.2 and 71.3 on A and B": as many results as
    /// benchmarks, each group a list, paired in order.</summary>
    private static bool Aligned(string text, List<int> results, List<Num> numbers, List<Bench> benches)
    {
        for (var k = 1; k < results.Count; k++)
        {
            if (!Coordinated(text, numbers[results[k - 1]], numbers[results[k]]))
            {
                return false;
            }
        }

        for (var k = 1; k < benches.Count; k++)
        {
            if (benches[k].Start < benches[k - 1].End || !ListBetween().IsMatch(text.AsSpan(benches[k - 1].End, benches[k].Start - benches[k - 1].End)))
            {
                return false;
            }
        }

        return benches.Select(b => b.Canonical).Distinct().Count() == benches.Count;
    }

    /// <summary>A number that is part of a model's name: "Claude 3.5", "Gemini 2.5 Pro", "SD 3.5 Large".</summary>
    private static bool IsVersion(ReadOnlySpan<char> before, ReadOnlySpan<char> after) =>
        VersionedNameBefore().IsMatch(before) || (NameBefore().IsMatch(before) && ModelWordAfter().IsMatch(after));

    // "on DreamBooth", "on the UI-Vision": a name-like evaluation target that is not a known benchmark.
    [GeneratedRegex(@"\b(?:on|in)\s+(?:the\s+)?[A-Z][a-z]*[A-Z0-9][\w-]*|\bon\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+", RegexOptions.CultureInvariant)]
    private static partial Regex OnOtherName();

    // A sentence that states a result: "achieves", "a score of", "accuracy", "success rate", "F1".
    [GeneratedRegex(@"\b(?:achiev\w*|attain\w*|obtain\w*|reach\w*|scor\w*|accura\w*|success\s+rates?|pass@\d+|F1|exact\s+match|win\s+rates?|solv\w*|only|performance\s+of)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ResultCue();

    // The benchmark the paper introduces, referred to without its name: "on this new benchmark", "our benchmark".
    [GeneratedRegex(@"\b(?:this|our|the\s+(?:new|proposed))\s+(?:new\s+|challenging\s+)?(?:benchmark|dataset|leaderboard)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OwnBenchmark();

    // After a result number: another metric's name ("(24.39% IFS)") or a share ("30% of the data"): not the benchmark's result.
    [GeneratedRegex(@"^\s*(?:[A-Z][A-Z0-9-]{1,}\b(?![\w-]*\s+(?:on|in)\b)|of\b)", RegexOptions.CultureInvariant)]
    private static partial Regex OtherMetricAfter();

    /// <summary>As <see cref="Extract(string?, IReadOnlyList{BenchmarkMention})"/>, knowing the title too: a
    /// benchmark named in the title is the one "this benchmark" means.</summary>
    public static (IReadOnlyList<ReportedScore> Scores, IReadOnlyList<ReportedImprovement> Improvements) Extract(
        string? title, string? @abstract, IReadOnlyList<BenchmarkMention> benchmarks)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        string? titleBenchmark = null;
        if (!string.IsNullOrEmpty(title))
        {
            var inTitle = FindOccurrences(title.Replace('\n', ' '), benchmarks).Select(b => b.Canonical).Distinct().ToList();
            titleBenchmark = inTitle.Count == 1 ? inTitle[0] : null;
        }

        return Extract(@abstract, benchmarks, titleBenchmark);
    }

    public static (IReadOnlyList<ReportedScore> Scores, IReadOnlyList<ReportedImprovement> Improvements) Extract(
        string? @abstract, IReadOnlyList<BenchmarkMention> benchmarks) => Extract(@abstract, benchmarks, null);

    private static (IReadOnlyList<ReportedScore> Scores, IReadOnlyList<ReportedImprovement> Improvements) Extract(
        string? @abstract, IReadOnlyList<BenchmarkMention> benchmarks, string? titleBenchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        var scores = new List<ReportedScore>();
        var improvements = new List<ReportedImprovement>();
        if (string.IsNullOrEmpty(@abstract) || benchmarks.Count == 0)
        {
            return (scores, improvements);
        }

        var text = @abstract.Replace('\n', ' ');
        var occurrences = FindOccurrences(text, benchmarks);
        if (occurrences.Count == 0)
        {
            return (scores, improvements);
        }

        // The only benchmark named, or the one the title names, is the paper's own ("On this new benchmark, … 55.6").
        var distinct = occurrences.Select(o => o.Canonical).Distinct().ToList();
        var own = titleBenchmark ?? (distinct.Count == 1 ? distinct[0] : null);
        var sentenceStart = 0;
        string? previous = null;
        foreach (var cut in SentenceBreak().EnumerateMatches(text))
        {
            previous = Sentence(text, sentenceStart, cut.Index, occurrences, scores, improvements, previous, own);
            sentenceStart = cut.Index + cut.Length;
        }

        Sentence(text, sentenceStart, text.Length, occurrences, scores, improvements, previous, own);
        return (scores, improvements);
    }

    private static List<Bench> FindOccurrences(string text, IReadOnlyList<BenchmarkMention> benchmarks)
    {
        var found = new List<Bench>();

        // Longest names first, so that "BIRD-CRITIC-PG" claims its text before "BIRD-CRITIC" can.
        // The name as first written, and the canonical name when it is written differently elsewhere ("AIME24" … "AIME 2024").
        var forms = benchmarks.Select(b => (b.Name, b.Canonical))
            .Concat(benchmarks.Where(b => !string.Equals(b.Name, b.Canonical, StringComparison.OrdinalIgnoreCase)).Select(b => (Name: b.Canonical, b.Canonical)))
            .Concat(benchmarks.SelectMany(b => BenchmarkExtractor.AliasesOf(b.Canonical).Select(a => (Name: a, b.Canonical))))
            .Where(f => f.Name.Length > 1)
            .Distinct();
        foreach (var b in forms.OrderByDescending(b => b.Name.Length))
        {
            var from = 0;
            while (from < text.Length)
            {
                var i = text.IndexOf(b.Name, from, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                {
                    break;
                }

                var end = i + b.Name.Length;
                var bounded = (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && (end >= text.Length || !char.IsLetterOrDigit(text[end]));
                if (bounded && !found.Any(o => i < o.End && o.Start < end))
                {
                    found.Add(new Bench(i, end, b.Canonical));
                }

                from = end;
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Scores and improvements of one sentence; returns the benchmark a following sentence without a benchmark
    /// may refer to (the single one this sentence names, or null).</summary>
    private static string? Sentence(string text, int start, int end, List<Bench> all, List<ReportedScore> scores, List<ReportedImprovement> improvements, string? previous, string? own)
    {
        var benches = all.Where(b => b.Start >= start && b.End <= end).ToList();
        if (benches.Count == 0)
        {
            Unnamed(text, start, end, scores, previous, own);
            return null;
        }

        var named = benches.Select(b => b.Canonical).Distinct().ToList();
        var context = named.Count == 1 ? named[0] : null;

        var sentence = text.AsSpan(start, end - start);
        var numbers = new List<Num>();
        var superseded = new HashSet<int>();
        var lastBound = -1000;
        foreach (Match m in Number().Matches(text[start..end]))
        {
            var s = start + m.Index;
            var e = s + m.Length;
            if (benches.Any(b => s < b.End && b.Start < e))
            {
                continue; // part of a name: "AIME 2024", "MATH-500"
            }

            var before = sentence[Math.Max(0, m.Index - 80)..m.Index]; // the before-patterns read the last words only
            var after = sentence[(m.Index + m.Length)..];
            var pct = m.Groups["pct"].Success;
            var numText = m.Groups["num"].Value;
            var decimalPoint = numText.Contains('.', StringComparison.Ordinal);
            var points = !pct && !decimalPoint && ((PointsOnAfter().IsMatch(after) && AchievesBefore().IsMatch(before)) || PercentileOnAfter().IsMatch(after));
            var delta = !points && (m.Groups["sign"].Success || DeltaBefore().IsMatch(before) || DeltaAfter().IsMatch(after));
            if (!pct && !decimalPoint && !delta && !points)
            {
                continue; // a bare integer: a count, a year
            }

            if (!delta && IsNotAResult(before, after, s, lastBound, sentenceStartOffset: start))
            {
                if (StartsChain(before))
                {
                    lastBound = e;
                }

                continue;
            }

            // "improvements of 4.81% on Arena-Hard and 11.1% on MT-bench": the second is a delta too.
            if (!delta && numbers.Count > 0 && numbers[^1].Delta && s - numbers[^1].End < 80 && DeltaChainBefore().IsMatch(before))
            {
                delta = true;
            }

            if ((!pct && !decimalPoint && !delta && !points) || (!pct && IsVersion(before, after)))
            {
                continue;
            }

            var value = double.Parse(numText.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var from = FromBefore().IsMatch(before) || ToNumberAfter().IsMatch(after) ||
                       (numbers.Count > 0 && numbers[^1].From && s - numbers[^1].End < 40 && AndBefore().IsMatch(before)); // "from … 6.5% and 59.2% respectively"
            var to = ToBefore().IsMatch(before) && numbers.Count > 0 && numbers[^1].From;
            if (from)
            {
                superseded.Add(numbers.Count);
            }

            numbers.Add(new Num(s, e, value, pct ? "%" : null, delta, from, to, !delta && WinRateOfBefore().IsMatch(before)));
        }

        var results = new List<int>();
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i].Delta)
            {
                var near = Nearest(text, numbers[i], benches, numbers);
                improvements.Add(new ReportedImprovement(near?.Canonical, numbers[i].Value, numbers[i].Unit));
            }
            else if (!superseded.Contains(i))
            {
                results.Add(i);
            }
        }

        if (results.Count > 1 && benches.Count == 1 && Respectively().IsMatch(sentence))
        {
            foreach (var i in results)
            {
                AddScore(scores, benches[0].Canonical, numbers[i]);
            }

            return context;
        }

        if (results.Count > 1 && results.Count == benches.Count && (Respectively().IsMatch(sentence) || Aligned(text, results, numbers, benches)))
        {
            for (var k = 0; k < results.Count; k++)
            {
                AddScore(scores, benches[k].Canonical, numbers[results[k]]);
            }

            return context;
        }

        var assigned = new Bench?[results.Count];
        for (var k = 0; k < results.Count; k++)
        {
            assigned[k] = Nearest(text, numbers[results[k]], benches, numbers);
        }

        // "FID of 1.62 (256x256) and 2.22 (512x512) on ImageNet": a number coordinated with the next result takes its
        // benchmark when that one follows them.
        for (var k = results.Count - 2; k >= 0; k--)
        {
            if (assigned[k] is null && assigned[k + 1] is { } next && next.Start > numbers[results[k + 1]].End && Coordinated(text, numbers[results[k]], numbers[results[k + 1]]))
            {
                assigned[k] = next;
            }
        }

        ExtendAssignments(text, start, results, numbers, assigned, context);
        for (var k = 0; k < results.Count; k++)
        {
            var i = results[k];
            if (numbers[i].AfterOnly && (assigned[k] is not { } a || a.Start < numbers[i].Start))
            {
                continue; // "achieving a win rate of 66%" after "ImageReward … from 0.87 to 0.96"
            }

            if (assigned[k] is { } b)
            {
                AddScore(scores, b.Canonical, numbers[i]);
            }
            else if (context is not null && InParentheses(text, start, numbers[i]))
            {
                AddScore(scores, context, numbers[i]); // "achieves 91.3% on MNLI, surpassing LoRA (89.1%)"
            }
        }

        return context;
    }

    /// <summary>Results no benchmark was found for that still belong to one: a number coordinated with the previous
    /// result of a benchmark named before both ("GAIA validation (87.88% Pass@3) and 79.40% on the test set"), and, in
    /// a sentence naming one benchmark, a result stated outright however far from the name ("on PaperBench, finding
    /// that the best agent, …, achieves an average replication score of 21.0%").</summary>
    private static void ExtendAssignments(string text, int start, List<int> results, List<Num> numbers, Bench?[] assigned, string? context)
    {
        for (var k = 1; k < results.Count; k++)
        {
            if (assigned[k] is null && assigned[k - 1] is { } prev && prev.End <= numbers[results[k - 1]].Start && Coordinated(text, numbers[results[k - 1]], numbers[results[k]]))
            {
                assigned[k] = prev;
            }
        }

        if (context is null)
        {
            return;
        }

        for (var k = 0; k < results.Count; k++)
        {
            var n = numbers[results[k]];
            if (assigned[k] is not null || n.AfterOnly)
            {
                continue;
            }

            var before = text.AsSpan(start, n.Start - start);
            before = before.Length > 70 ? before[^70..] : before;
            var after = text.AsSpan(n.End, Math.Min(60, text.Length - n.End));
            if (StatedResultBefore().IsMatch(before) && !OnNameAfter().IsMatch(after))
            {
                assigned[k] = new Bench(-1, -1, context);
            }
        }
    }

    /// <summary>A bound or a people's figure the numbers right after it continue ("below 30% pass@1 and 15% pass^4",
    /// "human accuracy averages 78.2%, peaking at 81.0%").</summary>
    private static bool StartsChain(ReadOnlySpan<char> before)
    {
        before = before.Length > 70 ? before[^70..] : before;
        return BoundBefore().IsMatch(before) || NotModelResultBefore().IsMatch(before);
    }

    /// <summary>A number that is no model's result on a benchmark: a bound ("less than 60%", "none reach 60%", and
    /// "15%" in "below 30% pass@1 and 15% pass^4"), a range's end ("between 39.16 and 50.00"), a quantity with a unit
    /// ("4.12 USD"), an agreement or people's performance ("94.3% correlation", "human accuracy averages 78.2%"), a
    /// pairwise win rate over a baseline, or an average over unnamed benchmarks ("65.4 across eight benchmarks").</summary>
    private static bool IsNotAResult(ReadOnlySpan<char> before, ReadOnlySpan<char> after, int start, int lastBound, int sentenceStartOffset)
    {
        _ = sentenceStartOffset;
        before = before.Length > 70 ? before[^70..] : before; // every pattern looks at the last few words only
        return UnitAfter().IsMatch(after) ||
               RangeAfter().IsMatch(after) ||
               CountAfter().IsMatch(after) ||
               NotModelResultAfter().IsMatch(after) ||
               UnnamedSetAfter().IsMatch(after) ||
               (start - lastBound < 40 && ChainBefore().IsMatch(before)) ||
               BoundBefore().IsMatch(before) ||
               NotModelResultBefore().IsMatch(before);
    }

    [GeneratedRegex(@"^\s?\\?%?\s*(?:\([^()]{0,30}\)\s*)?(?:[A-Za-z0-9@]{1,8}\)?\s*)?(?:,\s*|,?\s*and\s+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CoordinationBetween();

    /// <summary>"1.26 and 1.83", "66.6% F1 and 80.4%", "1.62 (256x256) and 2.22": two results joined by "and" or a comma.</summary>
    private static bool Coordinated(string text, Num first, Num second) =>
        second.Start > first.End && second.Start - first.End <= 40 && CoordinationBetween().IsMatch(text.AsSpan(first.End, second.Start - first.End));

    private static bool InParentheses(string text, int sentenceStart, Num number)
    {
        var before = text.AsSpan(sentenceStart, number.Start - sentenceStart);
        return before.LastIndexOf('(') > before.LastIndexOf(')');
    }

    /// <summary>A sentence that names no benchmark but states results ("These models surpass GPT-4-Turbo (17.6%)",
    /// "with 60.54% and 52.55% accuracy"): they belong to the benchmark of the previous sentence when it named exactly
    /// one, or to the paper's own benchmark when the sentence says "this benchmark" or the previous one named none.
    /// Only absolute results in a sentence that reads as a result (<see cref="ResultCue"/>) or in parentheses.</summary>
    private static void Unnamed(string text, int start, int end, List<ReportedScore> scores, string? previous, string? own)
    {
        var sentence = text.AsSpan(start, end - start);
        var ownMeant = OwnBenchmark().IsMatch(sentence);
        if (!ownMeant && OnOtherName().IsMatch(sentence))
        {
            return; // "… on DreamBooth, achieving 0.151": a result on something else the extractor does not know
        }

        var target = ownMeant ? own ?? previous : previous ?? own;
        if (target is null)
        {
            return;
        }

        var cue = ResultCue().IsMatch(sentence);
        var lastBound = -1000;
        var lastDelta = -1000;
        Num? from = null;
        var found = new List<Num>();
        for (var m = Number().Match(text, start, end - start); m.Success; m = m.NextMatch())
        {
            var before = sentence[Math.Max(0, m.Index - start - 80)..(m.Index - start)];
            var after = sentence[(m.Index - start + m.Length)..];
            var pct = m.Groups["pct"].Success;
            var numText = m.Groups["num"].Value;
            if (!pct && !numText.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var delta = m.Groups["sign"].Success || DeltaBefore().IsMatch(before) || DeltaAfter().IsMatch(after) ||
                        (m.Index - lastDelta < 80 && DeltaChainBefore().IsMatch(before)); // "by 16.1%, 12.7%, and 19.1%"
            if (delta)
            {
                lastDelta = m.Index + m.Length;
                continue;
            }

            lastDelta = -1000; // "of 23.2%, from 11.3% to 34.5%": a delta's series ends at the next number

            if ((!pct && IsVersion(before, after)) || OtherMetricAfter().IsMatch(after) || WinRateOfBefore().IsMatch(before) || IsNotAResult(before, after, m.Index, lastBound, start))
            {
                if (StartsChain(before) || (m.Index - lastBound < 40 && ChainBefore().IsMatch(before)))
                {
                    lastBound = m.Index + m.Length;
                }

                continue;
            }

            var prefix = sentence[..(m.Index - start)];
            var parenthesized = prefix.LastIndexOf('(') > prefix.LastIndexOf(')');
            if (!cue && !parenthesized)
            {
                continue;
            }

            var value = double.Parse(numText.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var number = new Num(m.Index, m.Index + m.Length, value, pct ? "%" : null, false, FromBefore().IsMatch(before), false);
            if (from is not null && ToBefore().IsMatch(before))
            {
                found.Remove(from.Value); // "from 84% to 91%": only the final value
            }

            from = number.From ? number : null;
            found.Add(number);
        }

        foreach (var number in found)
        {
            AddScore(scores, target, number);
        }
    }

/// <summary>The benchmark a number belongs to: one right after it introduced by "on/in/at/for" ("94.1 on
    /// RewardBench"), else the closest one before it with no other result number in between ("GSM8K improves from 84%
    /// to 91%", "RewardBench (94.1)").</summary>
    private static Bench? Nearest(string text, Num number, List<Bench> benches, List<Num> numbers)
    {
        Bench? before = null;
        foreach (var b in benches)
        {
            if (b.Start >= number.End)
            {
                var between = text.AsSpan(number.End, b.Start - number.End);
                if (b.Start - number.End <= Window && (NumberThenBenchmark().IsMatch(between) || (between.IsWhiteSpace() && !NameRightBefore(text, number, benches))))
                {
                    return b; // "94.1 on RewardBench", "48.5% OSWorld"
                }

                continue;
            }

            var distance = number.Start - b.End;
            if (distance < 0 || distance > Window)
            {
                continue;
            }

            var blocked = numbers.Any(n => n.Start >= b.End && n.End <= number.Start && !n.Delta && !n.From && !n.To) ||
                          numbers.Any(n => n.End <= b.Start && text.AsSpan(n.End, b.Start - n.End).IsWhiteSpace()); // "48.5% OSWorld, 62.6%"
            if (!blocked)
            {
                before = b; // benches are in text order: the last one wins, the closest
            }
        }

        return before;
    }

    /// <summary>"MMLU 85.2", "MMLU: 85.2": a benchmark written right before the number.</summary>
    private static bool NameRightBefore(string text, Num number, List<Bench> benches) =>
        benches.Any(b => b.End <= number.Start && number.Start - b.End <= 3 && text.AsSpan(b.End, number.Start - b.End).Trim().Trim(':').IsEmpty);

    private static void AddScore(List<ReportedScore> scores, string benchmark, Num number)
    {
        if (!scores.Any(s => s.Benchmark == benchmark && Math.Abs(s.Value - number.Value) < 1e-9))
        {
            scores.Add(new ReportedScore(benchmark, number.Value, number.Unit));
        }
    }
}
