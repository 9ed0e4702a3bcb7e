namespace Pipeline.Classification;

/// <summary>What the classifier reads.</summary>
public sealed record ClassifierInput
{
    public required string Title { get; init; }

    public required string Abstract { get; init; }

    /// <summary>Hugging Face <c>ai_keywords</c>, if any.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }
}

/// <summary>A phrase that contributed to a topic: the matched text, its field (<see cref="ClassifierFields"/>) and its
/// character offset in <see cref="ClassifierFields.GetText"/> of that field.</summary>
public sealed record Evidence(string Phrase, string Field, int Offset);

/// <summary>An assigned topic: its taxonomy id, its score in [0,1] and the phrases that produced the score.</summary>
public sealed record TopicScore(string Id, double Score, IReadOnlyList<Evidence> Evidence);

/// <summary>Everything the classifier derives from one paper.</summary>
public sealed record Enrichment
{
    /// <summary>Classifier and taxonomy version, e.g. <c>rules-2+tax-3f2a9c1b</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Assigned topics only, highest score first.</summary>
    public required IReadOnlyList<TopicScore> Topics { get; init; }

    /// <summary>GitHub (and other code host) repository URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> CodeUrls { get; init; }

    /// <summary>Hugging Face model, dataset and space URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }
}
