using System.Globalization;
using System.Text;

namespace Pipeline.Classification;

/// <summary>True positives, false positives and false negatives, with precision, recall and F1 (each 0 when undefined).</summary>
public sealed record Prf(int Tp, int Fp, int Fn)
{
    public double Precision => Tp + Fp == 0 ? 0 : Tp / (double)(Tp + Fp);

    public double Recall => Tp + Fn == 0 ? 0 : Tp / (double)(Tp + Fn);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public int Support => Tp + Fn;

    public static Prf operator +(Prf a, Prf b) => new(a.Tp + b.Tp, a.Fp + b.Fp, a.Fn + b.Fn);
}

/// <summary>Figures of one evaluation run.</summary>
/// <param name="Papers">Papers evaluated.</param>
/// <param name="Topics">Per topic id that occurs in the gold labels or the predictions.</param>
/// <param name="TopicsMicro">Summed over topics.</param>
/// <param name="TopicsMacro">Unweighted mean of the per-topic precision, recall and F1 (over <paramref name="Topics"/>).</param>
/// <param name="Entities">Per entity type: <c>baseModels</c>, <c>benchmarks</c>, <c>scores</c>, <c>languages</c>,
/// <c>paramSizes</c>, <c>links</c>.</param>
public sealed record EvaluationReport(
    int Papers,
    IReadOnlyDictionary<string, Prf> Topics,
    Prf TopicsMicro,
    (double Precision, double Recall, double F1) TopicsMacro,
    IReadOnlyDictionary<string, Prf> Entities);

/// <summary>One paper's counts (<see cref="Evaluation.Compare"/>): per topic id that occurs in its gold labels or
/// predictions, and per entity type.</summary>
public sealed record PaperCounts(IReadOnlyDictionary<string, Prf> Topics, IReadOnlyDictionary<string, Prf> Entities);

/// <summary>Assigned topics whose score falls in [<paramref name="Low"/>, <paramref name="High"/>): how many, their
/// mean score, and the share of them in the gold labels.</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanScore, double ShareCorrect);

/// <summary>Calibration of assigned topic scores (<c>Evaluation.Calibration</c>).</summary>
public sealed record TopicCalibration(IReadOnlyList<CalibrationBin> Bins, double ExpectedError);

/// <summary>
/// Compares predicted enrichment with the dev set's gold labels. Matching rules, per paper:
/// <list type="bullet">
/// <item>topics: taxonomy ids, as sets (the catch-all topic counts like any other);</item>
/// <item>base models: (family, version, size) keys, see <see cref="ModelExtractor.Key"/> (family on letters and digits
/// only, so <c>open-sora</c> = <c>opensora</c>; variant ignored; version
/// "2.0" = "2"); a mention subsumed by a more specific one of the same family ("Llama" beside "Llama-3-8B",
/// "Llama-3.1" beside "Llama-3.1-8B") is dropped on both sides first;</item>
/// <item>benchmarks: canonical names compared on letters, digits and '+', case-insensitively, a year written with four
/// digits after the name as its last two (<c>DAVIS 2017</c> = <c>DAVIS17</c>, <c>AIME 2024</c> = <c>AIME24</c>; <see cref="BenchmarkKey"/>);</item>
/// <item>scores: same benchmark key and |value difference| ≤ 0.05 (unit not compared), each gold score matched at most once;</item>
/// <item>languages: names, case-insensitively; parameter sizes: normalized ("1.30b" = "1.3B"); links: code and
/// Hugging Face URLs together, case-insensitively.</item>
/// </list>
/// </summary>
public static class Evaluation
{
    public const double ScoreTolerance = 0.05;

    public static readonly IReadOnlyList<string> EntityTypes = ["baseModels", "benchmarks", "scores", "languages", "paramSizes", "links"];

