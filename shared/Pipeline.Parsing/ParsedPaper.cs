namespace Pipeline.Parsing;

/// <summary>One normalized paper. <see cref="Id"/> is the arXiv id without version.</summary>
public sealed record ParsedPaper
{
    public required string Id { get; init; }

    public int? Version { get; init; }

    /// <summary>Hard wraps unfolded, whitespace collapsed, LaTeX kept verbatim.</summary>
    public required string Title { get; init; }

    /// <summary>The title exactly as the source gave it.</summary>
    public required string TitleRaw { get; init; }

    public required string Abstract { get; init; }

    public required string AbstractRaw { get; init; }

    /// <summary>Visible authors in order (hidden ones dropped).</summary>
    public required IReadOnlyList<string> Authors { get; init; }

    /// <summary>arXiv publication date (HF <c>paper.publishedAt</c>).</summary>
    public DateTimeOffset? ArxivPublishedAt { get; init; }

    /// <summary>Daily-listing date (HF item <c>publishedAt</c>), not the arXiv date.</summary>
    public DateTimeOffset? ListedAt { get; init; }

    public int? Upvotes { get; init; }

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>A record of a payload that could not be turned into a paper; the rest of the payload goes on.</summary>
public sealed record RecordError(int Index, string Reason);

public sealed record ParseResult(IReadOnlyList<ParsedPaper> Papers, IReadOnlyList<RecordError> Errors);

/// <summary>The whole payload is unusable (wrong shape, not JSON, …); <see cref="Exception.Message"/> says why.</summary>
public sealed class PayloadRejectedException(string message, Exception? inner = null) : Exception(message, inner);
