namespace Pipeline.Parsing;

/// <summary>
/// One source's current view of a paper, as Parse keeps it: per paper, source and format only the newest observation
/// (<see cref="Observations.Supersedes"/>). <see cref="ObservedAt"/> is the source's own time of the observation,
/// <see cref="FetchedAt"/> the fetch time of the document it came in.
/// </summary>
public sealed record PaperObservation(string SourceId, ParsedPaper Record, DateTimeOffset ObservedAt, DateTimeOffset FetchedAt, Guid DocumentId)
{
    public string PaperId => Record.Id;

    /// <summary>
    /// The record's format; a deletion (OAI-PMH <c>status="deleted"</c>) is kept apart as <c>{format}:deleted</c>, so
    /// the paper's last metadata stays readable beside it whichever of the two arrives first.
    /// </summary>
    public string Format => (Record.SourceFormat ?? "unknown") + (Record.Deleted ? ":deleted" : "");
}

/// <summary>
/// Makes the merged record of a paper a function of the set of observations, never of the order they arrive in:
/// <list type="number">
/// <item>each observation is timed by its source (<see cref="SourceTime"/>), else by its document's fetch time;</item>
/// <item>for one paper, source and format, an observation replaces the kept one only when it is newer — by source
/// time, then fetch time, then document id — or when it comes from the same document (a re-parse), so an older
/// listing parsed last changes nothing;</item>
/// <item>the kept views are merged in a canonical order (<see cref="Canonical"/>) by <see cref="PaperMerger"/>,
/// whose every per-field choice ends on the newest observation.</item>
/// </list>
/// Parse's SQL upsert (<c>parse.paper_sources</c>) applies exactly <see cref="Supersedes"/>.
/// </summary>
public static class Observations
{
    /// <summary>
    /// The source's own time for a record: the explicit <see cref="ParsedPaper.ObservedAt"/> (OAI-PMH datestamp, a
    /// generic feed item's updated/published), else the Hugging Face listing time (<c>publishedAt</c> of the daily
    /// item, <c>submittedOnDailyAt</c>), arXiv's <c>updated</c> (API, Kaggle), the RSS announcement date. Null when
    /// the source gives none (then the fetch time is used).
    /// </summary>
    public static DateTimeOffset? SourceTime(ParsedPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        if (paper.ObservedAt is { } explicitTime)
        {
            return explicitTime;
        }

        return paper.SourceFormat switch
        {
            ArxivAtomParser.Format or ArxivJsonlParser.Format or OaiPmhParser.Format => paper.Updated ?? paper.ArxivPublishedAt,
            _ => paper.ListedAt,
        };
    }

    /// <summary>The observation of <paramref name="paper"/> in a document of <paramref name="sourceId"/> fetched at <paramref name="fetchedAt"/>.</summary>
    public static PaperObservation Observe(ParsedPaper paper, string sourceId, DateTimeOffset fetchedAt, Guid documentId)
    {
        var observedAt = Microseconds(SourceTime(paper) ?? fetchedAt);
        return new PaperObservation(sourceId, paper with { ObservedAt = observedAt }, observedAt, Microseconds(fetchedAt), documentId);
    }

    /// <summary>UTC, truncated to the microsecond PostgreSQL keeps, so a stored observation compares as it did in memory.</summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>The key one view is kept under.</summary>
    public static (string PaperId, string SourceId, string Format) Key(PaperObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return (observation.PaperId, observation.SourceId, observation.Format);
    }

    /// <summary>
    /// True when <paramref name="candidate"/> replaces <paramref name="kept"/> (same key): it is newer, or it is the
    /// same document parsed again (a parser change may change what it says).
    /// </summary>
    public static bool Supersedes(PaperObservation candidate, PaperObservation kept)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(kept);
        return candidate.DocumentId == kept.DocumentId || CompareRecency(candidate, kept) > 0;
    }

    /// <summary>Orders by source time, then fetch time, then document id (as PostgreSQL orders <c>uuid</c>): a total order.</summary>
    public static int CompareRecency(PaperObservation a, PaperObservation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byObserved = a.ObservedAt.UtcTicks.CompareTo(b.ObservedAt.UtcTicks);
        if (byObserved != 0)
        {
            return byObserved;
        }

        var byFetched = a.FetchedAt.UtcTicks.CompareTo(b.FetchedAt.UtcTicks);
        return byFetched != 0
            ? byFetched
            : string.CompareOrdinal(a.DocumentId.ToString("N"), b.DocumentId.ToString("N"));
    }

    /// <summary>Newest first, then by source and format: the order the merger sees the views in.</summary>
    public static IReadOnlyList<PaperObservation> Canonical(IEnumerable<PaperObservation> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var list = views.ToList();
        list.Sort((a, b) =>
        {
            var byRecency = CompareRecency(b, a);
            if (byRecency != 0)
            {
                return byRecency;
            }

            var bySource = string.CompareOrdinal(a.SourceId, b.SourceId);
            return bySource != 0 ? bySource : string.CompareOrdinal(a.Format, b.Format);
        });
        return list;
    }

    /// <summary>
    /// The merged paper of the kept views of one paper. <see cref="ParsedPaper.ObservedAt"/> is cleared: it says
    /// when, not what, so a newer observation of the same content is the same record.
    /// </summary>
    public static ParsedPaper Merge(IEnumerable<PaperObservation> views)
    {
        var canonical = Canonical(views);
        return PaperMerger.MergeOne(canonical.Select(v => v.Record).ToList()) with { ObservedAt = null };
    }

    /// <summary>
    /// Applies <paramref name="incoming"/> to <paramref name="kept"/> (keyed by <see cref="Key"/>) the way Parse's
    /// store does; returns whether the kept view changed.
    /// </summary>
    public static bool Apply(IDictionary<(string PaperId, string SourceId, string Format), PaperObservation> kept, PaperObservation incoming)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var key = Key(incoming);
        if (kept.TryGetValue(key, out var current) && !Supersedes(incoming, current))
        {
            return false;
        }

        kept[key] = incoming;
        return true;
    }
}
