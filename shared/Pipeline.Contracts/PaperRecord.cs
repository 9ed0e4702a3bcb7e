namespace Pipeline.Contracts;

/// <summary>One normalized paper as Parse produced it. Key: the arXiv id without version.</summary>
public sealed record PaperRecord
{
    /// <summary>arXiv id without version, e.g. <c>2406.12345</c> or <c>hep-th/9901001</c>.</summary>
    public required string Id { get; init; }

    public int? Version { get; init; }

    /// <summary>Title with hard wraps unfolded and whitespace collapsed; LaTeX kept verbatim.</summary>
    public required string Title { get; init; }

    public required string Abstract { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    /// <summary>When the paper appeared on arXiv (HF <c>paper.publishedAt</c>).</summary>
    public DateTimeOffset? ArxivPublishedAt { get; init; }

    /// <summary>When it was put on a daily listing (HF item <c>publishedAt</c>); not the arXiv date.</summary>
    public DateTimeOffset? ListedAt { get; init; }

    public int? Upvotes { get; init; }

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Id of the source that supplied this record.</summary>
    public required string SourceId { get; init; }

    /// <summary>Hash of the normalized content: a change of it is a material change.</summary>
    public required string ContentHash { get; init; }
}
