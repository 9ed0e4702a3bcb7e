namespace Pipeline.Classification;

/// <summary>What the classifier reads.</summary>
public sealed record ClassifierInput
{
    public required string Title { get; init; }

    public required string Abstract { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }
}

/// <summary>A phrase that contributed to a topic: where it was found and at which character offset.</summary>
public sealed record Evidence(string Phrase, string Field, int Offset);

public sealed record TopicScore(string Id, double Score, IReadOnlyList<Evidence> Evidence);

public sealed record Enrichment
{
    /// <summary>Classifier and taxonomy version, e.g. <c>rules-1+tax-3f2a9c1b</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Assigned topics only, highest score first.</summary>
    public required IReadOnlyList<TopicScore> Topics { get; init; }

    /// <summary>GitHub (and other code host) repository URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> CodeUrls { get; init; }

    /// <summary>Hugging Face model, dataset and space URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }
}
