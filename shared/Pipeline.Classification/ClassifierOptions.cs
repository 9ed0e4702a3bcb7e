namespace Pipeline.Classification;

/// <summary>
/// Scoring knobs of <see cref="TopicClassifier"/>. A topic's raw score is the sum, over its matched keywords, of
/// <c>keyword weight × field weight</c>, where the n-th repeat of the same keyword in a field counts
/// <c>RepeatDecay^(n-1)</c> and repeats beyond <see cref="MaxRepeats"/> count nothing. The raw score x is squashed
/// to <c>1 - exp(-x)</c>.
/// </summary>
public sealed record ClassifierOptions
{
    /// <summary>
    /// The defaults. Keyword weights are at most 1, so a single mention in the abstract scores at most
    /// 1 - exp(-0.4) ≈ 0.33 (≈ 0.42 if the phrase is also one of the <c>ai_keywords</c>): below the threshold, while one
    /// decisive phrase in the title (≈ 0.63) or a few related phrases in the abstract pass it.
    /// </summary>
    public static ClassifierOptions Default { get; } = new();

    /// <summary>Minimum squashed rule score for a topic to be assigned, for topics the linear model does not cover
    /// (the model's topics use the per-topic thresholds stored with its weights, see <see cref="TopicModel"/>).</summary>
    /// <remarks>0.6 (was 0.5 up to rules-3): with the wider keyword lists of rules-4 it gave the best topic micro-F1
    /// on both the <c>train</c> and the second labeller's <c>train2</c> rows; one decisive phrase in the title (≈ 0.63)
    /// still passes alone.</remarks>
    public double Threshold { get; init; } = 0.6;

    /// <summary>At most this many topics are assigned (highest scores win).</summary>
    public int MaxTopics { get; init; } = 5;

    /// <summary>
    /// The catch-all topic assigned when no topic reaches the threshold, so every paper has a topic to be routed by:
    /// no evidence, and as score the share of such papers it was right for out of fold (the model's calibration; 0
    /// without a model or with options other than the defaults, for which the map was not fitted). Null leaves such papers without topics.
    /// </summary>
    public string? FallbackTopic { get; init; } = "applications";

    /// <summary>
    /// When no topic reaches <see cref="Threshold"/>, the strongest topic at or above this score is assigned instead
    /// of <see cref="FallbackTopic"/>. 0.35 is above what one mention in the abstract alone can score (≈ 0.33), so a
    /// single passing mention still assigns nothing. Set it to <see cref="Threshold"/> or higher to always fall back.
    /// </summary>
    public double RunnerUpThreshold { get; init; } = 0.35;

    public double TitleWeight { get; init; } = 1.0;

    public double AbstractWeight { get; init; } = 0.4;

    /// <summary>Weight of a match in the Hugging Face <c>ai_keywords</c>.</summary>
    public double KeywordsWeight { get; init; } = 0.15;

    public double RepeatDecay { get; init; } = 0.6;

    public int MaxRepeats { get; init; } = 3;

    internal void Validate()
    {
        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be in (0, 1).");
        }

        if (!(RunnerUpThreshold > 0 && RunnerUpThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RunnerUpThreshold), RunnerUpThreshold, "RunnerUpThreshold must be in (0, 1].");
        }

        if (MaxTopics < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTopics), MaxTopics, "MaxTopics must be at least 1.");
        }

        if (MaxRepeats < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRepeats), MaxRepeats, "MaxRepeats must be at least 1.");
        }

        if (!(RepeatDecay >= 0 && RepeatDecay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(RepeatDecay), RepeatDecay, "RepeatDecay must be in [0, 1].");
        }

        foreach (var (name, value) in new[] { (nameof(TitleWeight), TitleWeight), (nameof(AbstractWeight), AbstractWeight), (nameof(KeywordsWeight), KeywordsWeight) })
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
            }
        }
    }
}
