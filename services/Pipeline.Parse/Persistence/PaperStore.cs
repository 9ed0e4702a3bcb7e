using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Parsing;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Parse.Persistence;

/// <summary>
/// Reads fetched documents (the claim check) and keeps one record per paper. Each source's newest observation per
/// format goes to <c>parse.paper_sources</c> (an older one never replaces a newer one: <see cref="Observations"/>),
/// the merge of those views to <c>parse.papers</c>, and only papers whose merged record changed are returned, each
/// with its change <see cref="PaperRecord.Sequence"/>. The merged record is a function of the set of observations,
/// so documents parsed in any order, or by several instances at once, end in the same record.
/// </summary>
public sealed class PaperStore(ParseDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended(id, 0)) FROM unnest($1::text[]) AS id ORDER BY id";

    // Observations.Supersedes, in SQL: a newer observation (source time, fetch time, document id) or the same document again.
    private const string UpsertSourceSql = """
        INSERT INTO parse.paper_sources (paper_id, source_id, format, record, content_hash, first_seen_at, last_seen_at, document_id, observed_at, fetched_at)
        VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)
        ON CONFLICT (paper_id, source_id, format) DO UPDATE SET
            record = EXCLUDED.record, content_hash = EXCLUDED.content_hash, last_seen_at = EXCLUDED.last_seen_at,
            document_id = EXCLUDED.document_id, observed_at = EXCLUDED.observed_at, fetched_at = EXCLUDED.fetched_at
        WHERE parse.paper_sources.document_id = EXCLUDED.document_id
           OR (EXCLUDED.observed_at, EXCLUDED.fetched_at, EXCLUDED.document_id)
              > (parse.paper_sources.observed_at, parse.paper_sources.fetched_at, parse.paper_sources.document_id)
        RETURNING paper_id
        """;

    private const string LoadSourcesSql = """
        SELECT paper_id, source_id, record::text, observed_at, fetched_at, document_id FROM parse.paper_sources WHERE paper_id = ANY($1)
        """;

    private const string UpsertPaperSql = """
        INSERT INTO parse.papers (id, version, title, title_raw, abstract, abstract_raw, authors, arxiv_published_at, listed_at,
            upvotes, github_repo, project_page, keywords, source_id, document_id, content_hash, first_seen_at, updated_at, trace_id,
            updated, versions, categories, primary_category, other_classifications, dois, journal_ref, license, comments, links,
            withdrawn, sources, provenance, sequence)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18,
            $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, 1)
        ON CONFLICT (id) DO UPDATE SET
            version = EXCLUDED.version, title = EXCLUDED.title, title_raw = EXCLUDED.title_raw, abstract = EXCLUDED.abstract,
            abstract_raw = EXCLUDED.abstract_raw, authors = EXCLUDED.authors, arxiv_published_at = EXCLUDED.arxiv_published_at,
            listed_at = EXCLUDED.listed_at, upvotes = EXCLUDED.upvotes, github_repo = EXCLUDED.github_repo,
            project_page = EXCLUDED.project_page, keywords = EXCLUDED.keywords, source_id = EXCLUDED.source_id,
            document_id = EXCLUDED.document_id, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at,
            trace_id = EXCLUDED.trace_id, updated = EXCLUDED.updated, versions = EXCLUDED.versions, categories = EXCLUDED.categories,
            primary_category = EXCLUDED.primary_category, other_classifications = EXCLUDED.other_classifications,
            dois = EXCLUDED.dois, journal_ref = EXCLUDED.journal_ref, license = EXCLUDED.license, comments = EXCLUDED.comments,
            links = EXCLUDED.links, withdrawn = EXCLUDED.withdrawn, sources = EXCLUDED.sources, provenance = EXCLUDED.provenance,
            sequence = parse.papers.sequence + 1
        WHERE parse.papers.content_hash <> EXCLUDED.content_hash
        RETURNING id, sequence
        """;

    /// <summary>
    /// The stored payload of a fetched document, uncompressed, with its fetch time. <c>fetcher.documents</c> is
    /// Fetch's published claim-check store: Parse reads it by key and never writes there.
    /// </summary>
    public async Task<(byte[] Content, string SourceId, DateTimeOffset FetchedAt)?> LoadDocumentAsync(Guid documentId, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT content, source_id, fetched_at FROM fetcher.documents WHERE id = $1", connection);
        command.Parameters.Add(Param(documentId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return (Gzip.Decompress((byte[])reader[0]), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>
    /// Records <paramref name="papers"/> as <paramref name="sourceId"/>'s observations from a document fetched at
    /// <paramref name="fetchedAt"/> and re-merges each paper whose kept views changed, in the current transaction.
    /// Returns the merged records that are new or changed.
    /// </summary>
    public async Task<IReadOnlyList<PaperRecord>> UpsertAsync(IReadOnlyList<ParsedPaper> papers, string sourceId, Guid documentId, DateTimeOffset fetchedAt, string? traceId, CancellationToken ct)
    {
        // A payload may list a paper twice (or several versions of it): merge those first.
        var incoming = PaperMerger.Merge(papers)
            .Select(p => Observations.Observe(p, sourceId, fetchedAt, documentId))
            .OrderBy(o => o.PaperId, StringComparer.Ordinal)
            .ToList();
        if (incoming.Count == 0)
        {
            return [];
        }

        var ids = incoming.Select(o => o.PaperId).ToArray();
        var now = clock.GetUtcNow();

        // Serialise merges of the same paper across consumers and instances; ordered, so no deadlock.
        await db.ExecuteBatchAsync([new NpgsqlBatchCommand(LockSql).WithParameters(Param(ids))], _ => 0, ct);
        var touched = (await db.ExecuteBatchAsync(
            incoming.Select(o =>
            {
                var json = JsonSerializer.Serialize(o.Record, Web);
                return new NpgsqlBatchCommand(UpsertSourceSql).WithParameters(
                    Param(o.PaperId), Param(sourceId), Param(o.Format), Jsonb(json), Param(Hash(json)), Param(now), Param(documentId),
                    Param(o.ObservedAt), Param(o.FetchedAt));
            }),
            r => r.GetString(0),
            ct)).Distinct(StringComparer.Ordinal).ToArray();
        if (touched.Length == 0)
        {
            return []; // every observation was older than what is kept: nothing can have changed
        }

        var merged = (await LoadViewsAsync(touched, ct))
            .Select(g => ToRecord(g.Value))
            .ToList();

        var changed = (await db.ExecuteBatchAsync(
            merged.Select(r => new NpgsqlBatchCommand(UpsertPaperSql).WithParameters(
                Param(r.Record.Id), Param(r.Record.Version), Param(r.Record.Title), Param(r.Raw.TitleRaw),
                Param(r.Record.Abstract), Param(r.Raw.AbstractRaw), Jsonb(JsonSerializer.Serialize(r.Record.Authors)),
                Param(r.Record.ArxivPublishedAt), Param(r.Record.ListedAt), Param(r.Record.Upvotes), Param(r.Record.GithubRepo),
                Param(r.Record.ProjectPage), Jsonb(JsonSerializer.Serialize(r.Record.Keywords)), Param(r.Record.SourceId), Param(documentId),
                Param(r.Record.ContentHash), Param(now), Param(traceId),
                Param(r.Record.Updated), Jsonb(JsonSerializer.Serialize(r.Record.Versions, Web)), Param(r.Record.Categories.ToArray()),
                Param(r.Record.PrimaryCategory), Param(r.Record.OtherClassifications.ToArray()), Param(r.Record.Dois.ToArray()),
                Param(r.Record.JournalRef), Param(r.Record.License), Param(r.Record.Comments), Jsonb(JsonSerializer.Serialize(r.Record.Links, Web)),
                Param(r.Record.Withdrawn), Param(r.Record.Sources.ToArray()), Jsonb(JsonSerializer.Serialize(r.Record.Provenance)))),
            reader => (Id: reader.GetString(0), Sequence: reader.GetInt64(1)),
            ct)).ToDictionary(c => c.Id, c => c.Sequence, StringComparer.Ordinal);

        return merged
            .Where(r => changed.ContainsKey(r.Record.Id))
            .Select(r => r.Record with { Sequence = changed[r.Record.Id], FetchedAt = fetchedAt, ParsedAt = now })
            .ToList();
    }

    /// <summary>The current merged records of <paramref name="ids"/> with their change sequence (e.g. to classify them again).</summary>
    public async Task<IReadOnlyList<PaperRecord>> LoadRecordsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var array = ids.ToArray();
        var sequences = (await db.ExecuteBatchAsync(
            [new NpgsqlBatchCommand("SELECT id, sequence FROM parse.papers WHERE id = ANY($1)").WithParameters(Param(array))],
            r => (Id: r.GetString(0), Sequence: r.GetInt64(1)),
            ct)).ToDictionary(r => r.Id, r => r.Sequence, StringComparer.Ordinal);
        return (await LoadViewsAsync(array, ct))
            .Select(g => ToRecord(g.Value).Record with { Sequence = sequences.GetValueOrDefault(g.Key) })
            .ToList();
    }

    /// <summary>The kept views of each paper, by paper id in ordinal order.</summary>
    private async Task<SortedDictionary<string, List<PaperObservation>>> LoadViewsAsync(string[] ids, CancellationToken ct)
    {
        var rows = await db.ExecuteBatchAsync(
            [new NpgsqlBatchCommand(LoadSourcesSql).WithParameters(Param(ids))],
            r => new PaperObservation(
                r.GetString(1), JsonSerializer.Deserialize<ParsedPaper>(r.GetString(2), Web)!,
                r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), r.GetGuid(5)),
            ct);
        var views = new SortedDictionary<string, List<PaperObservation>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!views.TryGetValue(row.PaperId, out var list))
            {
                views[row.PaperId] = list = [];
            }

            list.Add(row);
        }

        return views;
    }

    /// <summary>
    /// The wire record of the merge of one paper's kept views (<see cref="Observations.Merge"/>), with provenance by
    /// source id (the merger speaks of formats) and a hash of every normalized field: a different hash is a material
    /// change. <see cref="PaperRecord.SourceId"/> is the source of the newest observation; sources are listed in
    /// ordinal order, so the record depends on the set of views only.
    /// </summary>
    public static (PaperRecord Record, ParsedPaper Raw) ToRecord(IReadOnlyList<PaperObservation> views)
    {
        var canonical = Observations.Canonical(views);
        var paper = Observations.Merge(canonical);
        // When two sources share a format, the one with the newest observation has the credit.
        string SourceOf(string format) => canonical.FirstOrDefault(v => v.Record.SourceFormat == format)?.SourceId ?? format;
        var hash = Hash(JsonSerializer.Serialize(paper with { FieldSources = paper.FieldSources.ToDictionary(f => f.Key, f => SourceOf(f.Value), StringComparer.Ordinal) }, Web));
        var record = new PaperRecord
        {
            Id = paper.Id,
            Version = paper.Version,
            Title = paper.Title,
            Abstract = paper.Abstract,
            Authors = paper.Authors,
            ArxivPublishedAt = paper.ArxivPublishedAt,
            ListedAt = paper.ListedAt,
            Upvotes = paper.Upvotes,
            GithubRepo = paper.GithubRepo,
            ProjectPage = paper.ProjectPage,
            Keywords = paper.Keywords,
            Updated = paper.Updated,
            Versions = paper.Versions.Select(v => new PaperVersionInfo { Version = v.Version, Date = v.Date }).ToList(),
            Categories = paper.Categories,
            PrimaryCategory = paper.PrimaryCategory,
            OtherClassifications = paper.OtherClassifications,
            Dois = paper.Dois,
            JournalRef = paper.JournalRef,
            License = paper.License,
            Comments = paper.Comments,
            Links = new PaperLinkSet { Code = paper.Links.Code, HuggingFace = paper.Links.HuggingFace, Project = paper.Links.Project },
            Withdrawn = paper.Withdrawn || paper.Deleted,
            SourceId = canonical[0].SourceId,
            Sources = canonical.Select(v => v.SourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Provenance = paper.FieldSources.ToDictionary(f => f.Key, f => SourceOf(f.Value), StringComparer.Ordinal),
            ContentHash = hash,
        };
        return (record, paper);
    }

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..32];
}
