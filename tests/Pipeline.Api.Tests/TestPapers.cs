using System.Text.Json;

namespace Pipeline.Api.Tests;

/// <summary>Papers written straight into <c>publish.papers</c> (the read model), e.g. an old-style id or a hostile title.</summary>
public static class TestPapers
{
    private static readonly string[] Authors = ["Test Author"];

    // A hostile link in the record: the dashboard must never turn it into an href.
    private static readonly string[] CodeUrls = ["javascript:alert(1)"];

    public static async Task InsertAsync(ApiFixture api, string id, string title, string @abstract, string[] topics, string[]? baseModels = null, string[]? benchmarks = null)
    {
        var record = JsonSerializer.Serialize(new
        {
            schemaVersion = 1,
            idempotencyKey = $"{id}:1:test",
            paperId = id,
            revision = 1,
            title,
            @abstract,
            authors = Authors,
            topics = topics.Select(t => new { id = t, score = 0.5, evidence = new[] { new { phrase = "test", field = "abstract", offset = 0 } } }),
            codeUrls = CodeUrls,
            huggingFaceUrls = Array.Empty<string>(),
            keywords = Array.Empty<string>(),
            sourceId = "test",
            enrichmentVersion = "test",
            abstractUrl = $"https://arxiv.org/abs/{id}",
            publishedAt = DateTimeOffset.UtcNow,
        });
        await api.Infrastructure.ExecuteAsync(
            """
            INSERT INTO publish.papers (paper_id, revision, content_hash, title, abstract, authors, topics, base_models, benchmarks, source_ids,
                has_code, arxiv_published_at, listed_at, record, first_published_at, last_published_at, trace_id)
            VALUES ($1, 1, 'test', $2, $3, '["Test Author"]'::jsonb, $4, $5, $6, ARRAY['test'], false, now(), now(), $7::jsonb, now(), now(), NULL)
            ON CONFLICT (paper_id) DO NOTHING
            """,
            id, title, @abstract, topics, baseModels ?? [], benchmarks ?? [], record);
    }
}
