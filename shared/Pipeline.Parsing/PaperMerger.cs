namespace Pipeline.Parsing;

/// <summary>
/// Merges the records of one paper from several sources and files into one. The result depends on the set of
/// records only, never on their order (callers pass them in a canonical order, see <see cref="Observations"/>, and
/// every choice below ends on the newest observation, <see cref="ParsedPaper.ObservedAt"/>). Per field:
/// <list type="bullet">
/// <item>versions are lineage (union by number); the version is the highest any source knows;</item>
/// <item>title, abstract, authors, DOIs, journal ref, licence, comments: arXiv's own formats first (a newer arXiv
/// version first, then OAI-PMH, the API, Kaggle, RSS), then generic feeds, then Hugging Face; among equals the
/// newest observation;</item>
/// <item>first-version date and categories: the most complete arXiv format first (OAI-PMH, API, Kaggle, RSS), then
/// the newest observation;</item>
/// <item>upvotes, <c>githubRepo</c>, project page, keywords and the listing date: Hugging Face, newest observation
/// first (upvotes only as a last tie-break);</item>
/// <item>links and categories of other schemes are unioned; withdrawn when any source deleted the paper or a record
/// of its newest version says so.</item>
/// </list>
/// <see cref="ParsedPaper.FieldSources"/> says which source format supplied each field.
/// </summary>
public static class PaperMerger
{
    /// <summary>Higher is preferred for arXiv metadata; 0 for formats that are not arXiv's own.</summary>
    public static int ArxivRank(string? format) => format switch
    {
        OaiPmhParser.Format => 4,
        ArxivAtomParser.Format => 3,
        ArxivJsonlParser.Format => 2,
        ArxivRssParser.Format => 1,
        _ => 0,
    };

    /// <summary>True for the Hugging Face formats.</summary>
    public static bool IsHuggingFace(string? format) => format is not null && format.StartsWith("hf-", StringComparison.Ordinal);

    /// <summary>Merges <paramref name="papers"/> by <see cref="ParsedPaper.Id"/>, in order of first appearance.</summary>
    public static IReadOnlyList<ParsedPaper> Merge(IEnumerable<ParsedPaper> papers)
    {
        ArgumentNullException.ThrowIfNull(papers);
        return papers.GroupBy(p => p.Id, StringComparer.Ordinal).Select(g => MergeOne(g.ToList())).ToList();
    }

