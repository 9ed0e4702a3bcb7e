namespace Pipeline.Contracts;

/// <summary>
/// What every integration event about a paper carries: the enriched record as it stands after the change, plus what
/// changed. Concrete events are <see cref="PaperPublished"/> (first publication), <see cref="PaperUpdated"/> (a new
/// version or materially changed content or enrichment) and <see cref="PaperWithdrawn"/> (a source says the paper is
/// withdrawn). All three travel on the topic exchange <see cref="PaperEvents.Exchange"/>, one copy per assigned topic,
/// with routing key <c>paper.{kind}.{topic}</c> (<see cref="PaperEvents.RoutingKey"/>). The wire shape is described by
/// the JSON schemas in <c>shared/Pipeline.Contracts/Schemas/</c> and guarded by contract tests.
/// </summary>
public abstract record PaperEvent
{
    /// <summary>Wire schema version; bumped only on breaking changes (new optional fields are not breaking).</summary>
    public int SchemaVersion { get; init; } = PaperEvents.SchemaVersion;

    /// <summary>
    /// <c>{paperId}:v{version}:{enrichmentVersion}:r{revision}</c>: paper id, version, enrichment version and the
    /// revision. Identical for every copy of one publication (one per topic) and for its replays, so a consumer
    /// de-duplicates on it; never reused for different content.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    public required string PaperId { get; init; }

    /// <summary>1 for the first publication of a paper, then +1 per material change.</summary>
    public required int Revision { get; init; }

    /// <summary>Fields that changed since the previous revision (empty for the first publication), e.g.
    /// <c>version</c>, <c>abstract</c>, <c>topics</c>, <c>benchmarks</c>, <c>withdrawn</c>.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>True when re-emitted by <c>pipeline republish</c> for consumers that rebuild; the content and the
    /// idempotency key are those of the original publication.</summary>
    public bool Replay { get; init; }

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

    /// <summary>Nearest papers already stored, by embedding similarity, as stored when this revision was published (the
    /// related-papers lane usually runs after the first publication). A new list is derived data, not news: it does not
    /// make a new revision; it goes out as <see cref="RelatedPapersUpdated"/> on <c>related.updated.{topic}</c>.</summary>
    public IReadOnlyList<RelatedPaperRef> Related { get; init; } = [];

    /// <summary>arXiv categories, primary first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<PaperVersionInfo> Versions { get; init; } = [];

    public IReadOnlyList<string> Dois { get; init; } = [];

    public string? JournalRef { get; init; }

    public string? License { get; init; }

    public bool Withdrawn { get; init; }

    /// <summary>Every source that supplied the paper.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Which source supplied each field.</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    public string? ProjectPage { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public required string SourceId { get; init; }

    public required string EnrichmentVersion { get; init; }

    /// <summary>Link to the abstract page.</summary>
    public required string AbstractUrl { get; init; }

    /// <summary>When this revision was published (a replay keeps it).</summary>
    public required DateTimeOffset PublishedAt { get; init; }
}

/// <summary>A paper's first publication. Routing key <c>paper.published.{topic}</c>.</summary>
public sealed record PaperPublished : PaperEvent;

/// <summary>A new version of a paper, or a material change of its content or enrichment (see
/// <see cref="PaperEvent.Changes"/>). Routing key <c>paper.updated.{topic}</c>.</summary>
public sealed record PaperUpdated : PaperEvent;

/// <summary>A source says the paper is withdrawn (arXiv comment, OAI-PMH deleted record). Routing key
/// <c>paper.withdrawn.{topic}</c>; the record stays readable.</summary>
public sealed record PaperWithdrawn : PaperEvent;

/// <summary>A related paper: id, title and cosine similarity of their embeddings.</summary>
public sealed record RelatedPaperRef(string PaperId, string Title, double Similarity);

/// <summary>Names downstream consumers bind to.</summary>
public static class PaperEvents
{
    /// <summary>Current wire schema version of the paper events.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Topic exchange carrying every <see cref="PaperEvent"/>.</summary>
    public const string Exchange = "pipeline.paper-events";

    /// <summary>Routing-key topic used when a paper has no topic.</summary>
    public const string NoTopic = "none";

    public const string Published = "published";
    public const string Updated = "updated";
    public const string Withdrawn = "withdrawn";

    /// <summary><c>published</c>, <c>updated</c> or <c>withdrawn</c>.</summary>
    public static string KindOf(PaperEvent paperEvent) => paperEvent switch
    {
        PaperWithdrawn => Withdrawn,
        PaperUpdated => Updated,
        _ => Published,
    };

    /// <summary><c>paper.{kind}.{topic}</c>.</summary>
    public static string RoutingKey(string kind, string topic) => $"paper.{kind}.{topic}";

    public static string PublishedRoutingKey(string topic) => RoutingKey(Published, topic);

    /// <summary>The routing keys of one event: one per assigned topic, or <c>…none</c>.</summary>
    public static IEnumerable<string> RoutingKeys(PaperEvent paperEvent)
    {
        var kind = KindOf(paperEvent);
        return paperEvent.Topics.Count == 0
            ? [RoutingKey(kind, NoTopic)]
            : paperEvent.Topics.Select(t => RoutingKey(kind, t.Id)).Distinct(StringComparer.Ordinal);
    }
}
