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
    private const string UpsertSql = """
        INSERT INTO classify.enrichments (paper_id, enrichment_version, paper_hash, topics, code_urls, hugging_face_urls, enrichment_hash, classified_at, trace_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (paper_id) DO UPDATE SET
            enrichment_version = EXCLUDED.enrichment_version, paper_hash = EXCLUDED.paper_hash, topics = EXCLUDED.topics,
            code_urls = EXCLUDED.code_urls, hugging_face_urls = EXCLUDED.hugging_face_urls, enrichment_hash = EXCLUDED.enrichment_hash,
            classified_at = EXCLUDED.classified_at, trace_id = EXCLUDED.trace_id
        WHERE classify.enrichments.enrichment_hash <> EXCLUDED.enrichment_hash
        RETURNING paper_id
        """;

    public async Task<IReadOnlyList<ClassifiedPaper>> UpsertAsync(IReadOnlyList<ClassifiedPaper> papers, string? traceId, CancellationToken ct)
    {
        var rows = papers
            .GroupBy(p => p.Paper.Id, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(p => p.Paper.Id, StringComparer.Ordinal)
            .ToList();
        var now = clock.GetUtcNow();
        var changed = (await db.ExecuteBatchAsync(
            rows.Select(p => new NpgsqlBatchCommand(UpsertSql).WithParameters(
                Param(p.Paper.Id), Param(p.Enrichment.EnrichmentVersion), Param(p.Paper.ContentHash),
                Jsonb(JsonSerializer.Serialize(p.Enrichment.Topics)), Jsonb(JsonSerializer.Serialize(p.Enrichment.CodeUrls)),
                Jsonb(JsonSerializer.Serialize(p.Enrichment.HuggingFaceUrls)), Param(Hash(p)), Param(now), Param(traceId))),
            reader => reader.GetString(0),
            ct)).ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => changed.Contains(r.Paper.Id)).ToList();
    }

    private static string Hash(ClassifiedPaper paper) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { paper.Paper.ContentHash, paper.Enrichment })))[..32];
}