    /// <summary>Merges records that all describe the same paper.</summary>
    public static ParsedPaper MergeOne(IReadOnlyList<ParsedPaper> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(records));
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);

        // arXiv's own records, newest version first, then by how complete the format is; then generic feeds; then HF.
        var byArxiv = records
            .OrderByDescending(r => ArxivRank(r.SourceFormat) > 0)
            .ThenByDescending(r => !IsHuggingFace(r.SourceFormat))
            .ThenByDescending(r => r.Version ?? 0)
            .ThenByDescending(r => ArxivRank(r.SourceFormat))
            .ThenByDescending(r => r.ObservedAt)
            .ToList();
        // For facts that do not change between versions (v1 date, categories), completeness matters more than recency.
        var byFormat = records
            .OrderByDescending(r => ArxivRank(r.SourceFormat))
            .ThenByDescending(r => !IsHuggingFace(r.SourceFormat))
            .ThenByDescending(r => r.Version ?? 0)
            .ThenByDescending(r => r.ObservedAt)
            .ToList();
        // Hugging Face's own fields: its newest listing knows the current upvotes, links and keywords.
        var byHf = records
            .OrderByDescending(r => IsHuggingFace(r.SourceFormat))
            .ThenByDescending(r => r.ObservedAt)
            .ThenByDescending(r => r.Upvotes ?? -1)
            .ToList();

        var text = byArxiv.FirstOrDefault(r => !r.Deleted && r.Title.Length > 0) ?? byArxiv[0];
        Note(sources, PaperFields.Title, text);
        Note(sources, PaperFields.Abstract, byArxiv.FirstOrDefault(r => !r.Deleted && r.Abstract.Length > 0) ?? text, out var abstractSource);
        Note(sources, PaperFields.Authors, byArxiv.FirstOrDefault(r => r.Authors.Count > 0) ?? text, out var authorSource);

        var versions = Records.Versions(byFormat.SelectMany(r => r.Versions));
        var versionSource = byFormat.FirstOrDefault(r => r.Versions.Count > 0);
        if (versionSource is not null)
        {
            Note(sources, PaperFields.Versions, versionSource);
        }

        var maxVersion = records.Select(r => r.Version).Concat(versions.Select(v => (int?)v.Version)).Max();
        var published = Pick(sources, PaperFields.Published, byFormat, r => r.ArxivPublishedAt);
        if (published is { } day && day.TimeOfDay == TimeSpan.Zero)
        {
            // A bare day (OAI created, HF midnight) gives way to a timestamp of the same day from another source.
            var precise = byFormat.FirstOrDefault(r => r.ArxivPublishedAt is { } t && t.Date == day.Date && t.TimeOfDay != TimeSpan.Zero);
            if (precise is not null)
            {
                published = precise.ArxivPublishedAt;
                Note(sources, PaperFields.Published, precise);
            }
        }

        published ??= versions.FirstOrDefault(v => v.Version == 1)?.Date;
        var updated = Pick(sources, PaperFields.Updated, records.OrderByDescending(r => r.Updated ?? DateTimeOffset.MinValue), r => r.Updated);
        var listed = Pick(sources, PaperFields.ListedAt, byHf.OrderByDescending(r => IsHuggingFace(r.SourceFormat)).ThenByDescending(r => r.SourceFormat == ArxivRssParser.Format), r => r.ListedAt);
        var categorized = byFormat.FirstOrDefault(r => r.Categories.Count > 0);
        if (categorized is not null)
        {
            Note(sources, PaperFields.Categories, categorized);
        }

        var dois = Distinct(byArxiv.SelectMany(r => r.Dois), StringComparer.OrdinalIgnoreCase);
        if (dois.Count > 0)
        {
            Note(sources, PaperFields.Dois, byArxiv.First(r => r.Dois.Count > 0));
        }

        var hf = byHf.Where(r => IsHuggingFace(r.SourceFormat)).ToList();
        var withUpvotes = byHf.FirstOrDefault(r => r.Upvotes is not null);
        if (withUpvotes is not null)
        {
            Note(sources, PaperFields.Upvotes, withUpvotes);
        }

        var rss = byArxiv.FirstOrDefault(r => r.AnnounceType is not null);
        if (rss is not null)
        {
            Note(sources, PaperFields.AnnounceType, rss);
        }

        var withdrawn = records.Any(r => r.Deleted) || records.Where(r => r.Version == maxVersion || r.Version is null).Any(r => r.Withdrawn);
        var withdrawnBy = records.FirstOrDefault(r => r.Deleted) ?? records.FirstOrDefault(r => r.Withdrawn);
        if (withdrawn && withdrawnBy is not null)
        {
            Note(sources, PaperFields.Withdrawn, withdrawnBy);
        }

        return new ParsedPaper
        {
            Id = text.Id,
            Version = maxVersion,
            ObservedAt = records.Max(r => r.ObservedAt),
            Title = text.Title,
            TitleRaw = text.TitleRaw,
            Abstract = abstractSource.Abstract,
            AbstractRaw = abstractSource.AbstractRaw,
            Authors = authorSource.Authors,
            ArxivPublishedAt = published,
            ListedAt = listed,
            Upvotes = withUpvotes?.Upvotes,
            GithubRepo = Pick(sources, PaperFields.GithubRepo, byHf, r => r.GithubRepo),
            ProjectPage = Pick(sources, PaperFields.ProjectPage, byHf, r => r.ProjectPage),
            Keywords = PickList(sources, PaperFields.Keywords, byHf, r => r.Keywords),
            Updated = updated,
            Versions = versions,
            Categories = categorized?.Categories ?? [],
            PrimaryCategory = categorized?.PrimaryCategory,
            OtherClassifications = Distinct(byFormat.SelectMany(r => r.OtherClassifications), StringComparer.Ordinal),
            Dois = dois,
            JournalRef = Pick(sources, PaperFields.JournalRef, byArxiv, r => r.JournalRef),
            License = Pick(sources, PaperFields.License, byArxiv, r => r.License),
            Comments = Pick(sources, PaperFields.Comments, byArxiv, r => r.Comments),
            ReportNumber = byArxiv.Select(r => r.ReportNumber).FirstOrDefault(r => r is not null),
            Submitter = byFormat.Select(r => r.Submitter).FirstOrDefault(r => r is not null),
            Links = Links.Merge(hf.Concat(byArxiv).Distinct().Select(r => r.Links)),
            Withdrawn = withdrawn,
            Deleted = records.Any(r => r.Deleted),
            AnnounceType = rss?.AnnounceType,
            SourceFormat = text.SourceFormat,
            Sources = Distinct(records.SelectMany(r => r.Sources.Count > 0 ? r.Sources : [r.SourceFormat ?? "unknown"]), StringComparer.Ordinal),
            FieldSources = sources,
        };
    }

    private static void Note(Dictionary<string, string> sources, string field, ParsedPaper record) =>
        sources[field] = record.FieldSources.TryGetValue(field, out var s) ? s : record.SourceFormat ?? "unknown";

    private static void Note(Dictionary<string, string> sources, string field, ParsedPaper record, out ParsedPaper chosen)
    {
        Note(sources, field, record);
        chosen = record;
    }

    private static T? Pick<T>(Dictionary<string, string> sources, string field, IEnumerable<ParsedPaper> ordered, Func<ParsedPaper, T?> get)
        where T : class
    {
        foreach (var r in ordered)
        {
            if (get(r) is { } value && (value is not string s || s.Length > 0))
            {
                Note(sources, field, r);
                return value;
            }
        }

        return null;
    }

    private static DateTimeOffset? Pick(Dictionary<string, string> sources, string field, IEnumerable<ParsedPaper> ordered, Func<ParsedPaper, DateTimeOffset?> get)
    {
        foreach (var r in ordered)
        {
            if (get(r) is { } value)
            {
                Note(sources, field, r);
                return value;
            }
        }

        return null;
    }

    private static IReadOnlyList<string> PickList(Dictionary<string, string> sources, string field, IEnumerable<ParsedPaper> ordered, Func<ParsedPaper, IReadOnlyList<string>> get)
    {
        foreach (var r in ordered)
        {
            var list = get(r);
            if (list.Count > 0)
            {
                Note(sources, field, r);
                return list;
            }
        }

        return [];
    }

    private static List<string> Distinct(IEnumerable<string> values, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        return values.Where(seen.Add).ToList();
    }
}
