using System.Globalization;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>
/// arXiv OAI-PMH (<c>export.arxiv.org/oai2</c>) <c>ListRecords</c> and <c>GetRecord</c> responses with metadata in
/// <c>arXiv</c> (keyname/forenames authors, created/updated), <c>arXivRaw</c> (version history with dates, one
/// <c>and</c>-joined author string) or <c>oai_dc</c>. Deleted records (<c>header status="deleted"</c>) come back as
/// papers marked <see cref="ParsedPaper.Deleted"/> and withdrawn. <c>noRecordsMatch</c> is an empty result; every
/// other OAI error code rejects the payload with the code and message. The resumption token, cursor and complete list
/// size come back in <see cref="ParseResult.Page"/>.
/// </summary>
public static class OaiPmhParser
{
    public const string Format = "oai-pmh";

    public const string OaiNamespace = "http://www.openarchives.org/OAI/2.0/";

    public static ParseResult Parse(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "OAI-PMH")
        {
            throw new PayloadRejectedException($"Expected an <OAI-PMH> response but the root element is <{root.Name.LocalName}>.");
        }

        var responseDate = Dates.Parse(root.Text("responseDate"));
        var oaiErrors = root.Children("error").ToList();
        if (oaiErrors.Count > 0)
        {
            if (oaiErrors.All(e => e.Attr("code") == "noRecordsMatch"))
            {
                return new ParseResult([], []) { Page = new FeedPage { ResponseDate = responseDate } };
            }

            var described = oaiErrors.Where(e => e.Attr("code") != "noRecordsMatch")
                .Select(e => $"{e.Attr("code") ?? "error"}: {TextNormalizer.Clean(e.Value)}");
            throw new PayloadRejectedException($"OAI-PMH error {string.Join("; ", described)}");
        }

        var container = root.Child("ListRecords") ?? root.Child("GetRecord");
        if (container is null)
        {
            var verb = root.Elements().FirstOrDefault(e => e.Name.LocalName is not ("responseDate" or "request"))?.Name.LocalName ?? "nothing";
            throw new PayloadRejectedException($"The OAI-PMH response holds {verb}, not ListRecords or GetRecord records.");
        }

        var records = container.Children("record").ToList();
        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(records, ParseRecord, papers, errors);

