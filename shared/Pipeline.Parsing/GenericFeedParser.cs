using System.Text.Json;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>
/// Any RSS 2.0 (or RSS 1.0/RDF), Atom 1.0 or JSON Feed 1.1 feed an operator adds. An item becomes a paper when an
/// arXiv id can be found in its link, id/guid, DOI or (as a last resort) its text; otherwise it is a record error
/// "no arXiv id" and the rest of the feed goes on. HTML in descriptions is stripped.
/// </summary>
public static class GenericFeedParser
{
    public const string RssFormat = "rss";
    public const string AtomFormat = "atom";
    public const string JsonFeedFormat = "jsonfeed";

    public static ParseResult ParseRss(XDocument document)
    {
        var root = document.Root!;
        IEnumerable<XElement> items = root.Name.LocalName switch
        {
            "rss" => root.Child("channel")?.Children("item") ?? throw new PayloadRejectedException("The RSS document has no <channel>."),
            "RDF" => root.Children("item").Concat(root.Child("channel")?.Children("item") ?? []),
            _ => throw new PayloadRejectedException($"Expected an RSS <rss> or <rdf:RDF> document but the root element is <{root.Name.LocalName}>."),
        };

        return Collect(items.ToList(), ParseRssItem);
    }

    public static ParseResult ParseAtom(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "feed")
        {
            throw new PayloadRejectedException($"Expected an Atom <feed> but the root element is <{root.Name.LocalName}>.");
        }

