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
        @"(?<![\w.,/^-])(?<sign>[+\-−])?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<pct>\s?\\?%)?(?![\w]|\.\d|,\d{3})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Number();

    // Before a number: "by", "by up to", "gains of", "+"
    [GeneratedRegex(@"(?:\bby(?:\s+(?:up\s+to|over|about|around|nearly|approximately|more\s+than|an\s+average\s+of|roughly))?|\b(?:gains?|improvements?|increases?|boosts?|margins?)\s+of(?:\s+up\s+to)?|\bup\s+to)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeltaBefore();

    // After a number: "points", "pp", "% relative improvement", "x faster", "times"
    [GeneratedRegex(@"^\s*(?:(?:absolute|relative|average|avg\.?)\s+)?(?:points?|pts?|pp|percentage\s+points?|improvements?|gains?|increases?|boosts?|reductions?|higher|lower|better|fewer|faster|speedup|speed-up|more|less|x\b|×|times)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DeltaAfter();

    [GeneratedRegex(@"\bfrom\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FromBefore();

    [GeneratedRegex(@"\bto\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ToBefore();

    // A bound, not a result: "less than 60%"
    [GeneratedRegex(@"\b(?:less|more|fewer|greater|lower|higher)\s+than\s*$|\b(?:under|below|above|over|nearly|almost)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BoundBefore();

    [GeneratedRegex(@"(?:\band|,)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AndBefore();

    [GeneratedRegex(@"\brespectively\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Respectively();

    private readonly record struct Num(int Start, int End, double Value, string? Unit, bool Delta, bool From, bool To);

    // Between a number and a benchmark after it: "% success rate on the", " on ", "accuracy on"
    [GeneratedRegex(@"^[\s,]*(?:(?!(?:and|or|but|while|than|compared)\b)[\w@/.,-]+\s+){0,5}?(?:on|in|at|for|across|with)\s+(?:the\s+)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberThenBenchmark();

    private readonly record struct Bench(int Start, int End, string Canonical);

    public static (IReadOnlyList<ReportedScore> Scores, IReadOnlyList<ReportedImprovement> Improvements) Extract(
        string? @abstract, IReadOnlyList<BenchmarkMention> benchmarks)
    {
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

        var sentenceStart = 0;
        foreach (var cut in SentenceBreak().EnumerateMatches(text))
        {
            Sentence(text, sentenceStart, cut.Index, occurrences, scores, improvements);
            sentenceStart = cut.Index + cut.Length;
        }

        Sentence(text, sentenceStart, text.Length, occurrences, scores, improvements);
        return (scores, improvements);
    }

    private static List<Bench> FindOccurrences(string text, IReadOnlyList<BenchmarkMention> benchmarks)
    {
        var found = new List<Bench>();
        foreach (var b in benchmarks)
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

    private static void Sentence(string text, int start, int end, List<Bench> all, List<ReportedScore> scores, List<ReportedImprovement> improvements)
    {
        var benches = all.Where(b => b.Start >= start && b.End <= end).ToList();
        if (benches.Count == 0)
        {
            return;
        }

        var sentence = text.AsSpan(start, end - start);
        var numbers = new List<Num>();
        var superseded = new HashSet<int>();
        foreach (Match m in Number().Matches(text[start..end]))
        {
            var s = start + m.Index;
            var e = s + m.Length;
            if (benches.Any(b => s < b.End && b.Start < e))
            {
                continue; // part of a name: "AIME 2024", "MATH-500"
            }

            var before = sentence[..m.Index];
            var after = sentence[(m.Index + m.Length)..];
            var pct = m.Groups["pct"].Success;
            var numText = m.Groups["num"].Value;
            var decimalPoint = numText.Contains('.', StringComparison.Ordinal);
            var delta = m.Groups["sign"].Success || DeltaBefore().IsMatch(before) || DeltaAfter().IsMatch(after);

            // "improvements of 4.81% on Arena-Hard and 11.1% on MT-bench": the second is a delta too.
            if (!delta && numbers.Count > 0 && numbers[^1].Delta && s - numbers[^1].End < 40 && AndBefore().IsMatch(before))
            {
                delta = true;
            }

            if ((!pct && !decimalPoint && !delta) || BoundBefore().IsMatch(before))
            {
                continue;
            }

            var value = double.Parse(numText.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var from = FromBefore().IsMatch(before);
            var to = ToBefore().IsMatch(before) && numbers.Count > 0 && numbers[^1].From;
            if (from)
            {
                superseded.Add(numbers.Count);
            }

            numbers.Add(new Num(s, e, value, pct ? "%" : null, delta, from, to));
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

            return;
        }

        if (results.Count > 1 && results.Count == benches.Count && Respectively().IsMatch(sentence))
        {
            for (var k = 0; k < results.Count; k++)
            {
                AddScore(scores, benches[k].Canonical, numbers[results[k]]);
            }

            return;
        }

        foreach (var i in results)
        {
            var near = Nearest(text, numbers[i], benches, numbers);
            if (near is { } b)
            {
                AddScore(scores, b.Canonical, numbers[i]);
            }
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
                if (b.Start - number.End <= Window && NumberThenBenchmark().IsMatch(text.AsSpan(number.End, b.Start - number.End)))
                {
                    return b;
                }

                continue;
            }

            var distance = number.Start - b.End;
            if (distance < 0 || distance > Window)
            {
                continue;
            }

            var blocked = numbers.Any(n => n.Start >= b.End && n.End <= number.Start && !n.Delta && !n.From && !n.To);
            if (!blocked)
            {
                before = b; // benches are in text order: the last one wins, the closest
            }
        }

        return before;
    }

    private static void AddScore(List<ReportedScore> scores, string benchmark, Num number)
    {
        if (!scores.Any(s => s.Benchmark == benchmark && Math.Abs(s.Value - number.Value) < 1e-9))
        {
            scores.Add(new ReportedScore(benchmark, number.Value, number.Unit));
        }
    }
}
