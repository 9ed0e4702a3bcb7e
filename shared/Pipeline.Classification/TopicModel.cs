using System.Security.Cryptography;

namespace Pipeline.Classification;

/// <summary>
/// The linear part of the topic classifier: one logistic regression per topic (one-vs-rest) over
/// <list type="bullet">
/// <item>the paper's word unigrams and bigrams (<see cref="TopicFeatures"/>): n-gram f has the value
/// <c>log(1 + c_f) / sqrt(W)</c>, where <c>c_f</c> sums the field weights (<see cref="TopicFeatureSpec"/>: the title
/// counts more) of its occurrences and W the field weights of all n-gram occurrences of the paper (a length
/// normalisation that does not depend on the vocabulary);</item>
/// <item>a cue for a title that asks a question (<see cref="TopicFeatures.TitleQuestion"/>), valued like a title
/// unigram but outside the length normalisation;</item>
/// <item>every topic's rule score (<c>1 - exp(-raw)</c> of <see cref="TopicClassifier"/>, in [0, 1]) times
/// <see cref="TopicFeatureSpec.RuleScale"/> — stacking, so the rules' decisive phrases and the topics' co-occurrence
/// (RAG → embeddings) carry over.</item>
/// </list>
/// Trained offline by <see cref="TopicModelTrainer"/> and shipped as the embedded <c>topic-model.json</c>. The model is
/// tied to the taxonomy it was trained with (<see cref="TopicModelFile.TaxonomyHash"/>): with another taxonomy
/// <see cref="ForTaxonomy"/> gives null and the classifier uses its rules alone; a topic without weights in the file
/// (too few training examples) is scored by its rules alone. Immutable and thread-safe.
/// </summary>
internal sealed class TopicModel
{
    private const string ResourceName = "Pipeline.Classification.topic-model.json";

    private static readonly Lazy<(TopicModelFile File, string Hash)?> Embedded = new(LoadEmbedded);

    [ThreadStatic]
    private static Buffers? t_buffers;

    private readonly int _topicCount;
    private readonly bool[] _covered;
    private readonly double[] _bias;
    private readonly double[] _thresholds;
    private readonly double[] _ruleWeights; // [t * topicCount + j]: weight of topic j's rule score in topic t's model
    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly int[] _featureStart; // feature f's weights are _featureTopic/_featureWeight[start[f] .. start[f+1])
    private readonly int[] _featureTopic;
    private readonly double[] _featureWeight;

    private TopicModel(TopicModel other, double blend, double[] thresholds, bool keepRules, double secondTopicRatio)
    {
        KeepRules = keepRules;
        SecondTopicRatio = secondTopicRatio;
        Calibration = null; // fitted for the original blend and thresholds, not for these
        Spec = other.Spec;
        Hash = other.Hash;
        Blend = blend;
        _topicCount = other._topicCount;
        _covered = other._covered;
        _bias = other._bias;
        _thresholds = thresholds;
        _ruleWeights = other._ruleWeights;
        _vocabulary = other._vocabulary;
        _featureStart = other._featureStart;
        _featureTopic = other._featureTopic;
        _featureWeight = other._featureWeight;
    }

