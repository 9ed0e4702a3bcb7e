using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Classification;

/// <summary>
/// Transparent multi-label topic classifier. Each topic's rule score is built from its keyword matches in the title,
/// abstract and Hugging Face <c>ai_keywords</c> (see <see cref="ClassifierOptions"/> for the formula). Since rules-5
/// a linear model (<see cref="TopicModel"/>, trained offline on the dev set, embedded) turns the paper's n-grams and
/// all rule scores into a probability per topic; a topic it covers scores <c>blend × probability + (1 - blend) ×
/// rule score</c> against its own cross-validated threshold, the others (rare topics, or every topic under an
/// operator's taxonomy) keep their rule score and <see cref="ClassifierOptions.Threshold"/>. Every assigned topic
/// carries the evidence that produced it: its rule phrases, else the model's strongest n-grams. Thread-safe; no I/O
/// beyond loading the embedded weights once; deterministic.
/// </summary>
public sealed class TopicClassifier
{
    /// <summary>Bump when the scoring rules change in a way that changes output.</summary>
    public const string RulesVersion = "rules-10";

    private readonly Taxonomy _taxonomy;
    private readonly ClassifierOptions _options;
    private readonly (string Name, double Weight)[] _fields;
    private readonly TopicModel? _model;

    private static readonly string[] FieldNames = [ClassifierFields.Title, ClassifierFields.Abstract, ClassifierFields.Keywords];

    /// <summary>How many n-grams a topic assigned by the model alone shows as evidence.</summary>
    private const int MaxModelEvidence = 3;

    /// <summary>The classifier with the embedded linear model when it was trained with this taxonomy (else rules
    /// only).</summary>
    public TopicClassifier(Taxonomy taxonomy, ClassifierOptions? options = null)
        : this(taxonomy, options, TopicModel.LoadDefault(taxonomy ?? throw new ArgumentNullException(nameof(taxonomy))))
    {
    }

    /// <summary>The classifier with the linear model of a weights file written by <c>pipeline train-topics --out</c>
    /// instead of the embedded one (to evaluate a candidate model before it is shipped).</summary>
    /// <exception cref="InvalidDataException">The file is not a weights file, or was trained with another taxonomy.</exception>
    public static TopicClassifier WithModelFile(Taxonomy taxonomy, string path, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var model = TopicModel.LoadFile(path, taxonomy)
            ?? throw new InvalidDataException($"{path} was trained with another taxonomy than {taxonomy.Hash}.");
        return new TopicClassifier(taxonomy, options, model);
    }

