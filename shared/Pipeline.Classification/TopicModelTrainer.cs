using System.Globalization;
using System.Text;

namespace Pipeline.Classification;

/// <summary>Hyper-parameters of <see cref="TopicModelTrainer"/>; the defaults are what 5-fold cross-validation on the
/// dev set's tuning rows chose (see the <c>about</c> text of <c>topic-model.json</c>).</summary>
public sealed record TopicTrainingOptions
{
    /// <summary>Weight of an n-gram occurrence in the title (abstract: <see cref="AbstractWeight"/>).</summary>
    public double TitleWeight { get; init; } = 3;

    public double AbstractWeight { get; init; } = 1;

    /// <summary>Weight of an n-gram occurrence in the Hugging Face <c>ai_keywords</c>.</summary>
    public double KeywordsWeight { get; init; } = 1;

    /// <summary>Scale of the stacked rule scores (each in [0, 1]) relative to the length-normalised n-grams.</summary>
    public double RuleScale { get; init; } = 1;

    /// <summary>An n-gram is a feature only when at least this many training papers contain it.</summary>
    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>L1 penalty (keeps the weights file small: most n-grams get weight 0).</summary>
    public double L1 { get; init; } = 0.00003;

    /// <summary>N-gram weights smaller than this in absolute value are dropped from the weights file (keeps it small;
    /// cross-validation measures the pruned model).</summary>
    public double MinNgramWeight { get; init; } = 0.1;

    /// <summary>L2 penalty (elastic net with <see cref="L1"/>).</summary>
    public double L2 { get; init; } = 0.001;

    /// <summary>Accelerated proximal-gradient (FISTA) iterations per topic.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Topics with fewer positive training papers get no weights and are decided by their rules alone.</summary>
    public int MinPositives { get; init; } = 10;

    /// <summary>Weight of the model's probability in a covered topic's score (the rest is its rule score).</summary>
    public double Blend { get; init; } = 0.35;

    /// <summary>The global threshold on the blended score.</summary>
    public double Threshold { get; init; } = 0.45;

    /// <summary>Per-topic thresholds: each topic's best threshold on out-of-fold scores, shrunk towards
    /// <see cref="Threshold"/> as if <see cref="ThresholdShrinkage"/> extra papers had chosen the global one.</summary>
    public bool PerTopicThresholds { get; init; } = true;

    /// <summary>Keep every topic the rules assign; the model only adds (<see cref="TopicModelFile.KeepRules"/>).</summary>
    public bool KeepRules { get; init; }

    public double ThresholdShrinkage { get; init; } = 20;

    /// <summary>Choose the second-topic ratio (<see cref="TopicModelFile.SecondTopicRatio"/>) on out-of-fold scores;
    /// false: the rule is off.</summary>
    public bool SecondTopic { get; init; } = true;

    public int Folds { get; init; } = 5;

    /// <summary>Class weighting for rare topics: a positive paper's log-loss counts
    /// <c>min(MaxPositiveWeight, (negatives / positives)^PositiveWeightPower)</c> times (0: unweighted). 0.5 raised
    /// 5-fold CV on the 1,100 tune papers from 0.821 / 0.779 to 0.823 / 0.783 (blend micro / macro).</summary>
    public double PositiveWeightPower { get; init; } = 0.5;

    public double MaxPositiveWeight { get; init; } = 10;

    /// <summary>Fit the score calibration (<see cref="TopicCalibrationJson"/>) on out-of-fold scores.</summary>
    public bool Calibrate { get; init; } = true;

    /// <summary>Seed of the fold assignment (papers in id order, shuffled by <see cref="Random"/> with this seed).</summary>
    public int Seed { get; init; } = 20261127;
}

/// <summary>Micro and macro topic F1 of one way of deciding, as <see cref="Evaluation"/> computes them.</summary>
public sealed record TopicCvFigure(string Name, double Micro, double Macro);

