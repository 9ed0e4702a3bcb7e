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

    /// <summary>Date of the newest version.</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Known arXiv versions (lineage), ascending.</summary>
    public IReadOnlyList<PaperVersionInfo> Versions { get; init; } = [];

    /// <summary>arXiv categories, primary first.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? PrimaryCategory { get; init; }

    /// <summary>MSC/ACM codes, kept apart from arXiv categories.</summary>
    public IReadOnlyList<string> OtherClassifications { get; init; } = [];

    /// <summary>Journal DOIs (the arXiv DOI is <c>10.48550/arXiv.{Id}</c>).</summary>
    public IReadOnlyList<string> Dois { get; init; } = [];

    public string? JournalRef { get; init; }

    public string? License { get; init; }

    public string? Comments { get; init; }

    /// <summary>Code, Hugging Face and project links found by the parser.</summary>
    public PaperLinkSet Links { get; init; } = new();

    /// <summary>The newest version is a withdrawal, or a source deleted the record.</summary>
    public bool Withdrawn { get; init; }

    /// <summary>Id of the source that last changed this record.</summary>
    public required string SourceId { get; init; }

    /// <summary>Every source that supplied the paper.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Which source supplied each field (e.g. <c>abstract</c> → <c>arxiv-oai</c>, <c>upvotes</c> → <c>hf-daily</c>).</summary>
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    /// <summary>Hash of the normalized content: a change of it is a material change.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// Parse's change counter for this paper: +1 each time its merged record changes. Later stages keep the record
    /// with the highest sequence, so a late or redelivered message never moves a paper back to an older state.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>When the document that brought this change was fetched (the start of the paper's end-to-end lag).</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>When Parse merged this change.</summary>
    public DateTimeOffset? ParsedAt { get; init; }
}

public sealed record PaperVersionInfo
{
    public required int Version { get; init; }

    public DateTimeOffset? Date { get; init; }
}

public sealed record PaperLinkSet
{
    public IReadOnlyList<string> Code { get; init; } = [];

    public IReadOnlyList<string> HuggingFace { get; init; } = [];

    public IReadOnlyList<string> Project { get; init; } = [];
}
