namespace Pipeline.Parsing;

/// <summary>One normalized paper. <see cref="Id"/> is the arXiv id without version.</summary>
public sealed record ParsedPaper
{
    public required string Id { get; init; }

    /// <summary>The newest version this record describes (<c>vN</c> without the <c>v</c>), when the source says.</summary>
    public int? Version { get; init; }

    /// <summary>Hard wraps unfolded, whitespace collapsed, TeX accents decoded, mojibake repaired, LaTeX math kept verbatim.</summary>
    public required string Title { get; init; }

    /// <summary>The title exactly as the source gave it.</summary>
    public required string TitleRaw { get; init; }

    public required string Abstract { get; init; }

    public required string AbstractRaw { get; init; }

    /// <summary>Visible authors in order (hidden ones dropped, affiliations removed, TeX accents decoded).</summary>
    public required IReadOnlyList<string> Authors { get; init; }

    /// <summary>arXiv publication date: the date of v1 (HF <c>paper.publishedAt</c>, Atom <c>published</c>, OAI <c>created</c>).</summary>
    public DateTimeOffset? ArxivPublishedAt { get; init; }

    /// <summary>Listing date: HF item <c>publishedAt</c> (Daily Papers) or the arXiv RSS <c>pubDate</c> (announcement).</summary>
    public DateTimeOffset? ListedAt { get; init; }

    public int? Upvotes { get; init; }

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Date of the newest version (Atom <c>updated</c>, OAI <c>updated</c>, last arXivRaw version, Kaggle <c>update_date</c>).</summary>
    public DateTimeOffset? Updated { get; init; }

    /// <summary>Known versions with their submission dates, ascending by number.</summary>
    public IReadOnlyList<PaperVersion> Versions { get; init; } = [];

    /// <summary>arXiv categories, primary first, without duplicates.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? PrimaryCategory { get; init; }

    /// <summary>MSC and ACM codes (<c>14C20</c>, <c>C.2.3</c>), kept apart from arXiv categories.</summary>
    public IReadOnlyList<string> OtherClassifications { get; init; } = [];

    /// <summary>Journal DOIs. The arXiv DOI (<c>10.48550/arXiv.{id}</c>) is not listed here: see <see cref="ArxivDoi"/>.</summary>
    public IReadOnlyList<string> Dois { get; init; } = [];

    /// <summary>The DataCite DOI arXiv assigns to every paper; derived from <see cref="Id"/>.</summary>
    public string ArxivDoi => ArxivId.Doi(Id);

    public string? JournalRef { get; init; }

    /// <summary>Licence URL (<c>dc:rights</c>, <c>license</c>).</summary>
    public string? License { get; init; }

    /// <summary>Author comments (<c>arxiv:comment</c>, <c>comments</c>), normalized.</summary>
    public string? Comments { get; init; }

    public string? ReportNumber { get; init; }

    /// <summary>The arXiv account that submitted the paper (arXivRaw, Kaggle), when given.</summary>
    public string? Submitter { get; init; }

    /// <summary>Code repositories, Hugging Face artifacts and project pages found in the record.</summary>
    public PaperLinks Links { get; init; } = PaperLinks.Empty;

    /// <summary>The newest version is a withdrawal (arXivRaw <c>size 0kb</c>, "withdrawn" comment) or the record was deleted.</summary>
    public bool Withdrawn { get; init; }

    /// <summary>OAI-PMH <c>header status="deleted"</c>: the record has no metadata any more.</summary>
    public bool Deleted { get; init; }

    /// <summary>arXiv RSS <c>arxiv:announce_type</c>: <c>new</c>, <c>replace</c>, <c>cross</c>, <c>replace-cross</c>.</summary>
    public string? AnnounceType { get; init; }

    /// <summary>
    /// When the source observed the paper as this record describes it, by the source's own clock where it has one
    /// (set by parsers with a record-level timestamp, e.g. the OAI-PMH header datestamp, a feed item's
    /// <c>updated</c>); <see cref="Observations.SourceTime"/> derives it for the others, and Parse falls back to the
    /// fetch time. Decides which of two observations of one source is the newer; not part of the merged content.
    /// </summary>
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>The format name that produced this record (<c>hf-daily</c>, <c>arxiv-atom</c>, …).</summary>
    public string? SourceFormat { get; init; }

