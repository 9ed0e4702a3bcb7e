namespace Pipeline.Contracts;

/// <summary>
/// Integration event for downstream consumers: a paper's enriched record is new or materially changed.
/// Published on the topic exchange <see cref="PaperEvents.Exchange"/> once per assigned topic with routing key
/// <c>paper.published.{topic}</c> (<c>paper.published.none</c> when no topic is assigned); a consumer bound to several
/// topics de-duplicates on <see cref="IdempotencyKey"/>.
/// </summary>
public sealed record PaperPublished
{
    /// <summary>Wire schema version of this event; bumped on breaking changes.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary><c>{paperId}:{revision}:{contentHash}</c>; identical for every copy of one publication.</summary>
    public required string IdempotencyKey { get; init; }

    public required string PaperId { get; init; }

    /// <summary>1 for the first publication of a paper, then +1 per material change.</summary>
    public required int Revision { get; init; }

    public int? Version { get; init; }

    public required string Title { get; init; }

    public required string Abstract { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public DateTimeOffset? ArxivPublishedAt { get; init; }

    public DateTimeOffset? ListedAt { get; init; }

    public int? Upvotes { get; init; }

    public required IReadOnlyList<TopicAssignment> Topics { get; init; }

    public required IReadOnlyList<string> CodeUrls { get; init; }

    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }

    public IReadOnlyList<BaseModelMention> BaseModels { get; init; } = [];

    public IReadOnlyList<BenchmarkRef> Benchmarks { get; init; } = [];

    public IReadOnlyList<BenchmarkScore> Scores { get; init; } = [];

    public IReadOnlyList<BenchmarkImprovement> Improvements { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> ParamSizes { get; init; } = [];

    /// <summary>arXiv categories, primary first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<PaperVersionInfo> Versions { get; init; } = [];

    public IReadOnlyList<string> Dois { get; init; } = [];

    public string? JournalRef { get; init; }

    public string? License { get; init; }

    public bool Withdrawn { get; init; }

    /// <summary>Every source that supplied the paper, and which supplied each field.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    public string? ProjectPage { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public required string SourceId { get; init; }

    public required string EnrichmentVersion { get; init; }

    /// <summary>Link to the abstract page.</summary>
    public required string AbstractUrl { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }
}

/// <summary>Names downstream consumers bind to.</summary>
public static class PaperEvents
{
    /// <summary>Topic exchange carrying <see cref="PaperPublished"/>.</summary>
    public const string Exchange = "pipeline.paper-events";

    /// <summary>Routing key used when a paper has no topic.</summary>
    public const string NoTopic = "none";

    public static string PublishedRoutingKey(string topic) => $"paper.published.{topic}";
}