        return Collect(root.Children("entry").ToList(), ParseAtomEntry);
    }

    public static ParseResult ParseJsonFeed(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadRejectedException($"Expected a JSON Feed object but got a JSON {HfDailyParser.Describe(root.ValueKind)}.");
        }

        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadRejectedException("The JSON Feed has no 'items' array.");
        }

        return Collect(items.EnumerateArray().ToList(), ParseJsonItem);
    }

    /// <summary>True for a JSON Feed (<c>version</c> names jsonfeed.org).</summary>
    internal static bool IsJsonFeed(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && HfDailyParser.GetString(root, "version") is { } v
        && v.Contains("jsonfeed.org", StringComparison.OrdinalIgnoreCase);

    private static ParseResult Collect<T>(List<T> items, Func<T, ParsedPaper> parse)
    {
        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(items, parse, papers, errors);
        return new ParseResult(papers, errors) { Page = new FeedPage { EntriesReturned = items.Count } };
    }

    private static ParsedPaper ParseRssItem(XElement item)
    {
        var description = item.Text("description") ?? item.Text("encoded") ?? string.Empty;
        var authors = item.Children("creator").Select(c => c.Value).ToList();
        if (authors.Count == 0 && item.Text("author") is { } author)
        {
            authors.Add(author);
        }

        return Build(
            RssFormat,
            candidates: [item.Text("link"), item.Text("guid"), item.Attr("about"), .. item.Children("identifier").Select(i => i.Value), item.Text("doi"), item.Text("DOI")],
            fallbackText: [item.Text("title"), description],
            titleRaw: item.Text("title"),
            abstractRaw: description,
            html: true,
            authors: authors.SelectMany(AuthorNames.Split).ToList(),
            published: Dates.Parse(item.Text("pubDate") ?? item.Text("date")),
            updated: null,
            categories: item.Children("category").Select(c => c.Value).Concat(item.Children("subject").Select(s => s.Value)),
            dois: [item.Text("doi"), item.Text("DOI"), .. item.Children("identifier").Select(i => i.Value)],
            license: item.Text("rights"));
    }

    private static ParsedPaper ParseAtomEntry(XElement entry)
    {
        var links = entry.Children("link").Select(l => l.Attr("href")).ToList();
        var contentElement = entry.Child("summary") ?? entry.Child("content");
        var html = contentElement?.Attr("type") is "html" or "xhtml" or "text/html";
        return Build(
            AtomFormat,
            candidates: [entry.Text("id"), .. links, entry.Text("doi")],
            fallbackText: [entry.Text("title"), contentElement?.Value],
            titleRaw: entry.Text("title"),
            abstractRaw: contentElement?.Value ?? string.Empty,
            html: html || (contentElement?.Value.Contains('<', StringComparison.Ordinal) ?? false),
            authors: entry.Children("author").Select(a => AuthorNames.Name(a.Text("name"))).Where(n => n.Length > 0).ToList(),
            published: Dates.Parse(entry.Text("published")),
            updated: Dates.Parse(entry.Text("updated")),
            categories: entry.Children("category").Select(c => c.Attr("term")),
            dois: [entry.Text("doi"), .. links],
            license: entry.Children("link").FirstOrDefault(l => l.Attr("rel") == "license")?.Attr("href") ?? entry.Text("rights"));
    }

    private static ParsedPaper ParseJsonItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException($"item is a JSON {HfDailyParser.Describe(item.ValueKind)}, not an object");
        }

        string? S(string name) => HfDailyParser.GetString(item, name);
        var html = S("content_html");
        var authors = new List<string>();
        foreach (var key in new[] { "authors", "author" })
        {
            if (!item.TryGetProperty(key, out var a))
            {
                continue;
            }

            var list = a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [a];
            authors.AddRange(list.Select(x => x.ValueKind == JsonValueKind.Object ? HfDailyParser.GetString(x, "name") : x.ValueKind == JsonValueKind.String ? x.GetString() : null)
                .Select(AuthorNames.Name).Where(n => n.Length > 0));
            break;
        }

        var tags = item.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).ToList()
            : [];
        return Build(
            JsonFeedFormat,
            candidates: [S("url"), S("id"), S("external_url")],
            fallbackText: [S("title"), S("summary"), S("content_text"), html],
            titleRaw: S("title"),
            abstractRaw: S("summary") ?? S("content_text") ?? html ?? string.Empty,
            html: S("summary") is null && S("content_text") is null && html is not null,
            authors: authors,
            published: Dates.Parse(S("date_published")),
            updated: Dates.Parse(S("date_modified")),
            categories: tags,
            dois: [S("url"), S("external_url"), S("id")],
            license: null);
    }

    private static ParsedPaper Build(
        string format,
        string?[] candidates,
        string?[] fallbackText,
        string? titleRaw,
        string abstractRaw,
        bool html,
        IReadOnlyList<string> authors,
        DateTimeOffset? published,
        DateTimeOffset? updated,
        IEnumerable<string?> categories,
        string?[] dois,
        string? license)
    {
        string? id = null;
        int? version = null;
        var found = candidates.Any(c => ArxivId.TryFind(c, out id, out version)) || fallbackText.Any(c => ArxivId.TryFind(c, out id, out version));
        if (found && id is not null && version is null)
        {
            // The link often drops the version the id or guid carries (abs/2411.17700 vs abs/2411.17700v1).
            foreach (var c in candidates)
            {
                if (ArxivId.TryFind(c, out var other, out var candidateVersion) && other == id && candidateVersion is not null)
                {
                    version = candidateVersion;
                    break;
                }
            }
        }

        if (!found || id is null)
        {
            var what = candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? titleRaw ?? "(untitled)";
            throw new RecordException($"no arXiv id in the item's link, id, guid or DOI ('{Records.Truncate(what.Trim())}')");
        }

        if (string.IsNullOrWhiteSpace(titleRaw))
        {
            throw new RecordException($"item {id} has no title");
        }

        var (cats, others) = Classifications.Sort(null, categories);
        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw, html),
            TitleRaw = titleRaw,
            Abstract = TextNormalizer.Normalize(abstractRaw, html),
            AbstractRaw = abstractRaw,
            Authors = authors,
            // A feed's own dates say when it posted the item, not when arXiv published the paper.
            ListedAt = published ?? updated,
            ObservedAt = updated ?? published,
            Versions = version is { } v ? [new PaperVersion(v, null)] : [],
            Categories = cats,
            PrimaryCategory = cats.Count > 0 ? cats[0] : null,
            OtherClassifications = others,
            Dois = Dois.Find(dois.Where(d => d is not null && d.Contains("10.", StringComparison.Ordinal) && !d.Contains("arxiv.org/", StringComparison.OrdinalIgnoreCase)).ToArray()),
            License = Records.NullIfBlank(license),
            Links = html ? Links.Find(Links.Hrefs(abstractRaw), TextNormalizer.StripHtml(abstractRaw)) : Links.Find(abstractRaw),
            SourceFormat = format,
        };
    }
}
