using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pipeline.Contracts;
using Pipeline.Embed.Lane;
using Pipeline.Persistence;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Embed.Persistence;

/// <summary>A claimed unit of work: one paper's text to embed.</summary>
public sealed record PendingWork(string PaperId, string TextHash, string Title, string Abstract, string? TraceParent, int Attempts);

/// <summary>A paper's text to record as pending.</summary>
public sealed record PaperText(string PaperId, string Title, string Abstract);

/// <summary>The embed schema's SQL: pending work, embeddings and related lists. Works on the context's connection and transaction.</summary>
public sealed class EmbedStore(EmbedDbContext db)
{
    /// <summary>Serializes the relate step (store vectors, search, update lists) across instances; encoding stays parallel.</summary>
    private const long RelateLockKey = 0x656d_6265_645f_7265; // "embed_re"

    /// <summary>
    /// Adds or refreshes the pending row of each paper unless its current text is already embedded with this model;
    /// returns how many rows were written.
    /// </summary>
    public async Task<int> RecordPendingAsync(IReadOnlyList<PaperText> papers, string model, string? traceParent, DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO embed.pending (paper_id, text_hash, title, abstract, trace_parent, enqueued_at, next_attempt_at, attempts)
            SELECT $1, $2, $3, $4, $5, $6, $6, 0
            WHERE NOT EXISTS (SELECT 1 FROM embed.embeddings e WHERE e.paper_id = $1 AND e.text_hash = $2 AND e.model = $7)
            ON CONFLICT (paper_id) DO UPDATE SET
                text_hash = EXCLUDED.text_hash, title = EXCLUDED.title, abstract = EXCLUDED.abstract,
                trace_parent = EXCLUDED.trace_parent, enqueued_at = EXCLUDED.enqueued_at,
                next_attempt_at = EXCLUDED.next_attempt_at, attempts = 0, last_error = NULL
            WHERE embed.pending.text_hash <> EXCLUDED.text_hash
            RETURNING paper_id
            """;

        // One row per paper (the last wins), in key order so concurrent consumers lock rows in the same order.
        var rows = papers
            .GroupBy(p => p.PaperId, StringComparer.Ordinal)
            .Select(g => g.Last())
            .OrderBy(p => p.PaperId, StringComparer.Ordinal)
            .Select(p => (p.PaperId, Text: EmbedText.Compose(p.Title, p.Abstract), Title: Clean(p.Title), Abstract: Clean(p.Abstract)))
            .Where(p => p.Text.Length > 0)
            .ToList();
        var written = await db.ExecuteBatchAsync(
            rows.Select(p => new NpgsqlBatchCommand(sql).WithParameters(
                Param(p.PaperId), Param(EmbedText.Hash(p.Text)), Param(p.Title), Param(p.Abstract), Param(traceParent), Param(now), Param(model))),
            reader => reader.GetString(0),
            ct);
        return written.Count;
    }

    /// <summary>Forgets papers entirely (withdrawn): pending work, the embedding and, by cascade, every related link.</summary>
    public async Task ForgetAsync(IReadOnlyList<string> paperIds, CancellationToken ct)
    {
        if (paperIds.Count == 0)
        {
            return;
        }

        var ids = paperIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("DELETE FROM embed.pending WHERE paper_id = ANY($1)").WithParameters(Param(ids)),
                new NpgsqlBatchCommand("DELETE FROM embed.embeddings WHERE paper_id = ANY($1)").WithParameters(Param(ids)),
            ],
            _ => 0,
            ct);
    }

    /// <summary>Claims up to <paramref name="limit"/> due papers, oldest first; rows another instance holds are skipped.</summary>
    public Task<List<PendingWork>> ClaimAsync(int limit, CancellationToken ct) =>
        db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("""
                    SELECT paper_id, text_hash, title, abstract, trace_parent, attempts
                    FROM embed.pending
                    WHERE next_attempt_at <= now()
                    ORDER BY next_attempt_at, enqueued_at, paper_id
                    LIMIT $1
                    FOR UPDATE SKIP LOCKED
                    """).WithParameters(Param(limit)),
            ],
            r => new PendingWork(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5)),
            ct);

    /// <summary>Waits for other instances' relate steps; released at commit.</summary>
    public Task LockRelateAsync(CancellationToken ct) =>
        db.ExecuteBatchAsync([new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({RelateLockKey})")], _ => 0, ct);

    /// <summary>Upserts the vectors; the batch's papers lose their old related lists and their place in others' lists.</summary>
    public async Task StoreEmbeddingsAsync(IReadOnlyList<(PendingWork Work, float[] Vector, string? TraceId)> items, string model, DateTimeOffset now, CancellationToken ct)
    {
        const string upsert = """
            INSERT INTO embed.embeddings (paper_id, text_hash, model, vector, embedded_at, trace_id, related_incomplete)
            VALUES ($1, $2, $3, $4, $5, $6, true)
            ON CONFLICT (paper_id) DO UPDATE SET
                text_hash = EXCLUDED.text_hash, model = EXCLUDED.model, vector = EXCLUDED.vector,
                embedded_at = EXCLUDED.embedded_at, trace_id = EXCLUDED.trace_id, related_incomplete = true
            """;
        var ids = items.Select(i => i.Work.PaperId).ToArray();
        await db.ExecuteBatchAsync(
            [
                .. items.Select(i => new NpgsqlBatchCommand(upsert).WithParameters(
                    Param(i.Work.PaperId), Param(i.Work.TextHash), Param(model),
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real, Value = i.Vector },
                    Param(now), Param(i.TraceId))),
                new NpgsqlBatchCommand("DELETE FROM embed.related WHERE paper_id = ANY($1) OR related_id = ANY($1)").WithParameters(Param(ids)),
            ],
            _ => 0,
            ct);
    }

    /// <summary>
    /// pgvector: the <paramref name="candidates"/> nearest stored papers of each given paper by cosine distance over
    /// the HNSW index (<c>ORDER BY vec &lt;=&gt; … LIMIT</c>), itself excluded.
    /// </summary>
    public async Task<Dictionary<string, IReadOnlyList<Neighbour>>> SearchPgvectorAsync(string[] paperIds, int candidates, double minSimilarity, CancellationToken ct)
    {
        const string sql = """
            SELECT q.paper_id, n.paper_id, n.similarity
            FROM embed.embeddings q
            CROSS JOIN LATERAL (
                SELECT o.paper_id, 1 - (o.vec <=> q.vec) AS similarity
                FROM embed.embeddings o
                WHERE o.paper_id <> q.paper_id
                ORDER BY o.vec <=> q.vec
                LIMIT $2
            ) n
            WHERE q.paper_id = ANY($1)
            """;

        // The HNSW scan returns ef_search rows at most (40 by default): enough for the self-exclusion and the limit.
        var efSearch = Math.Max(40, candidates + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', $1, true)").WithParameters(Param(efSearch)),
                new NpgsqlBatchCommand(sql).WithParameters(Param(paperIds), Param(candidates)),
            ],
            r => r.FieldCount == 3 ? (Query: r.GetString(0), Neighbour: new Neighbour(r.GetString(1), Math.Clamp(r.GetDouble(2), -1, 1))) : default,
            ct);
        return rows
            .Where(r => r.Query is not null && r.Neighbour.Similarity > minSimilarity)
            .GroupBy(r => r.Query, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Neighbour>)g.Select(r => r.Neighbour).Order(Similarity.BestFirst).ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Fallback without pgvector: one scan over every stored vector for the whole batch, cosine in C#, a bounded
    /// top-k per query. Linear in the number of stored papers per batch.
    /// </summary>
    public async Task<Dictionary<string, IReadOnlyList<Neighbour>>> SearchFallbackAsync(IReadOnlyList<(string PaperId, float[] Vector)> queries, int candidates, double minSimilarity, CancellationToken ct)
    {
        var tops = queries.Select(q => new TopK(candidates, minSimilarity, q.PaperId)).ToArray();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var command = new NpgsqlCommand("SELECT paper_id, vector FROM embed.embeddings", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            var vector = reader.GetFieldValue<float[]>(1);
            for (var i = 0; i < queries.Count; i++)
            {
                if (queries[i].Vector.Length == vector.Length)
                {
                    tops[i].Offer(id, Similarity.Cosine(queries[i].Vector, vector));
                }
            }
        }

        return queries.Select((q, i) => (q.PaperId, Top: tops[i].Result()))
            .ToDictionary(x => x.PaperId, x => x.Top, StringComparer.Ordinal);
    }

    /// <summary>
    /// Papers (other than <paramref name="exclude"/>) whose related list is shorter than TopK, newest first: each new
    /// paper is offered to all of them, so the first papers of a database fill their lists as papers arrive.
    /// </summary>
    public Task<List<(string PaperId, float[] Vector)>> LoadIncompleteAsync(string[] exclude, int limit, CancellationToken ct) =>
        db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("""
                    SELECT paper_id, vector FROM embed.embeddings
                    WHERE related_incomplete AND paper_id <> ALL($1)
                    ORDER BY embedded_at DESC
                    LIMIT $2
                    """).WithParameters(Param(exclude), Param(limit)),
            ],
            r => (r.GetString(0), r.GetFieldValue<float[]>(1)),
            ct);

    /// <summary>
    /// Writes each paper's own list (its best <paramref name="topK"/>) and offers each paper to the lists of its
    /// candidates (and to <paramref name="offers"/>' owners), where it stays when it beats their current k-th; every
    /// touched list is cut back to k and its completeness recorded.
    /// </summary>
    public async Task WriteRelatedAsync(
        IReadOnlyDictionary<string, IReadOnlyList<Neighbour>> neighbours,
        IEnumerable<(string Owner, string Related, double Similarity)> offers,
        int topK,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var links = new Dictionary<(string, string), double>();
        foreach (var (paperId, list) in neighbours)
        {
            foreach (var n in list.Take(topK))
            {
                links[(paperId, n.PaperId)] = n.Similarity;
            }

            foreach (var n in list)
            {
                links.TryAdd((n.PaperId, paperId), n.Similarity);
            }
        }

        foreach (var (owner, related, similarity) in offers)
        {
            links.TryAdd((owner, related), similarity);
        }

        var ordered = links.OrderBy(l => l.Key.Item1, StringComparer.Ordinal).ThenBy(l => l.Key.Item2, StringComparer.Ordinal).ToList();
        var owners = ordered.Select(l => l.Key.Item1).Concat(neighbours.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("""
                    INSERT INTO embed.related (paper_id, related_id, similarity, computed_at)
                    SELECT l.paper_id, l.related_id, l.similarity, $4
                    FROM unnest($1::text[], $2::text[], $3::double precision[]) AS l(paper_id, related_id, similarity)
                    ON CONFLICT (paper_id, related_id) DO UPDATE SET similarity = EXCLUDED.similarity, computed_at = EXCLUDED.computed_at
                    """).WithParameters(
                        Param(ordered.Select(l => l.Key.Item1).ToArray()),
                        Param(ordered.Select(l => l.Key.Item2).ToArray()),
                        Param(ordered.Select(l => l.Value).ToArray()),
                        Param(now)),
                new NpgsqlBatchCommand("""
                    DELETE FROM embed.related r
                    USING (
                        SELECT paper_id, related_id,
                               row_number() OVER (PARTITION BY paper_id ORDER BY similarity DESC, related_id COLLATE "C") AS rank
                        FROM embed.related
                        WHERE paper_id = ANY($1)
                    ) ranked
                    WHERE r.paper_id = ranked.paper_id AND r.related_id = ranked.related_id AND ranked.rank > $2
                    """).WithParameters(Param(owners), Param(topK)),
                new NpgsqlBatchCommand("""
                    UPDATE embed.embeddings e
                    SET related_incomplete = (SELECT count(*) FROM embed.related r WHERE r.paper_id = e.paper_id) < $2
                    WHERE e.paper_id = ANY($1)
                    """).WithParameters(Param(owners), Param(topK)),
            ],
            _ => 0,
            ct);
    }

    /// <summary>The papers' own related lists, most similar first (what Publish carries in the event).</summary>
    public async Task<IReadOnlyList<PaperRelations>> LoadRelationsAsync(string[] paperIds, string model, DateTimeOffset computedAt, CancellationToken ct)
    {
        var rows = await db.ExecuteBatchAsync(
            [new NpgsqlBatchCommand("""
                SELECT paper_id, related_id, similarity FROM embed.related
                WHERE paper_id = ANY($1) ORDER BY paper_id, similarity DESC, related_id COLLATE "C"
                """).WithParameters(Param(paperIds))],
            r => (PaperId: r.GetString(0), Related: new RelatedPaperRef(r.GetString(1), "", Math.Round(r.GetDouble(2), 4))),
            ct);
        var lists = rows.GroupBy(r => r.PaperId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Related).ToList(), StringComparer.Ordinal);
        return paperIds.Order(StringComparer.Ordinal)
            .Select(id => new PaperRelations(id, model, lists.GetValueOrDefault(id) ?? [], computedAt))
            .ToList();
    }

    /// <summary>Removes the claimed rows (their text is what was embedded: they were locked throughout).</summary>
    public Task CompleteAsync(IReadOnlyList<PendingWork> work, CancellationToken ct) =>
        db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("DELETE FROM embed.pending WHERE paper_id = ANY($1)")
                    .WithParameters(Param(work.Select(w => w.PaperId).ToArray())),
            ],
            _ => 0,
            ct);

    /// <summary>After a failed batch: tries the papers again later, backing off exponentially (at most 10 minutes).</summary>
    public Task DeferAsync(IReadOnlyList<PendingWork> work, string error, CancellationToken ct) =>
        db.ExecuteBatchAsync(
            [
                new NpgsqlBatchCommand("""
                    UPDATE embed.pending
                    SET attempts = attempts + 1,
                        next_attempt_at = now() + least(interval '10 minutes', interval '2 seconds' * power(2, attempts)),
                        last_error = $2
                    WHERE paper_id = ANY($1)
                    """).WithParameters(Param(work.Select(w => w.PaperId).ToArray()), Param(error.Length > 2000 ? error[..2000] : error)),
            ],
            _ => 0,
            ct);

    private static string Clean(string? text) => (text ?? "").Replace("\0", "", StringComparison.Ordinal);
}
