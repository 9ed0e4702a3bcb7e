namespace Pipeline.Contracts;

/// <summary>Papers with their enrichment, as Classify produced them.</summary>
public sealed record PapersClassified
{
    public required Guid DocumentId { get; init; }

    public required int Batch { get; init; }

    public required IReadOnlyList<ClassifiedPaper> Papers { get; init; }
}

public sealed record ClassifiedPaper
{
    public required PaperRecord Paper { get; init; }

    public required PaperEnrichment Enrichment { get; init; }
}

public sealed record PaperEnrichment
{
    /// <summary>Version of the classifier and taxonomy that produced this enrichment.</summary>
    public required string EnrichmentVersion { get; init; }

    /// <summary>Assigned topics, highest score first.</summary>
    public required IReadOnlyList<TopicAssignment> Topics { get; init; }

    public required IReadOnlyList<string> CodeUrls { get; init; }

    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }
}

public sealed record TopicAssignment
{
    /// <summary>Taxonomy id, e.g. <c>peft</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Score in [0,1].</summary>
    public required double Score { get; init; }

    /// <summary>Phrases that drove the score, with where they were found.</summary>
    public required IReadOnlyList<TopicEvidence> Evidence { get; init; }
}

public sealed record TopicEvidence
{
    public required string Phrase { get; init; }

    /// <summary><c>title</c>, <c>abstract</c> or <c>keywords</c>.</summary>
    public required string Field { get; init; }

    /// <summary>Character offset of the phrase in that field (normalized text).</summary>
    public required int Offset { get; init; }
}