/// <summary>
/// Trains the linear topic model (<see cref="TopicModel"/>) offline: for each topic with enough positive papers, an
/// elastic-net logistic regression (unpenalised bias) fitted by FISTA from zero weights — deterministic, no random
/// initialisation — on the papers' n-gram features and every topic's rule score. Hyper-parameters, blend and
/// thresholds are chosen by k-fold cross-validation (<see cref="Search"/>). Pure: no I/O; the CLI command
/// <c>pipeline train-topics</c> reads the dev set and writes <c>topic-model.json</c>.
/// </summary>
public static class TopicModelTrainer
{
    private static readonly double[] ThresholdGrid = [.. Enumerable.Range(0, 25).Select(i => 0.2 + (0.025 * i))];

    /// <summary>Second-topic ratios tried (0: off).</summary>
    private static readonly double[] SecondTopicGrid = [0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];

    /// <summary>Trains on every paper with <paramref name="options"/>; per-topic thresholds (when enabled) come from
    /// out-of-fold scores. Returns the weights file's JSON text.</summary>
    public static string Train(Taxonomy taxonomy, IReadOnlyList<DevSetPaper> papers, TopicTrainingOptions options, string about, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(options);
        var context = new Context(taxonomy, papers);
        var thresholds = Enumerable.Repeat(options.Threshold, taxonomy.Topics.Count).ToArray();
        var secondTopicRatio = 0.0;
        TopicCalibrationJson? calibration = null;
        if (options.PerTopicThresholds || options.SecondTopic || options.Calibrate)
        {
            var oof = OutOfFold(context, options);
            var all = Enumerable.Range(0, papers.Count).ToList();
            if (options.PerTopicThresholds)
            {
                thresholds = TopicThresholds(context, oof, all, options);
            }

            secondTopicRatio = ChooseSecondTopicRatio(context, oof, all, options, thresholds);
            if (options.Calibrate)
            {
                var decided = oof.Select(m => m?.WithDecision(options.Blend, thresholds, options.KeepRules, secondTopicRatio)).ToArray();
                var (fitted, report) = FitCalibration(context, decided, options);
                calibration = fitted;
                log?.Invoke(report);
                about += " " + report;
            }
        }

        var file = Fit(context, Enumerable.Range(0, papers.Count).ToList(), options, thresholds);
        file.SecondTopicRatio = secondTopicRatio;
        file.Calibration = calibration;
        file.About = about;
        return TopicModelJson.Write(file);
    }

    /// <summary>
    /// Searches the hyper-parameter grid (each combination of the given values) by k-fold cross-validation and
    /// returns the best options (by the mean of micro and macro F1, per-topic thresholds chosen inside the folds)
    /// with a report of the figures: rules only, the model alone, and the blend.
    /// </summary>
    public static (TopicTrainingOptions Best, string Report) Search(
        Taxonomy taxonomy,
        IReadOnlyList<DevSetPaper> papers,
        TopicTrainingOptions baseline,
        IReadOnlyList<double> l1Values,
        IReadOnlyList<double> titleWeights,
        IReadOnlyList<double> ruleScales,
        IReadOnlyList<double> blends,
        Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(baseline);
        var context = new Context(taxonomy, papers);
        var report = new StringBuilder();
        var rules = Evaluate(context, Enumerable.Range(0, papers.Count), _ => null);
        report.AppendLine(Line(new TopicCvFigure("rules only (no training: same on every fold)", rules.Micro, rules.Macro)));
        var best = baseline;
        var bestValue = double.NegativeInfinity;
        foreach (var l1 in l1Values)
        {
            foreach (var title in titleWeights)
            {
                foreach (var ruleScale in ruleScales)
                {
                    var options = baseline with { L1 = l1, TitleWeight = title, RuleScale = ruleScale };
                    var oof = OutOfFold(context, options);
                    foreach (var blend in blends)
                    {
                        foreach (var (perTopic, keepRules) in new[] { (false, false), (true, false), (false, true), (true, true) })
                        {
                            // The second-topic rule is chosen after the grid (it is slow to cross-validate).
                            var candidate = options with { Blend = blend, PerTopicThresholds = perTopic, KeepRules = keepRules, SecondTopic = false };
                            var (threshold, figure) = CrossValidatedDecision(context, oof, candidate);
                            candidate = candidate with { Threshold = threshold };
                            var value = (figure.Micro + figure.Macro) / 2;
                            var line = Line(figure with { Name = Describe(candidate) });
                            report.AppendLine(line);
                            progress?.Invoke(line);
                            if (value > bestValue + 1e-9)
                            {
                                bestValue = value;
                                best = candidate;
                            }
                        }
                    }
                }
            }
        }

        best = best with { SecondTopic = baseline.SecondTopic };
        report.AppendLine(CultureInfo.InvariantCulture, $"best: {Describe(best)}");
        return (best, report.ToString());
    }

