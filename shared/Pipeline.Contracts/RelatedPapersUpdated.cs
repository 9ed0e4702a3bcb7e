namespace Pipeline.Contracts;

/// <summary>
/// Integration event: the embedding lane's related-papers list of a published paper changed (other paper ids than the
/// list before). Derived data, not news about the paper itself: it never travels on <c>paper.*</c> and does not change
/// the paper's revision. It goes to the topic exchange <see cref="PaperEvents.Exchange"/> with routing key
/// <c>related.updated.{topic}</c> (<see cref="RelatedPapersEvents.RoutingKey"/>), one copy per topic of the paper
/// (<c>related.updated.none</c> without one). Wire shape: <c>Schemas/related-papers-updated.v1.schema.json</c>.
/// </summary>
public sealed record RelatedPapersUpdated
{
    /// <summary>Wire schema version; bumped only on breaking changes.</summary>
    public int SchemaVersion { get; init; } = RelatedPapersEvents.SchemaVersion;

    /// <summary>The same for every copy of one list (one per topic) and for redeliveries; de-duplicate on it. Opaque.</summary>
    public required string IdempotencyKey { get; init; }

    public required string PaperId { get; init; }

    /// <summary>Embedding model that computed the list.</summary>
    public required string Model { get; init; }

    /// <summary>When the list was computed. Apply a list only when it is at least as recent as the one you hold.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The related papers, most similar first (titles from the published records; empty when not yet published).</summary>
    public required IReadOnlyList<RelatedPaperRef> Related { get; init; }

    /// <summary>Topic ids of the paper as last published (the routing keys' topics).</summary>
    public required IReadOnlyList<string> Topics { get; init; }
}

/// <summary>Names for <see cref="RelatedPapersUpdated"/>.</summary>
public static class RelatedPapersEvents
{
    /// <summary>Current wire schema version of <see cref="RelatedPapersUpdated"/>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>First two words of the routing key; never matches a <c>paper.#</c> binding.</summary>
    public const string RoutingKeyPrefix = "related.updated";

    /// <summary><c>related.updated.{topic}</c>.</summary>
    public static string RoutingKey(string topic) => $"{RoutingKeyPrefix}.{topic}";

    /// <summary>One key per topic of the event, or <c>related.updated.none</c>.</summary>
    public static IEnumerable<string> RoutingKeys(RelatedPapersUpdated message) =>
        message.Topics.Count == 0
            ? [RoutingKey(PaperEvents.NoTopic)]
            : message.Topics.Distinct(StringComparer.Ordinal).Select(RoutingKey);
}
