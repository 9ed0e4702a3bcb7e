namespace Pipeline.Contracts;

/// <summary>
/// A raw payload was stored by Fetch (claim check: the body stays in PostgreSQL, <c>fetcher.documents</c>).
/// Published once per distinct payload (content hash); a repeated payload is not announced again.
/// </summary>
public sealed record DocumentFetched
{
    /// <summary>Key of the stored document in <c>fetcher.documents</c>.</summary>
    public required Guid DocumentId { get; init; }

    public required string SourceId { get; init; }

    /// <summary>Payload format, e.g. <c>hf-daily</c>; <c>auto</c> lets Parse detect it.</summary>
    public required string Format { get; init; }

    public required string Url { get; init; }

    /// <summary>SHA-256 of the body, lowercase hex.</summary>
    public required string ContentHash { get; init; }

    public required long ContentLength { get; init; }

    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>
    /// True when an operator asked to parse a stored document again (<c>pipeline reparse</c>), e.g. after a parser
    /// change: Parse runs even though it handled the document before, and only changed papers travel on.
    /// </summary>
    public bool Reparse { get; init; }
}