    /// <summary>The cross-validated figures of <paramref name="options"/> as they stand (no search): rules only, the
    /// model alone (blend 1), and the options' blend, each with the options' threshold mode.</summary>
    public static IReadOnlyList<TopicCvFigure> CrossValidate(Taxonomy taxonomy, IReadOnlyList<DevSetPaper> papers, TopicTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(options);
        var context = new Context(taxonomy, papers);
        var rules = Evaluate(context, Enumerable.Range(0, papers.Count), _ => null);
        var oof = OutOfFold(context, options);
        var modelOnly = CrossValidatedDecision(context, oof, options with { Blend = 1 }, options.Threshold).Figure;
        var blend = CrossValidatedDecision(context, oof, options, options.Threshold).Figure;
        var noSecond = CrossValidatedDecision(context, oof, options with { SecondTopic = false }, options.Threshold).Figure;
        return
        [
            rules with { Name = "rules only" },
            modelOnly with { Name = "model alone (blend 1)" },
            noSecond with { Name = $"blend {options.Blend.ToString(CultureInfo.InvariantCulture)} without the second-topic rule" },
            blend with { Name = $"blend {options.Blend.ToString(CultureInfo.InvariantCulture)}" + (options.SecondTopic ? " with the second-topic rule" : string.Empty) },
        ];
    }

    /// <summary>An honesty check: trains on <paramref name="train"/> (thresholds from its own out-of-fold scores) and
    /// returns the figures of rules only and of the trained model on <paramref name="test"/>, which it never saw.</summary>
    public static IReadOnlyList<TopicCvFigure> TrainAndTest(Taxonomy taxonomy, IReadOnlyList<DevSetPaper> train, IReadOnlyList<DevSetPaper> test, TopicTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var file = TopicModelJson.Read(System.Text.Encoding.UTF8.GetBytes(Train(taxonomy, train, options, string.Empty)));
        var model = TopicModel.ForTaxonomy(file, taxonomy);
        var context = new Context(taxonomy, test);
        var all = Enumerable.Range(0, test.Count).ToList();
        return
        [
            Evaluate(context, all, _ => null) with { Name = "rules only" },
            Evaluate(context, all, _ => model) with { Name = Describe(options) },
        ];
    }

    public static string Describe(TopicTrainingOptions o) => string.Create(
        CultureInfo.InvariantCulture,
        $"l1={o.L1} l2={o.L2} minWeight={o.MinNgramWeight} title={o.TitleWeight} abstract={o.AbstractWeight} keywords={o.KeywordsWeight} rules={o.RuleScale} minDf={o.MinDocumentFrequency} minPos={o.MinPositives} positiveWeightPower={o.PositiveWeightPower} keepRules={o.KeepRules} secondTopic={o.SecondTopic} blend={o.Blend} threshold={o.Threshold:0.###} perTopic={o.PerTopicThresholds}");

    private static string Line(TopicCvFigure f) => string.Create(CultureInfo.InvariantCulture, $"{f.Micro:0.000} / {f.Macro:0.000}  {f.Name}");

