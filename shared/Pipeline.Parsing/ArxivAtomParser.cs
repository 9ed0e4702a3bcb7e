using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>
/// The arXiv API (<c>export.arxiv.org/api/query</c>) Atom feed, old (namespaces re-declared inline, hard-wrapped
/// text, http links) and new (namespaces on the feed, single-line text, https links) formats alike. The error feed —
/// one entry titled <c>Error</c> — is rejected with the error's summary; an empty result is zero papers. The
/// opensearch numbers come back in <see cref="ParseResult.Page"/>.
/// </summary>
public static partial class ArxivAtomParser
{
    public const string Format = "arxiv-atom";

    public const string ArxivNamespace = "http://arxiv.org/schemas/atom";

    public static ParseResult Parse(XDocument document)
    {
        var feed = document.Root!;
        if (feed.Name.LocalName != "feed")
        {
            throw new PayloadRejectedException($"Expected an Atom <feed> from the arXiv API but the root element is <{feed.Name.LocalName}>.");
        }

        var entries = feed.Children("entry").ToList();
        var error = entries.FirstOrDefault(IsErrorEntry);
        if (error is not null)
        {
            var summary = TextNormalizer.Clean(error.Text("summary")) is { Length: > 0 } s ? s : "no details given";
            throw new PayloadRejectedException($"arXiv API error: {summary} ({TextNormalizer.Clean(error.Text("id"))})");
        }

        var page = ReadPage(document);
        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(entries, e => ParseEntry(e, Format), papers, errors);
        return new ParseResult(papers, errors) { Page = page };
    }

    /// <summary>The opensearch numbers of a feed and the number of entries it actually holds.</summary>
    public static FeedPage ReadPage(XDocument document)
    {
        var feed = document.Root!;
        return new FeedPage
        {
            EntriesReturned = feed.Children("entry").Count(e => !IsErrorEntry(e)),
            TotalResults = XmlPayload.Int(feed.Text("totalResults")),
            StartIndex = XmlPayload.Int(feed.Text("startIndex")),
            ItemsPerPage = XmlPayload.Int(feed.Text("itemsPerPage")),
        };
    }

    /// <summary>True when the Atom document comes from the arXiv API (its namespace, its feed id or title).</summary>
    internal static bool IsArxivFeed(XDocument document)
    {
        var feed = document.Root!;
        if (document.Descendants().Any(e => e.Name.NamespaceName == ArxivNamespace || e.Attributes().Any(a => a.IsNamespaceDeclaration && a.Value == ArxivNamespace)))
        {
            return true;
        }

        var id = feed.Text("id") ?? string.Empty;
        var title = feed.Text("title") ?? string.Empty;
        return id.Contains("arxiv.org/api", StringComparison.OrdinalIgnoreCase)
            || title.StartsWith("arXiv Query", StringComparison.OrdinalIgnoreCase)
            || title.StartsWith("arXiv Search Results", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsErrorEntry(XElement entry)
    {
        if (!string.Equals(entry.Text("title")?.Trim(), "Error", StringComparison.Ordinal))
        {
            return false;
        }

        var id = entry.Text("id") ?? string.Empty;
        return id.Contains("/api/errors", StringComparison.Ordinal)
            || entry.Children("author").Any(a => string.Equals(a.Text("name")?.Trim(), "arXiv api core", StringComparison.OrdinalIgnoreCase))
            || !ArxivId.TryFind(id, out _, out _);
    }

    internal static ParsedPaper ParseEntry(XElement entry, string format)
    {
        var rawId = entry.Text("id");
        var alternate = entry.Children("link").FirstOrDefault(l => l.Attr("rel") is null or "alternate")?.Attr("href");
        if (!ArxivId.TryParse(rawId, out var id, out var version) && !ArxivId.TryParse(alternate, out id, out version))
        {
            throw new RecordException(rawId is null ? "entry has no <id>" : $"entry id '{Records.Truncate(rawId.Trim())}' is not an arXiv id");
        }

        var titleRaw = entry.Text("title") ?? throw new RecordException($"entry {id} has no title");
        var abstractRaw = entry.Text("summary") ?? entry.Text("content") ?? string.Empty;
        var published = Dates.Parse(entry.Text("published"));
        var updated = Dates.Parse(entry.Text("updated"));
        var comment = entry.Text("comment");
        var (categories, others) = Classifications.Sort(
            entry.Child("primary_category")?.Attr("term"),
            entry.Children("category").Select(c => c.Attr("term")));
        var doiLinks = entry.Children("link").Where(l => string.Equals(l.Attr("title"), "doi", StringComparison.OrdinalIgnoreCase)).Select(l => l.Attr("href"));
        var license = entry.Text("license") ?? entry.Children("link").FirstOrDefault(l => l.Attr("rel") == "license")?.Attr("href");

        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw),
            TitleRaw = titleRaw,
            Abstract = TextNormalizer.Normalize(abstractRaw),
            AbstractRaw = abstractRaw,
            Authors = entry.Children("author").Select(a => AuthorNames.Name(a.Text("name"))).Where(n => n.Length > 0).ToList(),
            ArxivPublishedAt = published,
            Updated = updated,
            Versions = VersionsOf(version, published, updated),
            Categories = categories,
            PrimaryCategory = categories.Count > 0 ? categories[0] : null,
            OtherClassifications = others,
            Dois = Dois.Find([entry.Text("doi"), .. doiLinks]),
            JournalRef = Records.Normalized(entry.Text("journal_ref")),
            License = Records.NullIfBlank(license),
            Comments = Records.Normalized(comment),
            Links = Links.Find(abstractRaw, comment),
            Withdrawn = Withdrawal.InComment(comment),
            SourceFormat = format,
        };
    }

    /// <summary>Atom's <c>published</c> is the v1 date and <c>updated</c> the date of the version in the entry id.</summary>
    private static IReadOnlyList<PaperVersion> VersionsOf(int? version, DateTimeOffset? published, DateTimeOffset? updated)
    {
        if (version is not { } v)
        {
            return [];
        }

        return v == 1 ? [new PaperVersion(1, published ?? updated)] : [new PaperVersion(1, published), new PaperVersion(v, updated)];
    }
}

/// <summary>Recognises withdrawal notices: arXiv replaces a withdrawn paper's comment with "This paper has been withdrawn …".</summary>
internal static partial class Withdrawal
{
    [GeneratedRegex(@"^\s*withdrawn\b|\b(?:paper|article|submission|manuscript|preprint|version)\s+(?:has\s+been|is|was)\s+withdrawn\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Notice();

    public static bool InComment(string? comment) => comment is not null && Notice().IsMatch(comment);
}
