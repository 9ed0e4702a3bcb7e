namespace Pipeline.Contracts;

/// <summary>
/// Internal (Embed → Publish): the related-papers lane has embedded these papers and found their nearest stored
/// papers. Publish stores the lists (refreshing the stored record in place, no new revision) and, for papers already
/// published whose list names other papers, emits a <see cref="RelatedPapersUpdated"/> on <c>related.updated.{topic}</c>,
/// never a paper event. Sent once per embedding of a paper, not when a later paper joins a neighbour's list.
/// </summary>
public sealed record RelatedPapersComputed
{
    public required IReadOnlyList<PaperRelations> Papers { get; init; }
}

/// <summary>One paper's related list, most similar first, as computed at <paramref name="ComputedAt"/> (a list
/// computed earlier never replaces a later one, whatever the delivery order). Titles may be empty: Publish fills them.</summary>
public sealed record PaperRelations(string PaperId, string Model, IReadOnlyList<RelatedPaperRef> Related, DateTimeOffset? ComputedAt = null);