    /// <summary>After <see cref="PaperMerger"/>: every format that contributed, in order of first appearance.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>After <see cref="PaperMerger"/>: which source format supplied each field (keys as in <see cref="PaperFields"/>).</summary>
    public IReadOnlyDictionary<string, string> FieldSources { get; init; } = EmptyFieldSources;

    private static readonly IReadOnlyDictionary<string, string> EmptyFieldSources = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One arXiv version of a paper and its submission date when known.</summary>
public sealed record PaperVersion(int Version, DateTimeOffset? Date);

/// <summary>Normalized links: <c>https://github.com/{owner}/{repo}</c>, <c>https://huggingface.co/[datasets/|spaces/]{owner}/{name}</c>, other project pages.</summary>
public sealed record PaperLinks(IReadOnlyList<string> Code, IReadOnlyList<string> HuggingFace, IReadOnlyList<string> Project)
{
    public static PaperLinks Empty { get; } = new([], [], []);

    public bool IsEmpty => Code.Count == 0 && HuggingFace.Count == 0 && Project.Count == 0;
}

/// <summary>Field names used in <see cref="ParsedPaper.FieldSources"/>.</summary>
public static class PaperFields
{
    public const string Title = "title";
    public const string Abstract = "abstract";
    public const string Authors = "authors";
    public const string Published = "published";
    public const string Updated = "updated";
    public const string ListedAt = "listedAt";
    public const string Versions = "versions";
    public const string Categories = "categories";
    public const string Dois = "dois";
    public const string JournalRef = "journalRef";
    public const string License = "license";
    public const string Comments = "comments";
    public const string Upvotes = "upvotes";
    public const string GithubRepo = "githubRepo";
    public const string ProjectPage = "projectPage";
    public const string Keywords = "keywords";
    public const string AnnounceType = "announceType";
    public const string Withdrawn = "withdrawn";
}

/// <summary>A record of a payload that could not be turned into a paper; the rest of the payload goes on.</summary>
public sealed record RecordError(int Index, string Reason);

public sealed record ParseResult(IReadOnlyList<ParsedPaper> Papers, IReadOnlyList<RecordError> Errors)
{
    /// <summary>Paging information of feeds that page (arXiv API opensearch numbers, OAI-PMH resumption token).</summary>
    public FeedPage? Page { get; init; }
}

/// <summary>
/// Where a page of results sits. arXiv API: <see cref="TotalResults"/>, <see cref="StartIndex"/>, <see cref="ItemsPerPage"/>
/// as the feed states them and <see cref="EntriesReturned"/> as counted, so a fetcher advances by what actually
/// came back (<see cref="NextStart"/>). OAI-PMH: <see cref="ResumptionToken"/> (null or empty when the list is
/// complete), <see cref="CompleteListSize"/>, <see cref="Cursor"/>, <see cref="ResponseDate"/>.
/// </summary>
public sealed record FeedPage
{
    public int EntriesReturned { get; init; }

    public int? TotalResults { get; init; }

    public int? StartIndex { get; init; }

    public int? ItemsPerPage { get; init; }

    public string? ResumptionToken { get; init; }

    public int? CompleteListSize { get; init; }

    public int? Cursor { get; init; }

    public DateTimeOffset? ResponseDate { get; init; }

    /// <summary>arXiv API: the <c>start</c> of the next request, advanced by the entries actually returned.</summary>
    public int? NextStart => StartIndex is { } start ? start + EntriesReturned : null;

    /// <summary>More pages follow: an OAI resumption token, or fewer arXiv results seen than the total.</summary>
    public bool HasMore => !string.IsNullOrWhiteSpace(ResumptionToken)
        || (TotalResults is { } total && NextStart is { } next && EntriesReturned > 0 && next < total);
}

/// <summary>The whole payload is unusable (wrong shape, not JSON, …); <see cref="Exception.Message"/> says why.</summary>
public sealed class PayloadRejectedException(string message, Exception? inner = null) : Exception(message, inner);
