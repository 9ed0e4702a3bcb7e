using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Publish.Persistence;

/// <summary>Writes the final paper records; only new or materially changed papers get a new revision.</summary>
public sealed class PublishedPaperStore(PublishDbContext db, TimeProvider clock)
{
    /// <summary>The record is stored as downstream readers get it: camelCase, like the event on the wire.</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string UpsertSql = """
        INSERT INTO publish.papers (paper_id, revision, content_hash, title, topics, has_code, arxiv_published_at, listed_at, record,
            first_published_at, last_published_at, trace_id, abstract, authors, base_models, benchmarks, source_ids)
        VALUES ($1, 1, $2, $3, $4, $5, $6, $7, 'null'::jsonb, $8, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (paper_id) DO UPDATE SET
            revision = publish.papers.revision + 1, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
            topics = EXCLUDED.topics, has_code = EXCLUDED.has_code, arxiv_published_at = EXCLUDED.arxiv_published_at,
            listed_at = EXCLUDED.listed_at, last_published_at = EXCLUDED.last_published_at, trace_id = EXCLUDED.trace_id,
            abstract = EXCLUDED.abstract, authors = EXCLUDED.authors, base_models = EXCLUDED.base_models,
            benchmarks = EXCLUDED.benchmarks, source_ids = EXCLUDED.source_ids
        WHERE publish.papers.content_hash <> EXCLUDED.content_hash
        RETURNING paper_id, revision
        """;

    private const string SetRecordSql = "UPDATE publish.papers SET record = $2 WHERE paper_id = $1";

    /// <summary>Stores the papers and returns the events to publish for those that are new or changed.</summary>
    public async Task<IReadOnlyList<PaperPublished>> UpsertAsync(IReadOnlyList<ClassifiedPaper> papers, string? traceId, CancellationToken ct)
    {
        var rows = papers
            .GroupBy(p => p.Paper.Id, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(p => p.Paper.Id, StringComparer.Ordinal)
            .Select(p => (Paper: p, Hash: Hash(p)))
            .ToList();
        var now = clock.GetUtcNow();
        var revisions = (await db.ExecuteBatchAsync(
            rows.Select(r => new NpgsqlBatchCommand(UpsertSql).WithParameters(
                Param(r.Paper.Paper.Id), Param(r.Hash), Param(r.Paper.Paper.Title),
                Param(r.Paper.Enrichment.Topics.Select(t => t.Id).ToArray()), Param(r.Paper.Enrichment.CodeUrls.Count > 0),
                Param(r.Paper.Paper.ArxivPublishedAt), Param(r.Paper.Paper.ListedAt), Param(now), Param(traceId),
                Param(r.Paper.Paper.Abstract), Jsonb(JsonSerializer.Serialize(r.Paper.Paper.Authors)),
                Param(r.Paper.Enrichment.BaseModels.Select(m => m.Family).Distinct(StringComparer.Ordinal).ToArray()),
                Param(r.Paper.Enrichment.Benchmarks.Select(b => b.Canonical).Distinct(StringComparer.Ordinal).ToArray()),
                Param((r.Paper.Paper.Sources.Count > 0 ? r.Paper.Paper.Sources : [r.Paper.Paper.SourceId]).ToArray()))),
            reader => (Id: reader.GetString(0), Revision: reader.GetInt32(1)),
            ct)).ToDictionary(r => r.Id, r => r.Revision, StringComparer.Ordinal);

        var events = rows
            .Where(r => revisions.ContainsKey(r.Paper.Paper.Id))
            .Select(r => ToEvent(r.Paper, revisions[r.Paper.Paper.Id], r.Hash, now))
            .ToList();
        await db.ExecuteBatchAsync(
            events.Select(e => new NpgsqlBatchCommand(SetRecordSql).WithParameters(Param(e.PaperId), Jsonb(JsonSerializer.Serialize(e, Web)))),
            _ => 0,
            ct);
        return events;
    }

    public static PaperPublished ToEvent(ClassifiedPaper classified, int revision, string hash, DateTimeOffset now)
    {
        var (paper, enrichment) = (classified.Paper, classified.Enrichment);
        return new PaperPublished
        {
            IdempotencyKey = $"{paper.Id}:{revision}:{hash[..12]}",
            PaperId = paper.Id,
            Revision = revision,
            Version = paper.Version,
            Title = paper.Title,
            Abstract = paper.Abstract,
            Authors = paper.Authors,
            ArxivPublishedAt = paper.ArxivPublishedAt,
            ListedAt = paper.ListedAt,
            Upvotes = paper.Upvotes,
            Topics = enrichment.Topics,
            CodeUrls = enrichment.CodeUrls,
            HuggingFaceUrls = enrichment.HuggingFaceUrls,
            BaseModels = enrichment.BaseModels,
            Benchmarks = enrichment.Benchmarks,
            Scores = enrichment.Scores,
            Improvements = enrichment.Improvements,
            Languages = enrichment.Languages,
            ParamSizes = enrichment.ParamSizes,
            Categories = paper.Categories,
            Versions = paper.Versions,
            Dois = paper.Dois,
            JournalRef = paper.JournalRef,
            License = paper.License,
            Withdrawn = paper.Withdrawn,
            Sources = paper.Sources,
            Provenance = paper.Provenance,
            ProjectPage = paper.ProjectPage,
            Keywords = paper.Keywords,
            SourceId = paper.SourceId,
            EnrichmentVersion = enrichment.EnrichmentVersion,
            AbstractUrl = $"https://arxiv.org/abs/{paper.Id}",
            PublishedAt = now,
        };
    }

    /// <summary>Hash of the paper's content and its enrichment, without the classifier version: a new classifier
    /// that gives the same result is not a new publication.</summary>
    private static string Hash(ClassifiedPaper paper) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { paper.Paper.ContentHash, Enrichment = paper.Enrichment with { EnrichmentVersion = "" } })))[..32];
}
