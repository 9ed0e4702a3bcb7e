using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Classification;

/// <summary>
/// The weights file of the linear topic model (<c>topic-model.json</c>, embedded in this assembly), written by
/// <see cref="TopicModelTrainer"/>: <c>{"taxonomyHash", "features": {…}, "blend", "topics": [{"id", "bias",
/// "threshold", "rules": {topic id: weight}, "ngrams": {"word" or "two words": weight}}]}</c>.
/// </summary>
internal sealed class TopicModelFile
{
    /// <summary>Free text: how the file was trained and what cross-validation said; not read.</summary>
    [JsonPropertyName("about")]
    public string? About { get; set; }

    /// <summary>The <see cref="Taxonomy.Hash"/> the model was trained with; with another taxonomy it is not used.</summary>
    [JsonPropertyName("taxonomyHash")]
    public string? TaxonomyHash { get; set; }

    [JsonPropertyName("features")]
    public TopicFeatureSpec? Features { get; set; }

    /// <summary>A topic's score is <c>blend × model probability + (1 - blend) × rule score</c>.</summary>
    [JsonPropertyName("blend")]
    public double Blend { get; set; }

    /// <summary>When true, a topic whose rule score reaches the rules' threshold stays assigned whatever the model
    /// says: the model only adds topics (and rescores).</summary>
    [JsonPropertyName("keepRules")]
    public bool KeepRules { get; set; }

    /// <summary>Second-topic rule: when exactly one topic passes its threshold, the covered topic with the highest
    /// score-to-threshold ratio is assigned too if that ratio is at least this (readers give most papers two topics).
    /// 0 (or absent) turns the rule off; chosen by cross-validation.</summary>
    [JsonPropertyName("secondTopicRatio")]
    public double SecondTopicRatio { get; set; }

    [JsonPropertyName("topics")]
    public List<TopicWeightsJson>? Topics { get; set; }

    /// <summary>The map from a topic's decision score to the probability that the topic is right, fitted on
    /// out-of-fold scores; absent: scores are reported uncalibrated.</summary>
    [JsonPropertyName("calibration")]
    public TopicCalibrationJson? Calibration { get; set; }
}

/// <summary>
/// A monotone (isotonic) map from an assigned topic's decision score to the share of such topics that are right:
/// piecewise linear through the knots (<see cref="Scores"/> increasing, <see cref="Probabilities"/> non-decreasing),
/// constant beyond the first and last knot. <see cref="Fallback"/> is the probability that the catch-all topic, given
/// when nothing else is assigned, is right.
/// </summary>
internal sealed class TopicCalibrationJson
{
    [JsonRequired]
    [JsonPropertyName("scores")]
    public List<double>? Scores { get; set; }

    [JsonRequired]
    [JsonPropertyName("probabilities")]
    public List<double>? Probabilities { get; set; }

    [JsonRequired]
    [JsonPropertyName("fallback")]
    public double Fallback { get; set; }
}

/// <summary>How a paper's text becomes the model's features (see <see cref="TopicModel"/>).</summary>
internal sealed record TopicFeatureSpec
{
    [JsonPropertyName("titleWeight")]
    public double TitleWeight { get; init; } = 3;

    [JsonPropertyName("abstractWeight")]
    public double AbstractWeight { get; init; } = 1;

    [JsonPropertyName("keywordsWeight")]
    public double KeywordsWeight { get; init; } = 1;

    /// <summary>Each topic's rule score (in [0, 1]) enters every topic's model multiplied by this.</summary>
    [JsonPropertyName("ruleScale")]
    public double RuleScale { get; init; } = 1;
}

internal sealed class TopicWeightsJson
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Positive training examples the weights were fitted on.</summary>
    [JsonPropertyName("positives")]
    public int Positives { get; set; }

    [JsonPropertyName("bias")]
    public double Bias { get; set; }

    /// <summary>The blended score at or above which the topic is assigned.</summary>
    [JsonPropertyName("threshold")]
    public double Threshold { get; set; }

    [JsonPropertyName("rules")]
    public Dictionary<string, double>? Rules { get; set; }

    [JsonPropertyName("ngrams")]
    public Dictionary<string, double>? Ngrams { get; set; }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(TopicModelFile))]
internal sealed partial class TopicModelJsonContext : JsonSerializerContext;

/// <summary>Reads and writes <see cref="TopicModelFile"/>.</summary>
internal static class TopicModelJson
{
    internal static TopicModelFile Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, TopicModelJsonContext.Default.TopicModelFile)
                ?? throw new InvalidDataException("Topic model JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Topic model JSON is malformed: {ex.Message}", ex);
        }
    }

    internal static string Write(TopicModelFile file) =>
        JsonSerializer.Serialize(file, TopicModelJsonContext.Default.TopicModelFile);
}