    /// <summary>Classifies each paper and compares.</summary>
    public static EvaluationReport Run(TopicClassifier classifier, IEnumerable<DevSetPaper> papers)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        return Evaluate(papers.Select(p => (p, classifier.Classify(p.ToInput()))));
    }

    public static EvaluationReport Evaluate(IEnumerable<(DevSetPaper Gold, Enrichment Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Summarise([.. pairs.Select(p => Compare(p.Gold, p.Predicted))]);
    }

    /// <summary>One paper's counts: per topic id in its gold labels or predictions, and per entity type.</summary>
    public static PaperCounts Compare(DevSetPaper gold, Enrichment predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var topics = new Dictionary<string, Prf>(StringComparer.Ordinal);
        var predictedTopics = predicted.Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var goldTopics = gold.Topics.ToHashSet(StringComparer.Ordinal);
        foreach (var id in predictedTopics.Union(goldTopics))
        {
            var p = predictedTopics.Contains(id);
            var g = goldTopics.Contains(id);
            topics[id] = new Prf(p && g ? 1 : 0, p && !g ? 1 : 0, g && !p ? 1 : 0);
        }

        var entities = new Dictionary<string, Prf>(StringComparer.Ordinal)
        {
            ["scores"] = CompareScores(gold.Scores, predicted.Scores),
        };
        foreach (var entity in KeyedEntities)
        {
            entities[entity.Type] = CompareSets(entity.Gold(gold).Select(k => k.Key), entity.Predicted(predicted).Select(k => k.Key));
        }

        return new PaperCounts(topics, entities);
    }

    /// <summary>
    /// The entity types compared as sets of keys (every type but scores, which match with a tolerance): how each is
    /// shown in <see cref="FormatErrors"/> and the key it is compared on, for a gold paper and for a prediction. The one
    /// place these keys are spelled, for <see cref="Compare"/> and <see cref="FormatErrors"/> alike.
    /// </summary>
    private static readonly IReadOnlyList<KeyedEntity> KeyedEntities =
    [
        new("baseModels",
            g => Same(ModelKeys(g.BaseModels.Select(m => (m.Family, m.Version, m.Size)))),
            p => Same(ModelKeys(p.BaseModels.Select(m => (m.Family, m.Version, m.Size))))),
        new("benchmarks",
            g => g.Benchmarks.Select(b => (b.Canonical, BenchmarkKey(b.Canonical))),
            p => p.Benchmarks.Select(b => (b.Canonical, BenchmarkKey(b.Canonical)))),
        new("languages",
            g => g.Languages.Select(l => (l, l.ToLowerInvariant())),
            p => p.Languages.Select(l => (l, l.ToLowerInvariant()))),
        new("paramSizes",
            g => g.ParamSizes.Select(s => (s, NormalizeSize(s))),
            p => p.ParamSizes.Select(s => (s, NormalizeSize(s)))),
        new("links",
            g => g.CodeUrls.Concat(g.HfUrls).Select(u => (u, u.ToLowerInvariant())),
            p => p.CodeUrls.Concat(p.HuggingFaceUrls).Select(u => (u, u.ToLowerInvariant()))),
    ];

    private static IEnumerable<(string Shown, string Key)> Same(IEnumerable<string> keys) => keys.Select(k => (k, k));

    private sealed record KeyedEntity(
        string Type,
        Func<DevSetPaper, IEnumerable<(string Shown, string Key)>> Gold,
        Func<Enrichment, IEnumerable<(string Shown, string Key)>> Predicted);

    /// <summary>Sums papers' counts into the report (micro: summed over topics; macro: mean over the topics that occur).</summary>
    public static EvaluationReport Summarise(IReadOnlyList<PaperCounts> papers)
    {
        ArgumentNullException.ThrowIfNull(papers);
        var topics = new SortedDictionary<string, Prf>(StringComparer.Ordinal);
        var entities = EntityTypes.ToDictionary(t => t, _ => new Prf(0, 0, 0), StringComparer.Ordinal);
        foreach (var paper in papers)
        {
            foreach (var (id, prf) in paper.Topics)
            {
                topics[id] = topics.GetValueOrDefault(id, new Prf(0, 0, 0)) + prf;
            }

            foreach (var (type, prf) in paper.Entities)
            {
                entities[type] += prf;
            }
        }

        var micro = topics.Values.Aggregate(new Prf(0, 0, 0), (a, b) => a + b);
        var macro = topics.Count == 0
            ? (0.0, 0.0, 0.0)
            : (topics.Values.Average(t => t.Precision), topics.Values.Average(t => t.Recall), topics.Values.Average(t => t.F1));
        return new EvaluationReport(papers.Count, topics, micro, macro, entities);
    }

    /// <summary>
    /// 95% percentile bootstrap intervals of each headline F1 (<c>topics micro</c>, <c>topics macro</c>, each entity
    /// type): the papers are resampled with replacement <paramref name="resamples"/> times (fixed seed, so the same
    /// input gives the same intervals). How far another sample of the same size could land: on 200 papers with a few
    /// dozen gold scores the interval is wide, which is why one held-out figure is read together with the others.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Low, double High)> Bootstrap(IReadOnlyList<PaperCounts> papers, int resamples = 1000, int seed = 20261127)
    {
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var samples = HeadlineNames.ToDictionary(n => n, _ => new List<double>(resamples), StringComparer.Ordinal);
        if (papers.Count == 0)
        {
            return samples.ToDictionary(kv => kv.Key, _ => (0.0, 0.0), StringComparer.Ordinal);
        }

        var random = new Random(seed);
        var draw = new PaperCounts[papers.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < draw.Length; i++)
            {
                draw[i] = papers[random.Next(papers.Count)];
            }

            var report = Summarise(draw);
            foreach (var (name, f1) in Headlines(report))
            {
                samples[name].Add(f1);
            }
        }

        return samples.ToDictionary(kv => kv.Key, kv => (Percentile(kv.Value, 0.025), Percentile(kv.Value, 0.975)), StringComparer.Ordinal);
    }

    /// <summary>The names <see cref="Bootstrap"/> reports, in table order.</summary>
    public static IReadOnlyList<string> HeadlineNames { get; } = ["topics micro", "topics macro", .. EntityTypes];

    private static IEnumerable<(string Name, double F1)> Headlines(EvaluationReport report)
    {
        yield return ("topics micro", report.TopicsMicro.F1);
        yield return ("topics macro", report.TopicsMacro.F1);
        foreach (var type in EntityTypes)
        {
            yield return (type, report.Entities[type].F1);
        }
    }

    private static double Percentile(List<double> values, double q)
    {
        values.Sort();
        var position = q * (values.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, values.Count - 1);
        return values[low] + ((values[high] - values[low]) * (position - low));
    }

    /// <summary>
    /// How well the scores of assigned topics are calibrated: the assigned topics grouped by score into ten bins of
    /// width 0.1, each bin's mean score beside the share of its topics that are in the gold labels, and the expected
    /// calibration error (the bins' |mean score − share correct| weighted by their size). A calibrated score of 0.8
    /// is right four times in five.
    /// </summary>
    public static TopicCalibration Calibration(IEnumerable<(DevSetPaper Gold, Enrichment Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Calibration(pairs.SelectMany(p => p.Predicted.Topics.Select(t => (t.Score, p.Gold.Topics.Contains(t.Id, StringComparer.Ordinal)))));
    }

    /// <summary>Calibration of (score, right) pairs in ten score bins, and the expected calibration error; what the
    /// topic trainer reports out of fold as well.</summary>
    public static TopicCalibration Calibration(IEnumerable<(double Score, bool Correct)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var count = new int[10];
        var correct = new int[10];
        var sum = new double[10];
        foreach (var (score, right) in pairs)
        {
            var bin = Math.Clamp((int)Math.Floor(score * 10), 0, 9);
            count[bin]++;
            sum[bin] += score;
            correct[bin] += right ? 1 : 0;
        }

        var total = count.Sum();
        var bins = Enumerable.Range(0, 10)
            .Where(b => count[b] > 0)
            .Select(b => new CalibrationBin(b / 10.0, (b + 1) / 10.0, count[b], sum[b] / count[b], correct[b] / (double)count[b]))
            .ToList();
        var error = total == 0 ? 0 : bins.Sum(b => b.Count / (double)total * Math.Abs(b.MeanScore - b.ShareCorrect));
        return new TopicCalibration(bins, error);
    }

    /// <summary>The calibration table <c>pipeline eval</c> prints under the figures.</summary>
    public static string FormatCalibration(TopicCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"assigned topic scores: expected calibration error {calibration.ExpectedError:F3}");
        sb.AppendLine(inv, $"{"score",-12}{"topics",8}{"mean score",12}{"correct",9}");
        foreach (var bin in calibration.Bins)
        {
            sb.AppendLine(inv, $"{$"{bin.Low:F1}-{bin.High:F1}",-12}{bin.Count,8}{bin.MeanScore,12:F3}{bin.ShareCorrect,9:F3}");
        }

        return sb.ToString();
    }

    /// <summary>Set comparison of distinct keys.</summary>
    public static Prf CompareSets(IEnumerable<string> gold, IEnumerable<string> predicted)
    {
        var g = gold.ToHashSet(StringComparer.Ordinal);
        var p = predicted.ToHashSet(StringComparer.Ordinal);
        var tp = g.Count(p.Contains);
        return new Prf(tp, p.Count - tp, g.Count - tp);
    }

    public static Prf CompareScores(IEnumerable<DevSetScore> gold, IEnumerable<ReportedScore> predicted)
    {
        var remaining = gold.Select(s => (Key: BenchmarkKey(s.Benchmark), s.Value)).ToList();
        var predictedList = predicted.Select(s => (Key: BenchmarkKey(s.Benchmark), s.Value)).Distinct().ToList();
        var tp = 0;
        foreach (var p in predictedList)
        {
            var i = remaining.FindIndex(g => g.Key == p.Key && Math.Abs(g.Value - p.Value) <= ScoreTolerance + 1e-9);
            if (i >= 0)
            {
                remaining.RemoveAt(i);
                tp++;
            }
        }

        return new Prf(tp, predictedList.Count - tp, remaining.Count);
    }

    /// <summary>Distinct model keys, without those subsumed by a more specific key of the same family.</summary>
    public static IReadOnlyList<string> ModelKeys(IEnumerable<(string Family, string? Version, string? Size)> models)
    {
        var list = models
            .Select(m => (Family: FamilyKey(m.Family), Version: NormalizeVersion(m.Version), Size: m.Size is null ? null : NormalizeSize(m.Size)))
            .Distinct()
            .ToList();
        return [.. list
            .Where(m => !list.Any(o => o != m && o.Family == m.Family
                && (m.Version is null || m.Version == o.Version)
                && (m.Size is null || m.Size == o.Size)))
            .Select(m => ModelExtractor.Key(m.Family, m.Version, m.Size))];
    }

    /// <summary>A family compared on its letters and digits, lower-cased: <c>Open-Sora</c> = <c>opensora</c>.</summary>
    public static string FamilyKey(string family) =>
        string.Concat(family.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>
    /// The evaluation's benchmark key: <see cref="BenchmarkExtractor.Key"/> after every four-digit number 19xx/20xx that
    /// follows a letter of the name is shortened to its last two digits (a year, or rarely a count like
    /// <c>CUB-200-2011</c>'s, shortened alike on both sides), so <c>DAVIS 2017</c>, <c>DAVIS-2017</c> and <c>DAVIS17</c>
    /// are one benchmark (a convention settled before devset6 was labelled, see DEVSET.md).
    /// </summary>
    public static string BenchmarkKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var end = i;
            while (end < name.Length && char.IsAsciiDigit(name[end]))
            {
                end++;
            }

            if (end == i)
            {
                sb.Append(name[i]);
                continue;
            }

            var isYear = end - i == 4 && name[..i].Any(char.IsLetter) && (name.AsSpan(i, 2) is "19" or "20");
            sb.Append(name, isYear ? i + 2 : i, isYear ? 2 : end - i);
            i = end - 1;
        }

        return BenchmarkExtractor.Key(sb.ToString());
    }

    private static string? NormalizeVersion(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var v = version.ToLowerInvariant();
        return v.EndsWith(".0", StringComparison.Ordinal) ? v[..^2] : v;
    }

    /// <summary>"1.30b" → "1.3B", "8x7b" → "8x7B".</summary>
    public static string NormalizeSize(string size)
    {
        var s = size.Trim();
        if (s.Length < 2)
        {
            return s.ToUpperInvariant();
        }

        var unit = char.ToUpperInvariant(s[^1]);
        var number = s[..^1].ToLowerInvariant();
        var x = number.IndexOf('x', StringComparison.Ordinal);
        var prefix = x > 0 ? number[..(x + 1)] : string.Empty;
        var value = x > 0 ? number[(x + 1)..] : number;
        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? prefix + d.ToString("0.###", CultureInfo.InvariantCulture) + unit
            : s.ToUpperInvariant();
    }

    /// <summary>Per paper, what was missed (<c>-</c>) and what was wrongly predicted (<c>+</c>), per topic and entity
    /// type, with the same matching rules as <see cref="Evaluate"/>; papers without errors are left out.</summary>
    public static string FormatErrors(IEnumerable<(DevSetPaper Gold, Enrichment Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sb = new StringBuilder();
        foreach (var (gold, predicted) in pairs)
        {
            var lines = new List<string>();
            Diff(lines, "topics", Same(gold.Topics), Same(predicted.Topics.Select(t => t.Id)));
            foreach (var type in EntityTypes)
            {
                if (type == "scores")
                {
                    Diff(lines, type, ShownScores(gold.Scores.Select(s => (s.Benchmark, s.Value))), ShownScores(predicted.Scores.Select(s => (s.Benchmark, s.Value))));
                    continue;
                }

                var entity = KeyedEntities.Single(e => e.Type == type);
                Diff(lines, type, entity.Gold(gold), entity.Predicted(predicted));
            }

            if (lines.Count > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{gold.Id} [{gold.Split}] {gold.Title.Replace('\n', ' ')}");
                foreach (var line in lines)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
                }
            }
        }

        return sb.ToString();

        static IEnumerable<(string Shown, string Key)> ShownScores(IEnumerable<(string Benchmark, double Value)> scores) =>
            scores.Select(s => (string.Create(CultureInfo.InvariantCulture, $"{s.Benchmark}={s.Value}"),
                string.Create(CultureInfo.InvariantCulture, $"{BenchmarkKey(s.Benchmark)}={s.Value}")));

        static void Diff(List<string> lines, string what, IEnumerable<(string Shown, string Key)> gold, IEnumerable<(string Shown, string Key)> predicted)
        {
            var g = gold.ToList();
            var p = predicted.ToList();
            var gk = g.Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
            var pk = p.Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
            var missed = g.Where(x => !pk.Contains(x.Key)).Select(x => x.Shown).Distinct().ToList();
            var wrong = p.Where(x => !gk.Contains(x.Key)).Select(x => x.Shown).Distinct().ToList();
            if (missed.Count + wrong.Count > 0)
            {
                lines.Add($"{what}: {string.Join(" ", missed.Select(m => "-" + m).Concat(wrong.Select(w => "+" + w)))}");
            }
        }
    }

    /// <summary>The table <c>pipeline eval</c> prints.</summary>
    /// <param name="report">The figures.</param>
    /// <param name="title">The first line.</param>
    /// <param name="intervals">When given (<see cref="Bootstrap"/>), a 95% interval after each headline F1.</param>
    public static string FormatTable(EvaluationReport report, string title, IReadOnlyDictionary<string, (double Low, double High)>? intervals = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{title}: {report.Papers} papers");
        sb.AppendLine();
        sb.AppendLine(inv, $"{"topic",-24}{"P",7}{"R",7}{"F1",7}{"tp",6}{"fp",6}{"fn",6}{"support",9}");
        foreach (var (id, prf) in report.Topics)
        {
            Row(sb, id, prf);
        }

        sb.AppendLine(new string('-', 72));
        Row(sb, "topics micro", report.TopicsMicro, Interval("topics micro"));
        sb.AppendLine(inv, $"{"topics macro",-24}{report.TopicsMacro.Precision,7:F3}{report.TopicsMacro.Recall,7:F3}{report.TopicsMacro.F1,7:F3}{(intervals is null ? string.Empty : new string(' ', 27))}{Interval("topics macro")}");
        sb.AppendLine();
        sb.AppendLine(inv, $"{"entity",-24}{"P",7}{"R",7}{"F1",7}{"tp",6}{"fp",6}{"fn",6}{"support",9}{(intervals is null ? string.Empty : "  F1 95% interval")}");
        foreach (var type in EntityTypes)
        {
            Row(sb, type, report.Entities[type], Interval(type));
        }

        if (intervals is not null)
        {
            sb.AppendLine();
            sb.AppendLine("intervals: 95% percentile bootstrap over papers (1,000 resamples, fixed seed)");
        }

        return sb.ToString();

        string Interval(string name) =>
            intervals is not null && intervals.TryGetValue(name, out var ci) ? string.Create(CultureInfo.InvariantCulture, $"  [{ci.Low:F3}, {ci.High:F3}]") : string.Empty;

        static void Row(StringBuilder sb, string name, Prf prf, string interval = "") =>
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name,-24}{prf.Precision,7:F3}{prf.Recall,7:F3}{prf.F1,7:F3}{prf.Tp,6}{prf.Fp,6}{prf.Fn,6}{prf.Support,9}{interval}");
    }
}
