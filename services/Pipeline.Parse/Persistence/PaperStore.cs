using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;
using Pipeline.Contracts;
using Pipeline.Parsing;

namespace Pipeline.Parse.Persistence;

/// <summary>Reads fetched documents (the claim check) and upserts papers, reporting which ones changed.</summary>
public sealed class PaperStore(ParseDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The stored payload of a fetched document, uncompressed. <c>fetcher.documents</c> is Fetch's published
    /// claim-check store: Parse reads it by key and never writes there.
    /// </summary>
    public async Task<(byte[] Content, string SourceId)?> LoadDocumentAsync(Guid documentId, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT content, source_id FROM fetcher.documents WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var compressed = (byte[])reader[0];
        return (Gzip.Decompress(compressed), reader.GetString(1));
    }

    /// <summary>
    /// Inserts new papers and updates those whose normalized content changed, in the current transaction.
    /// Returns the papers that were inserted or changed; unchanged ones are left alone.
    /// </summary>
    public async Task<IReadOnlyList<PaperRecord>> UpsertAsync(IReadOnlyList<ParsedPaper> papers, string sourceId, Guid documentId, string? traceId, CancellationToken ct)
    {
        // One statement per paper in one round trip; sorted so concurrent documents lock rows in the same order,
        // de-duplicated because a payload may list a paper twice (the later entry wins).
        var records = papers
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .Select(g => g.Last())
            .Select(p => (Parsed: p, Record: ToRecord(p, sourceId)))
            .OrderBy(p => p.Parsed.Id, StringComparer.Ordinal)
            .ToList();
        if (records.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var changed = (await db.ExecuteBatchAsync(
            records.Select(r => new NpgsqlBatchCommand(UpsertSql).WithParameters(
                Param(r.Parsed.Id), Param(r.Parsed.Version), Param(r.Parsed.Title), Param(r.Parsed.TitleRaw),
                Param(r.Parsed.Abstract), Param(r.Parsed.AbstractRaw), Jsonb(JsonSerializer.Serialize(r.Parsed.Authors)),
                Param(r.Parsed.ArxivPublishedAt), Param(r.Parsed.ListedAt), Param(r.Parsed.Upvotes), Param(r.Parsed.GithubRepo),
                Param(r.Parsed.ProjectPage), Jsonb(JsonSerializer.Serialize(r.Parsed.Keywords)), Param(sourceId), Param(documentId),
                Param(r.Record.ContentHash), Param(now), Param(traceId))),
            reader => reader.GetString(0),
            ct)).ToHashSet(StringComparer.Ordinal);

        return records.Where(r => changed.Contains(r.Parsed.Id)).Select(r => r.Record).ToList();
    }

    private const string UpsertSql = """
        INSERT INTO parse.papers (id, version, title, title_raw, abstract, abstract_raw, authors, arxiv_published_at, listed_at,
            upvotes, github_repo, project_page, keywords, source_id, document_id, content_hash, first_seen_at, updated_at, trace_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18)
        ON CONFLICT (id) DO UPDATE SET
            version = EXCLUDED.version, title = EXCLUDED.title, title_raw = EXCLUDED.title_raw, abstract = EXCLUDED.abstract,
            abstract_raw = EXCLUDED.abstract_raw, authors = EXCLUDED.authors, arxiv_published_at = EXCLUDED.arxiv_published_at,
            listed_at = EXCLUDED.listed_at, upvotes = EXCLUDED.upvotes, github_repo = EXCLUDED.github_repo,
            project_page = EXCLUDED.project_page, keywords = EXCLUDED.keywords, source_id = EXCLUDED.source_id,
            document_id = EXCLUDED.document_id, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at,
            trace_id = EXCLUDED.trace_id
        WHERE parse.papers.content_hash <> EXCLUDED.content_hash
        RETURNING id
        """;

    /// <summary>The wire record, with a hash of every normalized field: a different hash is a material change.</summary>
    public static PaperRecord ToRecord(ParsedPaper paper, string sourceId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(paper)))[..32];
        return new PaperRecord
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
            SourceId = sourceId,
            ContentHash = hash,
        };
    }
}
