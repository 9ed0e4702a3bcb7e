namespace Pipeline.Contracts;

/// <summary>
/// Papers new or changed in one fetched document, in batches of at most a few hundred
/// (a day file holds ~50, an OAI-PMH page ~1,000 and is split).
/// </summary>
public sealed record PapersParsed
{
    public required Guid DocumentId { get; init; }

    /// <summary>0-based index of this batch within the document.</summary>
    public required int Batch { get; init; }

    public required IReadOnlyList<PaperRecord> Papers { get; init; }
}