    private TopicModel(TopicModelFile file, Taxonomy taxonomy, string hash)
    {
        Spec = file.Features ?? throw new InvalidDataException("Topic model JSON has no \"features\".");
        Hash = hash;
        Blend = file.Blend;
        KeepRules = file.KeepRules;
        SecondTopicRatio = file.SecondTopicRatio;
        Calibration = TopicScoreCalibration.From(file.Calibration);
        if (!(Blend >= 0 && Blend <= 1))
        {
            throw new InvalidDataException($"Topic model blend {Blend} is outside [0, 1].");
        }

        if (!(SecondTopicRatio >= 0 && SecondTopicRatio <= 1))
        {
            throw new InvalidDataException($"Topic model second-topic ratio {SecondTopicRatio} is outside [0, 1].");
        }

        var index = taxonomy.Topics.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _topicCount = taxonomy.Topics.Count;
        _covered = new bool[_topicCount];
        _bias = new double[_topicCount];
        _thresholds = new double[_topicCount];
        _ruleWeights = new double[_topicCount * _topicCount];
        var byFeature = new SortedDictionary<int, List<(int Topic, double Weight)>>();
        _vocabulary = [];
        foreach (var topic in file.Topics ?? [])
        {
            if (topic.Id is null || !index.TryGetValue(topic.Id, out var t))
            {
                throw new InvalidDataException($"Topic model has weights for '{topic.Id}', which is not in the taxonomy.");
            }

            if (!(topic.Threshold > 0 && topic.Threshold < 1) || !double.IsFinite(topic.Bias))
            {
                throw new InvalidDataException($"Topic model '{topic.Id}': threshold must be in (0, 1) and bias finite.");
            }

            _covered[t] = true;
            _bias[t] = topic.Bias;
            _thresholds[t] = topic.Threshold;
            foreach (var (id, weight) in topic.Rules ?? [])
            {
                if (!index.TryGetValue(id, out var j))
                {
                    throw new InvalidDataException($"Topic model '{topic.Id}': rule weight for unknown topic '{id}'.");
                }

                _ruleWeights[(t * _topicCount) + j] = weight;
            }

            foreach (var (text, weight) in topic.Ngrams ?? [])
            {
                var hashOfText = TopicFeatures.HashNgramText(text)
                    ?? throw new InvalidDataException($"Topic model '{topic.Id}': n-gram '{text}' is not one or two lowercase words.");
                if (!_vocabulary.TryGetValue(hashOfText, out var f))
                {
                    f = _vocabulary.Count;
                    _vocabulary.Add(hashOfText, f);
                    byFeature.Add(f, []);
                }

                byFeature[f].Add((t, weight));
            }
        }

        _featureStart = new int[_vocabulary.Count + 1];
        var topics = new List<int>();
        var weights = new List<double>();
        foreach (var (f, list) in byFeature)
        {
            _featureStart[f] = topics.Count;
            topics.AddRange(list.Select(l => l.Topic));
            weights.AddRange(list.Select(l => l.Weight));
        }

        _featureStart[_vocabulary.Count] = topics.Count;
        _featureTopic = [.. topics];
        _featureWeight = [.. weights];
    }

    internal TopicFeatureSpec Spec { get; }

    /// <summary>First 8 hex characters of the SHA-256 of the weights file (or of its serialised form).</summary>
    internal string Hash { get; }

    /// <summary>Weight of the model's probability in a covered topic's score (the rest is the rule score).</summary>
    internal double Blend { get; }

    /// <summary>Whether a covered topic whose rule score passes the rules' threshold stays assigned
    /// (<see cref="TopicModelFile.KeepRules"/>).</summary>
    internal bool KeepRules { get; }

    /// <summary>When exactly one topic passes, the covered topic whose score reaches this fraction of its threshold
    /// (the closest one) is assigned too; 0: off (<see cref="TopicModelFile.SecondTopicRatio"/>).</summary>
    internal double SecondTopicRatio { get; }

    /// <summary>The map from decision scores to calibrated probabilities (null: scores reported as they are).</summary>
    internal TopicScoreCalibration? Calibration { get; }

    /// <summary>The embedded model when it was trained with <paramref name="taxonomy"/>, else null.</summary>
    internal static TopicModel? LoadDefault(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return Embedded.Value is { } embedded ? ForTaxonomy(embedded.File, taxonomy, embedded.Hash) : null;
    }

    /// <summary>The model of the weights file at <paramref name="path"/> (as <c>pipeline train-topics --out</c> writes
    /// it) for <paramref name="taxonomy"/>, named by the hash of its bytes as the embedded one is; null when it was
    /// trained with another taxonomy.</summary>
    /// <exception cref="InvalidDataException">The file is not a weights file.</exception>
    internal static TopicModel? LoadFile(string path, Taxonomy taxonomy)
    {
        var (file, hash) = Parse(File.ReadAllBytes(path));
        return ForTaxonomy(file, taxonomy, hash);
    }

