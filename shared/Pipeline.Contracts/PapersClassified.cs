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

    /// <summary>When Classify produced this enrichment.</summary>
    public DateTimeOffset? ClassifiedAt { get; init; }
}

public sealed record PaperEnrichment
{
    /// <summary>Version of the classifier and taxonomy that produced this enrichment.</summary>
    public required string EnrichmentVersion { get; init; }

    /// <summary>Assigned topics, highest score first.</summary>
    public required IReadOnlyList<TopicAssignment> Topics { get; init; }

    public required IReadOnlyList<string> CodeUrls { get; init; }

    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }

    /// <summary>Pretrained models the paper builds on or evaluates, normalized.</summary>
    public IReadOnlyList<BaseModelMention> BaseModels { get; init; } = [];

    /// <summary>Benchmarks named, with canonical names (including ones the paper introduces).</summary>
    public IReadOnlyList<BenchmarkRef> Benchmarks { get; init; } = [];

    /// <summary>Absolute results stated in the text.</summary>
    public IReadOnlyList<BenchmarkScore> Scores { get; init; } = [];

    /// <summary>Stated improvements (deltas), kept apart from scores.</summary>
    public IReadOnlyList<BenchmarkImprovement> Improvements { get; init; } = [];

    /// <summary>Non-English natural languages that are a subject of the paper.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Model sizes stated (<c>7B</c>, <c>1.3B</c>, <c>8x7B</c>).</summary>
    public IReadOnlyList<string> ParamSizes { get; init; } = [];
}

/// <summary>A model named in the text: as written, and normalized (lowercase family/version/variant, size as written).</summary>
public sealed record BaseModelMention
{
    public required string Name { get; init; }

    public required string Family { get; init; }

    public string? Version { get; init; }

    public string? Size { get; init; }

    public string? Variant { get; init; }
}

public sealed record BenchmarkRef
{
    /// <summary>As written in the text.</summary>
    public required string Name { get; init; }

    public required string Canonical { get; init; }
}

public sealed record BenchmarkScore
{
    public required string Benchmark { get; init; }

    public required double Value { get; init; }

    /// <summary><c>%</c> or null.</summary>
    public string? Unit { get; init; }
}

public sealed record BenchmarkImprovement
{
    public string? Benchmark { get; init; }

    public required double Value { get; init; }

    public string? Unit { get; init; }
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