    /// <summary>The classifier with the given linear model (null: rules only).</summary>
    internal TopicClassifier(Taxonomy taxonomy, ClassifierOptions? options, TopicModel? model)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _model = model;
        _options = options ?? ClassifierOptions.Default;
        _options.Validate();
        _fields =
        [
            (ClassifierFields.Title, _options.TitleWeight),
            (ClassifierFields.Abstract, _options.AbstractWeight),
            (ClassifierFields.Keywords, _options.KeywordsWeight),
        ];
        Version = $"{RulesVersion}+tax-{taxonomy.Hash}"
            + (model is null ? string.Empty : $"+lr-{model.Hash}")
            + (_options == ClassifierOptions.Default ? string.Empty : $"+opt-{OptionsHash(_options)}");
    }

    /// <summary>Set to false to run every keyword regex on every field (the reference the prefilter must equal).</summary>
    internal bool UsePrefilter { get; init; } = true;

    /// <summary><c>rules-10+tax-&lt;taxonomy hash&gt;</c>, plus <c>+lr-&lt;hash of the weights file&gt;</c> when the
    /// linear model is used and <c>+opt-&lt;hash&gt;</c> when the options are not the defaults: equal versions give
    /// equal output for equal input.</summary>
    public string Version { get; }

    /// <summary>
    /// The whole fast path: the topics (<see cref="ClassifyTopics"/>) plus everything the extractors find — code and
    /// Hugging Face links, base models, benchmarks, scores and improvements, languages, parameter sizes.
    /// </summary>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A keyword regex of an operator's
    /// taxonomy ran away on this input.</exception>
    public Enrichment Classify(ClassifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var topics = ClassifyTopics(input);
        var links = LinkExtractor.Extract(input);
        var benchmarks = BenchmarkExtractor.Extract(input.Title, input.Abstract);
        var scores = ScoreExtractor.Extract(input.Title, input.Abstract, benchmarks);
        return new Enrichment
        {
            Version = Version,
            Topics = topics,
            CodeUrls = links.Code,
            HuggingFaceUrls = links.HuggingFace,
            BaseModels = ModelExtractor.Extract(input.Title, input.Abstract),
            Benchmarks = benchmarks,
            Scores = scores.Scores,
            Improvements = scores.Improvements,
            Languages = LanguageExtractor.Extract(input.Title, input.Abstract),
            ParamSizes = ParamSizeExtractor.Extract(input.Title, input.Abstract),
        };
    }

    /// <summary>
    /// Scores every topic of the taxonomy and returns those at or above the threshold (at most
    /// <see cref="ClassifierOptions.MaxTopics"/>, highest score first, as decided on the uncalibrated scores; calibration can make scores equal but never
    /// reverses them), each with its evidence
    /// ordered by field (title, abstract, keywords) and offset. One pass of <see cref="KeywordScanner"/> over each
    /// field first finds the keywords whose regex could match there; only those regexes run, which gives exactly the
    /// result of running them all.
    /// </summary>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A keyword regex of an operator's
    /// taxonomy ran away on this input.</exception>
    public IReadOnlyList<TopicScore> ClassifyTopics(ClassifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var texts = FieldTexts(input);
        return Assign(texts, ScoreRules(texts), _model);
    }

    /// <summary>The texts of the title, abstract and keywords fields, in that order.</summary>
    internal static string[] FieldTexts(ClassifierInput input) =>
    [
        ClassifierFields.GetText(input, ClassifierFields.Title),
        ClassifierFields.GetText(input, ClassifierFields.Abstract),
        ClassifierFields.GetText(input, ClassifierFields.Keywords),
    ];

    /// <summary>The linear model in use (null: rules only).</summary>
    internal TopicModel? Model => _model;

    /// <summary>Every topic's rule score: raw sum, squashed score and evidence (null when nothing matched).</summary>
    internal sealed record RuleScores(double[] Raw, double[] Scores, List<Evidence>?[] Evidence);

    /// <summary>Runs every topic's keyword rules over the field texts (<see cref="FieldTexts"/>).</summary>
    internal RuleScores ScoreRules(string[] texts)
    {
        // Per field: where each keyword's literals occur (a bit per '.'-delimited segment) and the segments' starts.
        var keywordCount = _taxonomy.Scanner.KeywordCount;
        var hits = new ulong[texts.Length * keywordCount];
        var segmentStarts = new int[texts.Length * KeywordScanner.MaxSegments];
        Span<int> segmentCounts = stackalloc int[texts.Length];
        for (var f = 0; f < texts.Length; f++)
        {
            if (!UsePrefilter)
            {
                hits.AsSpan().Fill(ulong.MaxValue);
                segmentCounts.Clear(); // 0: no windows, run on the whole text
                break;
            }

            if (_fields[f].Weight != 0 && texts[f].Length > 0)
            {
                segmentCounts[f] = _taxonomy.Scanner.Scan(
                    texts[f], hits.AsSpan(f * keywordCount, keywordCount), segmentStarts.AsSpan(f * KeywordScanner.MaxSegments, KeywordScanner.MaxSegments));
            }
        }

        var scan = new ScanResult(hits, keywordCount, segmentStarts, segmentCounts.ToArray());
        var count = _taxonomy.Compiled.Count;
        var raw = new double[count];
        var scores = new double[count];
        var evidence = new List<Evidence>?[count];
        var claimed = new List<(int Field, int Start, int End)>();
        for (var t = 0; t < count; t++)
        {
            claimed.Clear();
            (raw[t], evidence[t]) = ScoreTopic(_taxonomy.Compiled[t], texts, claimed, scan);
            scores[t] = Math.Round(1 - Math.Exp(-raw[t]), 4);
            evidence[t]?.Sort(CompareEvidence);
        }

        return new RuleScores(raw, scores, evidence);
    }

    /// <summary>
    /// Decides the topics from the rule scores and, when <paramref name="model"/> is given, its probabilities. A topic
    /// the model covers scores <c>blend × probability + (1 - blend) × rule score</c> against its own threshold; any
    /// other topic scores its rule score against <see cref="ClassifierOptions.Threshold"/>. A topic is assigned only
    /// with evidence: its rule phrases, or, when no rule phrase matched, the model's strongest n-grams in the text.
    /// When exactly one topic passes, the model's second-topic rule (<see cref="TopicModel.SecondTopicRatio"/>) may add
    /// the covered topic whose score comes closest to its threshold.
    /// </summary>
    internal IReadOnlyList<TopicScore> Assign(string[] texts, RuleScores rules, TopicModel? model)
    {
        var count = rules.Scores.Length;
        double[]? probabilities = null;
        IReadOnlyList<TopicModel.PresentFeature> features = [];
        if (model is not null)
        {
            probabilities = model.Predict(texts, rules.Scores, out features);
        }

        var assigned = new List<(TopicScore Topic, double Raw, int Order)>();
        (TopicScore Topic, double Raw, int Order)? strongest = null;
        var strongestScore = double.NegativeInfinity;
        (TopicScore Topic, double Raw, int Order)? secondBest = null;
        var secondBestRatio = 0.0;
        for (var t = 0; t < count; t++)
        {
            var covered = model is not null && model.Covers(t);
            var exact = covered ? (model!.Blend * probabilities![t]) + ((1 - model.Blend) * rules.Scores[t]) : 1 - Math.Exp(-rules.Raw[t]);
            var score = covered ? Math.Round(exact, 4) : rules.Scores[t];
            var threshold = covered ? model!.Threshold(t) : _options.Threshold;
            var passes = score >= threshold;
            if (covered && !passes && model!.KeepRules && rules.Scores[t] >= _options.Threshold)
            {
                // The model does not take away a topic its rules assign.
                passes = true;
                exact = Math.Max(exact, rules.Scores[t]);
                score = Math.Max(score, rules.Scores[t]);
            }

            var runnerUp = !passes && score >= _options.RunnerUpThreshold && exact > strongestScore;
            var secondRatio = covered && !passes && model!.SecondTopicRatio > 0 ? exact / threshold : 0;
            var second = secondRatio > 0 && secondRatio >= model!.SecondTopicRatio && secondRatio > secondBestRatio;
            if (!passes && !runnerUp && !second)
            {
                continue;
            }

            var evidence = rules.Evidence[t];
            if (evidence is null && covered)
            {
                evidence = model!.NgramEvidence(t, features, texts, FieldNames, MaxModelEvidence);
            }

            if (evidence is null || evidence.Count == 0)
            {
                continue;
            }

            var entry = (new TopicScore(_taxonomy.Compiled[t].Definition.Id, score, evidence), rules.Raw[t], t);
            if (passes)
            {
                assigned.Add(entry);
                continue;
            }

            if (runnerUp)
            {
                strongest = entry;
                strongestScore = exact;
            }

            if (second)
            {
                secondBest = entry;
                secondBestRatio = secondRatio;
            }
        }

        // Second-topic rule: a paper with one passing topic also gets the covered topic closest to its threshold.
        if (assigned.Count == 1 && secondBest is { } next)
        {
            assigned.Add(next);
        }

        // Every paper gets at least one topic: when none reaches the threshold, the strongest one that reaches
        // RunnerUpThreshold (more than one passing mention), else the catch-all (no evidence; its calibrated fallback
        // score). A single passing mention still assigns nothing.
        if (assigned.Count == 0 && strongest is { } best)
        {
            assigned.Add(best);
        }

        if (assigned.Count == 0 && _options.FallbackTopic is { } fallback)
        {
            assigned.Add((new TopicScore(fallback, 0, []), 0, int.MaxValue));
        }

        // The map was fitted for the default options (threshold, fallback, field weights): other options report raw scores.
        var calibration = _options == ClassifierOptions.Default ? model?.Calibration : null;
        return
        [
            .. assigned
                .OrderByDescending(a => a.Topic.Score)
                .ThenByDescending(a => a.Raw)
                .ThenBy(a => a.Order)
                .Take(_options.MaxTopics)
                .Select(a => calibration is null ? a.Topic : Calibrated(a.Topic, a.Order == int.MaxValue, calibration)),
        ];
    }

    /// <summary>The topic with its score mapped to the probability that it is right (the catch-all: its share
    /// right); the order and the decisions were taken on the uncalibrated scores.</summary>
    private static TopicScore Calibrated(TopicScore topic, bool isFallback, TopicScoreCalibration calibration) =>
        topic with { Score = isFallback ? calibration.Fallback : calibration.Map(topic.Score) };

    /// <summary>Sums keyword weight × field weight × decay^repeat over the topic's matches. A match overlapping
    /// text already claimed by a stronger keyword of the same topic is not counted twice.</summary>
    private (double Raw, List<Evidence>? Evidence) ScoreTopic(CompiledTopic topic, string[] texts, List<(int Field, int Start, int End)> claimed, ScanResult scan)
    {
        double raw = 0;
        List<Evidence>? evidence = null;
        for (var k = 0; k < topic.Matchers.Count; k++)
        {
            var matcher = topic.Matchers[k];
            for (var f = 0; f < texts.Length; f++)
            {
                var (fieldName, fieldWeight) = _fields[f];
                var segments = scan.Hits[(f * scan.KeywordCount) + topic.FirstKeyword + k];
                if (fieldWeight == 0 || texts[f].Length == 0 || segments == 0)
                {
                    continue;
                }

                var repeats = 0;
                var text = texts[f];
                var segmentCount = scan.SegmentCounts[f];
                if (!matcher.Windowed || segmentCount == 0)
                {
                    Count(text.AsSpan(), 0);
                    continue;
                }

                // Only the '.'-delimited segments where a literal occurs, in order (see KeywordMatcher.Windowed).
                while (segments != 0)
                {
                    var s = System.Numerics.BitOperations.TrailingZeroCount(segments);
                    segments &= segments - 1;
                    var start = scan.SegmentStarts[(f * KeywordScanner.MaxSegments) + s];
                    var end = s + 1 < segmentCount ? scan.SegmentStarts[(f * KeywordScanner.MaxSegments) + s + 1] - 1 : text.Length;
                    Count(text.AsSpan(start, end - start), start);
                }

                void Count(ReadOnlySpan<char> window, int offset)
                {
                    foreach (var match in matcher.Regex.EnumerateMatches(window))
                    {
                        var index = offset + match.Index;
                        var end = index + match.Length;
                        if (match.Length == 0 || Overlaps(claimed, f, index, end))
                        {
                            continue;
                        }

                        // Repeats beyond MaxRepeats add nothing but still claim their text.
                        claimed.Add((f, index, end));
                        if (repeats++ < _options.MaxRepeats)
                        {
                            raw += matcher.Keyword.Weight * fieldWeight * Math.Pow(_options.RepeatDecay, repeats - 1);
                            (evidence ??= []).Add(new Evidence(text.Substring(index, match.Length), fieldName, index));
                        }
                    }
                }
            }
        }

        return (raw, evidence);
    }

    /// <summary>What <see cref="KeywordScanner.Scan"/> found in each field.</summary>
    private sealed record ScanResult(ulong[] Hits, int KeywordCount, int[] SegmentStarts, int[] SegmentCounts);

    private static bool Overlaps(List<(int Field, int Start, int End)> claimed, int field, int start, int end)
    {
        foreach (var span in claimed)
        {
            if (span.Field == field && start < span.End && span.Start < end)
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareEvidence(Evidence a, Evidence b)
    {
        var byField = FieldOrder(a.Field).CompareTo(FieldOrder(b.Field));
        return byField != 0 ? byField : a.Offset.CompareTo(b.Offset);
    }

    private static int FieldOrder(string field) => field switch
    {
        ClassifierFields.Title => 0,
        ClassifierFields.Abstract => 1,
        _ => 2,
    };

    private static string OptionsHash(ClassifierOptions options)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Threshold:R}|{options.MaxTopics}|{options.FallbackTopic}|{options.TitleWeight:R}|{options.AbstractWeight:R}|{options.KeywordsWeight:R}|{options.RepeatDecay:R}|{options.MaxRepeats}|{options.RunnerUpThreshold:R}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 4);
    }
}