    /// <summary>Out-of-fold fitted models: paper i's model was trained on the other folds.</summary>
    private static TopicModel?[] OutOfFold(Context context, TopicTrainingOptions options)
    {
        var folds = FoldOf(context.Papers.Count, options);
        var models = new TopicModel?[context.Papers.Count];
        for (var k = 0; k < options.Folds; k++)
        {
            var train = Enumerable.Range(0, context.Papers.Count).Where(i => folds[i] != k).ToList();
            var thresholds = Enumerable.Repeat(options.Threshold, context.Taxonomy.Topics.Count).ToArray();
            var model = TopicModel.ForTaxonomy(Fit(context, train, options, thresholds), context.Taxonomy);
            foreach (var i in Enumerable.Range(0, context.Papers.Count).Where(i => folds[i] == k))
            {
                models[i] = model;
            }
        }

        return models;
    }

    private static int[] FoldOf(int count, TopicTrainingOptions options)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var folds = new int[count];
        for (var position = 0; position < count; position++)
        {
            folds[order[position]] = position % options.Folds;
        }

        return folds;
    }

    /// <summary>Chooses the global threshold (or uses <paramref name="fixedThreshold"/>) on out-of-fold scores and
    /// evaluates; with per-topic thresholds, fold k's thresholds are chosen on the other folds' papers only.</summary>
    private static (double Threshold, TopicCvFigure Figure) CrossValidatedDecision(Context context, TopicModel?[] oof, TopicTrainingOptions options, double? fixedThreshold = null)
    {
        var folds = FoldOf(context.Papers.Count, options);
        var scores = BlendedScores(context, oof, options.Blend);
        var candidates = fixedThreshold is { } f ? [f] : new[] { 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 };
        (double Threshold, TopicCvFigure Figure) best = (double.NaN, new TopicCvFigure(string.Empty, -1, -1));
        foreach (var threshold in candidates)
        {
            var current = options with { Threshold = threshold };
            var decided = new TopicModel?[context.Papers.Count];
            for (var k = 0; k < options.Folds; k++)
            {
                var others = Enumerable.Range(0, context.Papers.Count).Where(i => folds[i] != k).ToList();
                var thresholds = current.PerTopicThresholds
                    ? TopicThresholds(context, scores, others, current)
                    : Enumerable.Repeat(threshold, context.Taxonomy.Topics.Count).ToArray();
                var ratio = ChooseSecondTopicRatio(context, oof, others, current, thresholds);
                for (var i = 0; i < context.Papers.Count; i++)
                {
                    if (folds[i] == k)
                    {
                        decided[i] = oof[i]?.WithDecision(options.Blend, thresholds, options.KeepRules, ratio);
                    }
                }
            }

            var figure = Evaluate(context, Enumerable.Range(0, context.Papers.Count), i => decided[i]);
            if (figure.Micro + figure.Macro > best.Figure.Micro + best.Figure.Macro + 1e-9)
            {
                best = (threshold, figure);
            }
        }

        return best;
    }

    /// <summary>The second-topic ratio (<see cref="SecondTopicGrid"/>) with the best micro + macro F1 on the given
    /// papers' out-of-fold models with <paramref name="thresholds"/>; 0 when the rule is off or never helps.</summary>
    private static double ChooseSecondTopicRatio(Context context, TopicModel?[] oof, List<int> papers, TopicTrainingOptions options, double[] thresholds)
    {
        if (!options.SecondTopic)
        {
            return 0;
        }

        var best = (Ratio: 0.0, Value: double.NegativeInfinity);
        foreach (var ratio in SecondTopicGrid)
        {
            var decided = oof.Select(m => m?.WithDecision(options.Blend, thresholds, options.KeepRules, ratio)).ToArray();
            var figure = Evaluate(context, papers, i => decided[i]);
            if (figure.Micro + figure.Macro > best.Value + 1e-9)
            {
                best = (ratio, figure.Micro + figure.Macro);
            }
        }

        return best.Ratio;
    }

    /// <summary>
    /// Fits the score calibration on the out-of-fold decisions of every paper (assigned topics' decision scores and
    /// whether they are right; the catch-all's share right) and reports the expected calibration error of the
    /// assigned topics' scores, uncalibrated and calibrated, the latter with the map of fold k fitted on the other
    /// folds only.
    /// </summary>
    private static (TopicCalibrationJson Calibration, string Report) FitCalibration(Context context, TopicModel?[] decided, TopicTrainingOptions options)
    {
        var folds = FoldOf(context.Papers.Count, options);
        var assigned = new List<(int Paper, double Score, bool Correct, bool Fallback)>();
        for (var i = 0; i < context.Papers.Count; i++)
        {
            foreach (var topic in context.Classifier.Assign(context.Texts[i], context.Rules[i], decided[i]))
            {
                var fallback = topic.Evidence.Count == 0;
                assigned.Add((i, topic.Score, context.Papers[i].Topics.Contains(topic.Id, StringComparer.Ordinal), fallback));
            }
        }

        TopicCalibrationJson FitOn(Func<int, bool> include)
        {
            var pairs = assigned.Where(a => include(a.Paper) && !a.Fallback).Select(a => (a.Score, a.Correct)).ToList();
            var fallbacks = assigned.Where(a => include(a.Paper) && a.Fallback).ToList();
            var fallbackShare = fallbacks.Count == 0 ? 0 : fallbacks.Count(a => a.Correct) / (double)fallbacks.Count;
            return TopicScoreCalibration.Fit(pairs, fallbackShare);
        }

        var raw = Evaluation.Calibration(assigned.Select(a => (a.Score, a.Correct))).ExpectedError;
        var calibrated = new List<(double Score, bool Correct)>();
        for (var k = 0; k < options.Folds; k++)
        {
            var map = TopicScoreCalibration.From(FitOn(i => folds[i] != k))!;
            calibrated.AddRange(assigned.Where(a => folds[a.Paper] == k).Select(a => (a.Fallback ? map.Fallback : map.Map(a.Score), a.Correct)));
        }

        var all = FitOn(_ => true);
        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"Score calibration (isotonic, {all.Scores!.Count} knots, catch-all {all.Fallback:0.000}): out-of-fold expected calibration error of assigned topics {raw:0.000} uncalibrated, {Evaluation.Calibration(calibrated).ExpectedError:0.000} calibrated (map of each fold fitted on the others).");
        return (all, report);
    }

    /// <summary>Blended out-of-fold score of every paper and topic (NaN where the topic has no weights).</summary>
    private static double[][] BlendedScores(Context context, TopicModel?[] oof, double blend)
    {
        var scores = new double[context.Papers.Count][];
        for (var i = 0; i < context.Papers.Count; i++)
        {
            var rules = context.Rules[i].Scores;
            var probabilities = oof[i]?.Predict(context.Texts[i], rules, out _) ?? Enumerable.Repeat(double.NaN, rules.Length).ToArray();
            scores[i] = [.. probabilities.Select((p, t) => (blend * p) + ((1 - blend) * rules[t]))];
        }

        return scores;
    }

    private static double[] TopicThresholds(Context context, TopicModel?[] oof, IEnumerable<int> papers, TopicTrainingOptions options) =>
        TopicThresholds(context, BlendedScores(context, oof, options.Blend), papers, options);

    /// <summary>Each topic's F1-best threshold on the given papers' scores, shrunk towards the global one.</summary>
    private static double[] TopicThresholds(Context context, double[][] scores, IEnumerable<int> papers, TopicTrainingOptions options)
    {
        var list = papers.ToList();
        var thresholds = new double[context.Taxonomy.Topics.Count];
        for (var t = 0; t < thresholds.Length; t++)
        {
            var positives = list.Count(i => context.Gold[i][t]);
            var bestF1 = -1.0;
            var bestThreshold = options.Threshold;
            foreach (var threshold in ThresholdGrid)
            {
                int tp = 0, fp = 0;
                foreach (var i in list)
                {
                    if (scores[i][t] >= threshold || (options.KeepRules && context.Rules[i].Scores[t] >= ClassifierOptions.Default.Threshold))
                    {
                        if (context.Gold[i][t])
                        {
                            tp++;
                        }
                        else
                        {
                            fp++;
                        }
                    }
                }

                var f1 = positives + tp + fp == 0 ? 0 : 2.0 * tp / (positives + tp + fp);
                if (f1 > bestF1 + 1e-9 || (Math.Abs(f1 - bestF1) <= 1e-9 && Math.Abs(threshold - options.Threshold) < Math.Abs(bestThreshold - options.Threshold)))
                {
                    bestF1 = f1;
                    bestThreshold = threshold;
                }
            }

            thresholds[t] = Math.Round(((positives * bestThreshold) + (options.ThresholdShrinkage * options.Threshold)) / (positives + options.ThresholdShrinkage), 3);
        }

        return thresholds;
    }

    private static TopicCvFigure Evaluate(Context context, IEnumerable<int> papers, Func<int, TopicModel?> model)
    {
        var pairs = papers.Select(i => (context.Papers[i], new Enrichment
        {
            Version = string.Empty,
            Topics = context.Classifier.Assign(context.Texts[i], context.Rules[i], model(i)),
            CodeUrls = [],
            HuggingFaceUrls = [],
        }));
        var report = Evaluation.Evaluate(pairs);
        return new TopicCvFigure(string.Empty, report.TopicsMicro.F1, report.TopicsMacro.F1);
    }

    /// <summary>Fits every topic with enough positives on the given papers.</summary>
    private static TopicModelFile Fit(Context context, List<int> train, TopicTrainingOptions options, double[] thresholds)
    {
        var topicCount = context.Taxonomy.Topics.Count;

        // Vocabulary: n-grams in at least MinDocumentFrequency training papers, in a deterministic order.
        var df = new Dictionary<ulong, int>();
        foreach (var i in train)
        {
            foreach (var hash in context.Counts[i].Keys)
            {
                df[hash] = df.GetValueOrDefault(hash) + 1;
            }
        }

        var vocabulary = df.Where(p => p.Value >= options.MinDocumentFrequency)
            .Select(p => p.Key)
            .OrderBy(h => context.NgramText[h], StringComparer.Ordinal)
            .ToList();
        var index = vocabulary.Select((h, f) => (h, f)).ToDictionary(p => p.h, p => p.f);
        var dimension = vocabulary.Count + topicCount;

        // Rows: sparse n-gram values, then the dense rule scores.
        var rows = new (int[] Index, double[] Value)[train.Count];
        for (var r = 0; r < train.Count; r++)
        {
            var i = train[r];
            var total = (options.TitleWeight * context.Totals[i].Title) + (options.AbstractWeight * context.Totals[i].Abstract) + (options.KeywordsWeight * context.Totals[i].Keywords);
            var entries = new List<(int Index, double Value)>();
            foreach (var (hash, (title, abs, keywords)) in context.Counts[i])
            {
                if (index.TryGetValue(hash, out var f))
                {
                    var count = (options.TitleWeight * title) + (options.AbstractWeight * abs) + (options.KeywordsWeight * keywords);
                    if (count > 0)
                    {
                        entries.Add((f, TopicModel.FeatureValue(count, total)));
                    }
                }
            }

            entries.Sort((a, b) => a.Index.CompareTo(b.Index));
            for (var j = 0; j < topicCount; j++)
            {
                entries.Add((vocabulary.Count + j, context.Rules[i].Scores[j] * options.RuleScale));
            }

            rows[r] = ([.. entries.Select(e => e.Index)], [.. entries.Select(e => e.Value)]);
        }

        var lipschitz = (0.25 * LargestEigenvalue(rows, dimension)) + options.L2;
        var file = new TopicModelFile
        {
            TaxonomyHash = context.Taxonomy.Hash,
            Features = new TopicFeatureSpec
            {
                TitleWeight = options.TitleWeight,
                AbstractWeight = options.AbstractWeight,
                KeywordsWeight = options.KeywordsWeight,
                RuleScale = options.RuleScale,
            },
            Blend = options.Blend,
            KeepRules = options.KeepRules,
            Topics = [],
        };
        for (var t = 0; t < topicCount; t++)
        {
            var y = train.Select(i => context.Gold[i][t]).ToArray();
            var positives = y.Count(v => v);
            if (positives < options.MinPositives)
            {
                continue;
            }

            var positiveWeight = options.PositiveWeightPower <= 0
                ? 1
                : Math.Clamp(Math.Pow((y.Length - positives) / (double)positives, options.PositiveWeightPower), 1, options.MaxPositiveWeight);
            var (weights, bias) = FitTopic(rows, y, dimension, options, lipschitz * positiveWeight, positiveWeight);
            var ngrams = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (text, weight) in vocabulary
                .Select((h, f) => (Text: context.NgramText[h], Weight: Math.Round(weights[f], 4)))
                .Where(p => p.Weight != 0 && Math.Abs(p.Weight) >= options.MinNgramWeight)
                .OrderByDescending(p => Math.Abs(p.Weight))
                .ThenBy(p => p.Text, StringComparer.Ordinal))
            {
                ngrams.Add(text, weight);
            }

            var rules = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var j = 0; j < topicCount; j++)
            {
                var weight = Math.Round(weights[vocabulary.Count + j], 4);
                if (weight != 0)
                {
                    rules.Add(context.Taxonomy.Topics[j].Id, weight);
                }
            }

            file.Topics.Add(new TopicWeightsJson
            {
                Id = context.Taxonomy.Topics[t].Id,
                Positives = positives,
                Bias = Math.Round(bias, 4),
                Threshold = Math.Clamp(thresholds[t], 0.05, 0.95),
                Rules = rules,
                Ngrams = ngrams,
            });
        }

        return file;
    }

    /// <summary>
    /// Minimises <c>mean log-loss + L1·|w|₁ + L2/2·|w|²</c> (bias unpenalised) by FISTA with the constant step
    /// 1/<paramref name="lipschitz"/>, from w = 0 and the bias at the prior log-odds.
    /// </summary>
    private static (double[] Weights, double Bias) FitTopic((int[] Index, double[] Value)[] rows, bool[] y, int dimension, TopicTrainingOptions options, double lipschitz, double positiveWeight)
    {
        var n = rows.Length;
        var weightedPositives = y.Count(v => v) * positiveWeight;
        var prior = Math.Clamp(weightedPositives / (weightedPositives + y.Count(v => !v)), 1e-3, 1 - 1e-3);
        var w = new double[dimension];
        var v = new double[dimension];
        var previous = new double[dimension];
        var gradient = new double[dimension];
        var bias = Math.Log(prior / (1 - prior));
        var biasV = bias;
        var step = 1 / lipschitz;
        var momentum = 1.0;
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            Array.Clear(gradient);
            double biasGradient = 0;
            for (var r = 0; r < n; r++)
            {
                var (index, value) = rows[r];
                var z = biasV;
                for (var k = 0; k < index.Length; k++)
                {
                    z += v[index[k]] * value[k];
                }

                var g = y[r] ? ((1 / (1 + Math.Exp(-z))) - 1) * positiveWeight / n : (1 / (1 + Math.Exp(-z))) / n;
                biasGradient += g;
                for (var k = 0; k < index.Length; k++)
                {
                    gradient[index[k]] += g * value[k];
                }
            }

            Array.Copy(w, previous, dimension);
            var previousBias = bias;
            for (var j = 0; j < dimension; j++)
            {
                var u = v[j] - (step * (gradient[j] + (options.L2 * v[j])));
                w[j] = Math.Sign(u) * Math.Max(0, Math.Abs(u) - (step * options.L1));
            }

            bias = biasV - (step * biasGradient);
            var nextMomentum = (1 + Math.Sqrt(1 + (4 * momentum * momentum))) / 2;
            var factor = (momentum - 1) / nextMomentum;
            for (var j = 0; j < dimension; j++)
            {
                v[j] = w[j] + (factor * (w[j] - previous[j]));
            }

            biasV = bias + (factor * (bias - previousBias));
            momentum = nextMomentum;
        }

        return (w, bias);
    }

    /// <summary>Largest eigenvalue of (1/n)·X̃ᵀX̃ (X̃: the rows with a constant 1 for the bias) by power iteration,
    /// times 1.05 for safety: the logistic loss's gradient is 0.25× this Lipschitz.</summary>
    private static double LargestEigenvalue((int[] Index, double[] Value)[] rows, int dimension)
    {
        var x = Enumerable.Repeat(1.0, dimension + 1).ToArray();
        double eigenvalue = 1;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var next = new double[dimension + 1];
            foreach (var (index, value) in rows)
            {
                var dot = x[dimension];
                for (var k = 0; k < index.Length; k++)
                {
                    dot += x[index[k]] * value[k];
                }

                next[dimension] += dot;
                for (var k = 0; k < index.Length; k++)
                {
                    next[index[k]] += dot * value[k];
                }
            }

            var norm = Math.Sqrt(next.Sum(a => a * a));
            eigenvalue = norm / Math.Sqrt(x.Sum(a => a * a)) / rows.Length;
            x = [.. next.Select(a => a / norm)];
        }

        return eigenvalue * 1.05;
    }

    /// <summary>What every fit shares: each paper's field texts, rule scores, gold topics and n-gram counts.</summary>
    private sealed class Context
    {
        public Context(Taxonomy taxonomy, IReadOnlyList<DevSetPaper> papers)
        {
            Taxonomy = taxonomy;
            Papers = papers;
            Classifier = new TopicClassifier(taxonomy, null, null);
            var ids = taxonomy.Topics.Select(t => t.Id).ToList();
            foreach (var paper in papers)
            {
                var texts = TopicClassifier.FieldTexts(paper.ToInput());
                Texts.Add(texts);
                Rules.Add(Classifier.ScoreRules(texts));
                Gold.Add([.. ids.Select(id => paper.Topics.Contains(id, StringComparer.Ordinal))]);
                var counts = new Dictionary<ulong, (double Title, double Abstract, double Keywords)>();
                var totals = new double[3];
                for (var f = 0; f < texts.Length; f++)
                {
                    var state = (Counts: counts, Totals: totals, Field: f, Text: texts[f], Names: NgramText);
                    TopicFeatures.Enumerate(texts[f], ref state, static (ref s, ngram) =>
                    {
                        s.Totals[s.Field]++;
                        var c = s.Counts.GetValueOrDefault(ngram.Hash);
                        s.Counts[ngram.Hash] = s.Field switch
                        {
                            0 => (c.Title + 1, c.Abstract, c.Keywords),
                            1 => (c.Title, c.Abstract + 1, c.Keywords),
                            _ => (c.Title, c.Abstract, c.Keywords + 1),
                        };
                        if (!s.Names.ContainsKey(ngram.Hash))
                        {
                            s.Names.Add(ngram.Hash, TopicFeatures.NgramText(s.Text, ngram));
                        }
                    });
                }

                if (TopicFeatures.QuestionSpan(texts[0]) is not null)
                {
                    // The question cue counts once in the title, outside the length normalisation (as TopicModel does).
                    counts[TopicFeatures.TitleQuestionHash] = (1, 0, 0);
                    NgramText.TryAdd(TopicFeatures.TitleQuestionHash, TopicFeatures.TitleQuestion);
                }

                Counts.Add(counts);
                Totals.Add((totals[0], totals[1], totals[2]));
            }
        }

        public Taxonomy Taxonomy { get; }

        public IReadOnlyList<DevSetPaper> Papers { get; }

        public TopicClassifier Classifier { get; }

        public List<string[]> Texts { get; } = [];

        public List<TopicClassifier.RuleScores> Rules { get; } = [];

        public List<bool[]> Gold { get; } = [];

        public List<Dictionary<ulong, (double Title, double Abstract, double Keywords)>> Counts { get; } = [];

        public List<(double Title, double Abstract, double Keywords)> Totals { get; } = [];

        public Dictionary<ulong, string> NgramText { get; } = [];
    }
}