    /// <summary>The model of <paramref name="file"/> for <paramref name="taxonomy"/>, or null when the file was
    /// trained with another taxonomy (different hash).</summary>
    /// <exception cref="InvalidDataException">The file is inconsistent.</exception>
    internal static TopicModel? ForTaxonomy(TopicModelFile file, Taxonomy taxonomy, string? hash = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (!string.Equals(file.TaxonomyHash, taxonomy.Hash, StringComparison.Ordinal))
        {
            return null;
        }

        return new TopicModel(file, taxonomy, hash ?? HashOf(System.Text.Encoding.UTF8.GetBytes(TopicModelJson.Write(file))));
    }

    internal static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 4);

    /// <summary>Whether topic <paramref name="topic"/> (taxonomy order) has weights.</summary>
    internal bool Covers(int topic) => _covered[topic];

    internal double Threshold(int topic) => _thresholds[topic];

    /// <summary>The same weights with another blend, thresholds and second-topic ratio (for the trainer's search).</summary>
    internal TopicModel WithDecision(double blend, double[] thresholds, bool keepRules, double secondTopicRatio = 0) =>
        new(this, blend, thresholds, keepRules, secondTopicRatio);

    /// <summary>
    /// The probability of every covered topic (NaN for the others), given the field texts (title, abstract,
    /// keywords) and every topic's rule score; <paramref name="features"/> receives the paper's n-grams that have
    /// weights, with their value and first occurrence, for evidence.
    /// </summary>
    internal double[] Predict(string[] texts, double[] ruleScores, out IReadOnlyList<PresentFeature> features)
    {
        var z = new double[_topicCount];
        var present = Vectorize(texts);
        for (var t = 0; t < _topicCount; t++)
        {
            if (!_covered[t])
            {
                z[t] = double.NaN;
                continue;
            }

            var sum = _bias[t];
            for (var j = 0; j < _topicCount; j++)
            {
                sum += _ruleWeights[(t * _topicCount) + j] * ruleScores[j] * Spec.RuleScale;
            }

            z[t] = sum;
        }

        foreach (var feature in present)
        {
            for (var k = _featureStart[feature.Feature]; k < _featureStart[feature.Feature + 1]; k++)
            {
                z[_featureTopic[k]] += _featureWeight[k] * feature.Value;
            }
        }

        for (var t = 0; t < _topicCount; t++)
        {
            z[t] = _covered[t] ? 1 / (1 + Math.Exp(-z[t])) : double.NaN;
        }

        features = present;
        return z;
    }

    /// <summary>Up to <paramref name="max"/> of the paper's n-grams that push <paramref name="topic"/> up most
    /// (weight × value), as evidence at their first occurrence, strongest first.</summary>
    internal List<Evidence> NgramEvidence(int topic, IReadOnlyList<PresentFeature> features, string[] texts, string[] fieldNames, int max)
    {
        var best = new List<(double Contribution, PresentFeature Feature)>();
        foreach (var feature in features)
        {
            for (var k = _featureStart[feature.Feature]; k < _featureStart[feature.Feature + 1]; k++)
            {
                if (_featureTopic[k] == topic && _featureWeight[k] > 0)
                {
                    best.Add((_featureWeight[k] * feature.Value, feature));
                }
            }
        }

        return
        [
            .. best
                .OrderByDescending(b => b.Contribution)
                .ThenBy(b => b.Feature.Field)
                .ThenBy(b => b.Feature.Start)
                .Take(max)
                .Select(b => new Evidence(texts[b.Feature.Field][b.Feature.Start..b.Feature.End], fieldNames[b.Feature.Field], b.Feature.Start)),
        ];
    }

    /// <summary>The paper's n-grams that have weights, in first-occurrence order.</summary>
    private List<PresentFeature> Vectorize(string[] texts)
    {
        var buffers = t_buffers;
        if (buffers is null || buffers.Counts.Length < _vocabulary.Count)
        {
            buffers = t_buffers = new Buffers(Math.Max(_vocabulary.Count, 16));
        }

        var state = new VectorizeState { Vocabulary = _vocabulary, Buffers = buffers };
        double[] fieldWeights = [Spec.TitleWeight, Spec.AbstractWeight, Spec.KeywordsWeight];
        for (var f = 0; f < texts.Length; f++)
        {
            if (fieldWeights[f] == 0 || texts[f].Length == 0)
            {
                continue;
            }

            state.Field = f;
            state.FieldWeight = fieldWeights[f];
            TopicFeatures.Enumerate(texts[f], ref state, Visit);
            if (f == 0 && TopicFeatures.QuestionSpan(texts[f]) is { } question)
            {
                // A cue, not an n-gram of the text: it does not count in the length normalisation.
                Add(ref state, new TopicFeatures.Ngram(TopicFeatures.TitleQuestionHash, question.Start, question.End, false));
            }
        }

        var present = new List<PresentFeature>(buffers.Touched.Count);
        foreach (var feature in buffers.Touched)
        {
            present.Add(new PresentFeature(feature, FeatureValue(buffers.Counts[feature], state.TotalWeight), buffers.Field[feature], buffers.Start[feature], buffers.End[feature]));
            buffers.Counts[feature] = 0;
        }

        buffers.Touched.Clear();
        return present;
    }

    private static void Visit(ref VectorizeState state, TopicFeatures.Ngram ngram)
    {
        state.TotalWeight += state.FieldWeight;
        Add(ref state, ngram);
    }

    /// <summary>Counts one occurrence of a feature with weights (others are ignored).</summary>
    private static void Add(ref VectorizeState state, TopicFeatures.Ngram ngram)
    {
        if (!state.Vocabulary.TryGetValue(ngram.Hash, out var f))
        {
            return;
        }

        var buffers = state.Buffers;
        if (buffers.Counts[f] == 0)
        {
            buffers.Touched.Add(f);
            buffers.Field[f] = state.Field;
            buffers.Start[f] = ngram.Start;
            buffers.End[f] = ngram.End;
        }

        buffers.Counts[f] += state.FieldWeight;
    }

    /// <summary>The length-normalised value of one n-gram of a paper, as <see cref="TopicModel"/> computes it
    /// (shared with the trainer so that training and classification see the same numbers).</summary>
    internal static double FeatureValue(double weightedCount, double totalWeight) =>
        Math.Log(1 + weightedCount) / (totalWeight > 0 ? Math.Sqrt(totalWeight) : 1);

    private static (TopicModelFile File, string Hash)? LoadEmbedded()
    {
        using var stream = typeof(TopicModel).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray());
    }

    /// <summary>A weights file's content and the hash of its bytes (the <c>+lr-</c> part of the version).</summary>
    private static (TopicModelFile File, string Hash) Parse(byte[] bytes) => (TopicModelJson.Read(bytes), HashOf(bytes));

    /// <summary>One n-gram of the paper that has weights: its feature index, value and first occurrence.</summary>
    internal readonly record struct PresentFeature(int Feature, double Value, int Field, int Start, int End);

    private struct VectorizeState
    {
        public Dictionary<ulong, int> Vocabulary;
        public Buffers Buffers;
        public int Field;
        public double FieldWeight;
        public double TotalWeight;
    }

    /// <summary>Per-thread scratch arrays indexed by feature (all counts are 0 between calls).</summary>
    private sealed class Buffers(int size)
    {
        public double[] Counts { get; } = new double[size];

        public int[] Field { get; } = new int[size];

        public int[] Start { get; } = new int[size];

        public int[] End { get; } = new int[size];

        public List<int> Touched { get; } = [];
    }
}