        var token = container.Child("resumptionToken");
        var page = new FeedPage
        {
            EntriesReturned = records.Count,
            ResumptionToken = token is null || string.IsNullOrWhiteSpace(token.Value) ? null : token.Value.Trim(),
            CompleteListSize = XmlPayload.Int(token?.Attr("completeListSize")),
            Cursor = XmlPayload.Int(token?.Attr("cursor")),
            ResponseDate = responseDate,
        };
        return new ParseResult(papers, errors) { Page = page };
    }

    private static ParsedPaper ParseRecord(XElement record)
    {
        var header = record.Child("header") ?? throw new RecordException("record has no <header>");
        var identifier = header.Text("identifier");
        var metadata = record.Child("metadata")?.Elements().FirstOrDefault();
        if (string.Equals(header.Attr("status"), "deleted", StringComparison.OrdinalIgnoreCase))
        {
            if (!ArxivId.TryFind(identifier, out var deletedId, out _))
            {
                throw new RecordException($"deleted record's identifier '{Records.Truncate(identifier ?? "")}' is not an arXiv id");
            }

            return new ParsedPaper
            {
                Id = deletedId,
                Title = string.Empty,
                TitleRaw = string.Empty,
                Abstract = string.Empty,
                AbstractRaw = string.Empty,
                Authors = [],
                Updated = Dates.Parse(header.Text("datestamp")),
                ObservedAt = Dates.Parse(header.Text("datestamp")),
                Deleted = true,
                Withdrawn = true,
                SourceFormat = Format,
            };
        }

        if (metadata is null)
        {
            throw new RecordException($"record {identifier} has no metadata");
        }

        var parsed = metadata.Name.LocalName switch
        {
            "arXiv" => ParseArxiv(metadata, identifier),
            "arXivRaw" => ParseArxivRaw(metadata, identifier),
            "dc" => ParseDublinCore(metadata, identifier),
            _ => throw new RecordException($"record {identifier} has metadata <{metadata.Name.LocalName}>, not arXiv, arXivRaw or oai_dc"),
        };

        // The header's datestamp says when the repository last changed the record: the observation's own time.
        return parsed with { ObservedAt = Dates.Parse(header.Text("datestamp")) ?? parsed.ObservedAt };
    }

    private static string ResolveId(XElement metadata, string? identifier, out int? version)
    {
        if (ArxivId.TryParse(metadata.Text("id"), out var id, out version) || ArxivId.TryFind(identifier, out id, out version))
        {
            return id;
        }

        throw new RecordException($"record '{Records.Truncate(metadata.Text("id") ?? identifier ?? "")}' has no arXiv id");
    }

    private static ParsedPaper ParseArxiv(XElement m, string? identifier)
    {
        var id = ResolveId(m, identifier, out var version);
        var created = Dates.Parse(m.Text("created"));
        var updated = Dates.Parse(m.Text("updated"));
        var authors = m.Child("authors")?.Children("author")
            .Select(a => AuthorNames.FromParts(a.Text("keyname"), a.Text("forenames"), a.Text("suffix")))
            .Where(n => n.Length > 0)
            .ToList() ?? [];
        return Common(m, id, version, authors, Format) with
        {
            ArxivPublishedAt = created,
            Updated = updated ?? created,
            Versions = created is null ? [] : [new PaperVersion(1, created)],
        };
    }

    private static ParsedPaper ParseArxivRaw(XElement m, string? identifier)
    {
        var id = ResolveId(m, identifier, out var version);
        var versions = new List<PaperVersion>();
        var withdrawn = false;
        foreach (var v in m.Children("version"))
        {
            var label = v.Attr("version") ?? string.Empty;
            if (!int.TryParse(label.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            versions.Add(new PaperVersion(n, Dates.Parse(v.Text("date"))));
            withdrawn = IsEmptySize(v.Text("size"));
        }

        var ordered = Records.Versions(versions);
        var paper = Common(m, id, version, AuthorNames.Split(m.Text("authors")), Format);
        return paper with
        {
            Version = ordered.Count > 0 ? ordered[^1].Version : version,
            ArxivPublishedAt = ordered.Count > 0 ? ordered[0].Date : null,
            Updated = ordered.Count > 0 ? ordered[^1].Date : null,
            Versions = ordered,
            Submitter = Records.Normalized(m.Text("submitter")),
            Withdrawn = paper.Withdrawn || (ordered.Count > 0 && withdrawn),
        };
    }

    /// <summary><c>oai_dc</c>: titles, creators (<c>Last, First</c>), descriptions, dates and subjects.</summary>
    private static ParsedPaper ParseDublinCore(XElement m, string? identifier)
    {
        string? id = null;
        int? version = null;
        var found = ArxivId.TryFind(identifier, out id, out version)
            || m.Children("identifier").Any(i => ArxivId.TryFind(i.Value, out id, out version));
        if (!found || id is null)
        {
            throw new RecordException($"record '{Records.Truncate(identifier ?? "")}' has no arXiv id");
        }

        var titleRaw = m.Text("title") ?? throw new RecordException($"record {id} has no title");
        var abstractRaw = m.Children("description").Select(d => d.Value).FirstOrDefault(d => !d.TrimStart().StartsWith("Comment:", StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
        var dates = m.Children("date").Select(d => Dates.Parse(d.Value)).Where(d => d is not null).OrderBy(d => d).ToList();
        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw),
            TitleRaw = titleRaw,
            Abstract = TextNormalizer.Normalize(abstractRaw),
            AbstractRaw = abstractRaw,
            Authors = m.Children("creator").Select(c => AuthorNames.FromInverted(c.Value)).Where(n => n.Length > 0).ToList(),
            ArxivPublishedAt = dates.FirstOrDefault(),
            Updated = dates.LastOrDefault(),
            Dois = Dois.Find(m.Children("identifier").Select(i => i.Value).ToArray()),
            License = Records.NullIfBlank(m.Text("rights")),
            Links = Links.Find(abstractRaw),
            SourceFormat = Format,
        };
    }

    /// <summary>Fields <c>arXiv</c> and <c>arXivRaw</c> share.</summary>
    private static ParsedPaper Common(XElement m, string id, int? version, IReadOnlyList<string> authors, string format)
    {
        var titleRaw = m.Text("title") ?? throw new RecordException($"record {id} has no title");
        var abstractRaw = m.Text("abstract") ?? string.Empty;
        var comments = m.Text("comments");
        var (categories, others) = Classifications.FromSpaceSeparated(m.Text("categories"));
        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw),
            TitleRaw = titleRaw,
            Abstract = TextNormalizer.Normalize(abstractRaw),
            AbstractRaw = abstractRaw,
            Authors = authors,
            Categories = categories,
            PrimaryCategory = categories.Count > 0 ? categories[0] : null,
            OtherClassifications = Classifications.WithCodes(others, m.Text("msc-class"), m.Text("acm-class")),
            Dois = Dois.Find(m.Text("doi")),
            JournalRef = Records.Normalized(m.Text("journal-ref")),
            License = Records.NullIfBlank(m.Text("license")),
            Comments = Records.Normalized(comments),
            ReportNumber = Records.Normalized(m.Text("report-no")),
            Links = Links.Find(abstractRaw, comments),
            Withdrawn = Withdrawal.InComment(comments),
            SourceFormat = format,
        };
    }

    private static bool IsEmptySize(string? size) =>
        size is not null && size.Trim().TrimEnd('b', 'B', 'k', 'K', 'm', 'M').Trim() is "0";
}
