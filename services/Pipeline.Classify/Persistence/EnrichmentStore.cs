using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Classify.Persistence;

/// <summary>Upserts enrichments, reporting which papers' enrichment is new or changed.</summary>
public sealed class EnrichmentStore(ClassifyDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    // The version is stored on every row, but only a different result is a change worth passing on: a new
    // classifier or taxonomy that gives a paper the same enrichment publishes nothing. A paper record older than the
    // one stored (a lower Parse sequence: a late or redelivered message) changes nothing and goes no further.
    private const string UpsertSql = """
        WITH prev AS (SELECT enrichment_hash FROM classify.enrichments WHERE paper_id = $1)
        INSERT INTO classify.enrichments (paper_id, enrichment_version, paper_hash, topics, code_urls, hugging_face_urls, enrichment_hash, classified_at, trace_id, enrichment, paper_sequence)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (paper_id) DO UPDATE SET
            enrichment_version = EXCLUDED.enrichment_version, paper_hash = EXCLUDED.paper_hash, topics = EXCLUDED.topics,
            code_urls = EXCLUDED.code_urls, hugging_face_urls = EXCLUDED.hugging_face_urls, enrichment_hash = EXCLUDED.enrichment_hash,
            classified_at = CASE WHEN classify.enrichments.enrichment_hash <> EXCLUDED.enrichment_hash THEN EXCLUDED.classified_at ELSE classify.enrichments.classified_at END,
            trace_id = CASE WHEN classify.enrichments.enrichment_hash <> EXCLUDED.enrichment_hash THEN EXCLUDED.trace_id ELSE classify.enrichments.trace_id END,
            enrichment = EXCLUDED.enrichment, paper_sequence = EXCLUDED.paper_sequence
        WHERE classify.enrichments.paper_sequence <= EXCLUDED.paper_sequence
        RETURNING paper_id, (SELECT enrichment_hash FROM prev) IS DISTINCT FROM $7
        """;

    public async Task<IReadOnlyList<ClassifiedPaper>> UpsertAsync(IReadOnlyList<ClassifiedPaper> papers, string? traceId, CancellationToken ct)
    {
        var rows = papers
            .GroupBy(p => p.Paper.Id, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.Paper.Sequence)!)
            .OrderBy(p => p.Paper.Id, StringComparer.Ordinal)
            .ToList();
        var now = clock.GetUtcNow();
        var changed = (await db.ExecuteBatchAsync(
            rows.Select(p => new NpgsqlBatchCommand(UpsertSql).WithParameters(
                Param(p.Paper.Id), Param(p.Enrichment.EnrichmentVersion), Param(p.Paper.ContentHash),
                Jsonb(JsonSerializer.Serialize(p.Enrichment.Topics)), Jsonb(JsonSerializer.Serialize(p.Enrichment.CodeUrls)),
                Jsonb(JsonSerializer.Serialize(p.Enrichment.HuggingFaceUrls)), Param(Hash(p)), Param(now), Param(traceId),
                Jsonb(JsonSerializer.Serialize(p.Enrichment, Web)), Param(p.Paper.Sequence))),
            reader => (Id: reader.GetString(0), Changed: reader.GetBoolean(1)),
            ct)).Where(r => r.Changed).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => changed.Contains(r.Paper.Id)).ToList();
    }

    /// <summary>Hash of the paper's content and its enrichment, without the classifier version.</summary>
    public static string Hash(ClassifiedPaper paper) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { paper.Paper.ContentHash, Enrichment = paper.Enrichment with { EnrichmentVersion = "" } })))[..32];
}
