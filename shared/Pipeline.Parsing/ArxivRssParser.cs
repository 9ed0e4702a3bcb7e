using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>
/// arXiv listing feeds (<c>rss.arxiv.org/rss/{cats}</c>, RSS 2.0, 2024+): per item <c>title</c>, <c>link</c> (no
/// version), <c>description</c> = <c>arXiv:ID vN Announce Type: new \nAbstract: …</c>, <c>guid</c>
/// <c>oai:arXiv.org:IDvN</c>, repeated <c>category</c> (primary first), <c>arxiv:announce_type</c>
/// (new/replace/cross/replace-cross), <c>dc:rights</c>, <c>dc:creator</c> (all authors in one string), optional
/// <c>arxiv:DOI</c> and <c>arxiv:journal_reference</c>. An empty listing is zero papers; the error feed (channel
/// title <c>Feed error for query…</c>) is rejected with its description.
/// </summary>
public static partial class ArxivRssParser
{
    public const string Format = "arxiv-rss";

    [GeneratedRegex(@"^\s*arXiv:(?<id>\S+)\s+Announce Type:\s*(?<type>[\w-]+)\s*(?:\r?\n)?\s*(?:Abstract:\s?)?", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionHeader();

    public static ParseResult Parse(XDocument document)
    {
        var channel = Channel(document);
        var channelTitle = TextNormalizer.Clean(channel.Text("title"));
        if (channelTitle.StartsWith("Feed error", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadRejectedException($"arXiv RSS error feed: {TextNormalizer.Clean(channel.Text("description"))} ({channelTitle})");
        }

        var items = channel.Children("item").ToList();
        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(items, ParseItem, papers, errors);
        return new ParseResult(papers, errors) { Page = new FeedPage { EntriesReturned = items.Count } };
    }

    /// <summary>True for an RSS document published by arXiv (its channel link or its <c>arxiv:announce_type</c> items).</summary>
    internal static bool IsArxivFeed(XDocument document)
    {
        var channel = document.Root?.Child("channel");
        if (channel is null)
        {
            return false;
        }

        var link = channel.Text("link") ?? string.Empty;
        return link.Contains("arxiv.org", StringComparison.OrdinalIgnoreCase)
            || channel.Children("item").Any(i => i.Child("announce_type") is not null);
    }

    private static XElement Channel(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "rss")
        {
            throw new PayloadRejectedException($"Expected an RSS 2.0 <rss> document from rss.arxiv.org but the root element is <{root.Name.LocalName}>.");
        }

        return root.Child("channel") ?? throw new PayloadRejectedException("The RSS document has no <channel>.");
    }

    private static ParsedPaper ParseItem(XElement item)
    {
        var description = item.Text("description") ?? string.Empty;
        var header = DescriptionHeader().Match(description);
        var guid = item.Text("guid");
        string? id = null;
        int? version = null;
        var found = (guid is not null && ArxivId.TryFind(guid, out id, out version))
            || (header.Success && ArxivId.TryParse(header.Groups["id"].Value, out id, out version))
            || ArxivId.TryFind(item.Text("link"), out id, out version);
        if (!found || id is null)
        {
            throw new RecordException($"item has no arXiv id in its guid, description or link ('{Records.Truncate(guid ?? item.Text("link") ?? "")}')");
        }

        if (version is null && header.Success && ArxivId.TryParse(header.Groups["id"].Value, out var headerId, out var headerVersion) && headerId == id)
        {
            version = headerVersion;
        }

        var titleRaw = item.Text("title") ?? throw new RecordException($"item {id} has no title");
        var abstractRaw = header.Success ? description[(header.Index + header.Length)..] : description;
        var announceType = Records.NullIfBlank(item.Text("announce_type"))?.ToLowerInvariant()
            ?? (header.Success ? header.Groups["type"].Value.ToLowerInvariant() : null);
        var (categories, others) = Classifications.Sort(null, item.Children("category").Select(c => c.Value));
        var rights = item.Text("rights");

        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw, html: true),
            TitleRaw = titleRaw,
            Abstract = TextNormalizer.Normalize(abstractRaw, html: true),
            AbstractRaw = abstractRaw,
            Authors = AuthorNames.Split(item.Text("creator")),
            ListedAt = Dates.Parse(item.Text("pubDate")),
            Versions = version is { } v ? [new PaperVersion(v, null)] : [],
            Categories = categories,
            PrimaryCategory = categories.Count > 0 ? categories[0] : null,
            OtherClassifications = others,
            Dois = Dois.Find(item.Text("DOI"), item.Text("doi")),
            JournalRef = Records.Normalized(item.Text("journal_reference") ?? item.Text("journal_ref")),
            License = Records.NullIfBlank(rights),
            Links = Links.Find(abstractRaw),
            AnnounceType = announceType,
            SourceFormat = Format,
        };
    }
}
