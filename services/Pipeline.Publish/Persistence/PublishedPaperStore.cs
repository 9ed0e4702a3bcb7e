using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Publishing;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Publish.Persistence;

/// <summary>
/// Writes the final paper records and decides what is news: a paper seen for the first time is
/// <see cref="PaperPublished"/>; a material change (<see cref="MaterialChanges"/>) is <see cref="PaperUpdated"/> with
/// the changed fields, or <see cref="PaperWithdrawn"/> when the paper became withdrawn; anything else only refreshes
/// the stored record. Papers are locked per id (advisory, in id order) for the transaction, so several instances
/// and any message order give one revision sequence per paper: a classified paper whose Parse sequence
/// (<see cref="PaperRecord.Sequence"/>) or arXiv version is lower than the stored one is late and changes nothing. Each
/// published revision gets a row in <c>publish.revisions</c> (when it was fetched, parsed, classified and published).
/// Related-paper lists are derived data: they refresh the stored record silently and go out as
/// <see cref="RelatedPapersUpdated"/>, never as a revision.
/// </summary>
public sealed class PublishedPaperStore(PublishDbContext db, TimeProvider clock)
{
    /// <summary>The record is stored as downstream readers get it: camelCase, like the event on the wire.</summary>
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private const string LockSql = "SELECT count(pg_advisory_xact_lock(hashtextextended('publish:' || id, 0))) FROM (SELECT unnest($1::text[]) AS id ORDER BY 1) ids";

    private const string LoadSql = "SELECT paper_id, revision, content_hash, record::text, kind, parse_sequence FROM publish.papers WHERE paper_id = ANY($1)";

    private const string UpsertSql = """
        INSERT INTO publish.papers (paper_id, revision, content_hash, material_hash, kind, title, topics, has_code, arxiv_published_at,
            listed_at, record, first_published_at, last_published_at, trace_id, abstract, authors, base_models, benchmarks, source_ids,
            parse_sequence, first_fetched_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, $17, $18, $19, $20)
        ON CONFLICT (paper_id) DO UPDATE SET
            revision = EXCLUDED.revision, content_hash = EXCLUDED.content_hash, material_hash = EXCLUDED.material_hash,
            kind = EXCLUDED.kind, title = EXCLUDED.title, topics = EXCLUDED.topics, has_code = EXCLUDED.has_code,
            arxiv_published_at = EXCLUDED.arxiv_published_at, listed_at = EXCLUDED.listed_at, record = EXCLUDED.record,
            last_published_at = CASE WHEN EXCLUDED.revision <> publish.papers.revision THEN EXCLUDED.last_published_at ELSE publish.papers.last_published_at END,
            trace_id = coalesce(EXCLUDED.trace_id, publish.papers.trace_id), abstract = EXCLUDED.abstract, authors = EXCLUDED.authors,
            base_models = EXCLUDED.base_models, benchmarks = EXCLUDED.benchmarks, source_ids = EXCLUDED.source_ids,
            parse_sequence = GREATEST(publish.papers.parse_sequence, EXCLUDED.parse_sequence)
        """;

    private const string RevisionSql = """
        INSERT INTO publish.revisions (paper_id, revision, kind, changes, published_at, fetched_at, parsed_at, classified_at, trace_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (paper_id, revision) DO NOTHING
        """;

    /// <summary>The stored record's <c>related</c> field, refreshed without a new revision (feeds do not move).</summary>
    private const string RefreshRelatedSql = "UPDATE publish.papers SET record = jsonb_set(record, '{related}', $2) WHERE paper_id = $1";

    private const string RelatedUpsertSql = """
        INSERT INTO publish.related (paper_id, related, model, computed_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (paper_id) DO UPDATE SET related = EXCLUDED.related, model = EXCLUDED.model, computed_at = EXCLUDED.computed_at
        WHERE publish.related.computed_at <= EXCLUDED.computed_at
        RETURNING paper_id
        """;

    /// <summary>Stores classified papers; returns the events for those that are new or materially changed.</summary>
    public async Task<IReadOnlyList<OutgoingPaperEvent>> UpsertAsync(IReadOnlyList<ClassifiedPaper> papers, string? traceId, CancellationToken ct)
    {
        // Within a batch, the highest Parse sequence of a paper wins (the last one among equals).
        var latest = papers
            .GroupBy(p => p.Paper.Id, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Paper.Sequence).Last())
            .ToList();
        var ids = latest.Select(p => p.Paper.Id).ToArray();
        await LockAsync(ids, ct);
        var related = await LoadRelatedAsync(ids, ct);
        var now = clock.GetUtcNow();
        var candidates = latest
            .Select(p => new Candidate(
                ToEvent(p, now) with { Related = related.GetValueOrDefault(p.Paper.Id, []) },
                ContentHash(p),
                p))
            .ToList();
        return await ApplyAsync(candidates, await LoadAsync(ids, ct), traceId, now, ct);
    }

    /// <summary>
    /// Stores related-paper lists (a list computed earlier than the stored one changes nothing) and refreshes the
    /// <c>related</c> field of the stored records silently: no revision, <c>last_published_at</c> unchanged, no paper
    /// event. Returns a <see cref="RelatedPapersUpdated"/> for each published paper whose list now names other papers.
    /// </summary>
    public async Task<IReadOnlyList<RelatedPapersUpdated>> ApplyRelatedAsync(IReadOnlyList<PaperRelations> relations, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var latest = relations
            .GroupBy(r => r.PaperId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.ComputedAt ?? now).Last())
            .ToDictionary(r => r.PaperId, StringComparer.Ordinal);
        var ids = latest.Keys.ToArray();
        await LockAsync(ids, ct);
        // A list computed earlier than the stored one (messages can arrive in any order) changes nothing.
        var applied = (await db.ExecuteBatchAsync(
            latest.Values.Select(r => new NpgsqlBatchCommand(RelatedUpsertSql).WithParameters(
                Param(r.PaperId), Jsonb(JsonSerializer.Serialize(r.Related.Select(x => new { x.PaperId, x.Similarity }), Web)), Param(r.Model), Param(r.ComputedAt ?? now))),
            r => r.GetString(0),
            ct)).ToArray();

        var existing = await LoadAsync(applied, ct);
        var published = existing.Keys.ToArray();
        var related = await LoadRelatedAsync(published, ct);
        await db.ExecuteBatchAsync(
            published.Select(id => new NpgsqlBatchCommand(RefreshRelatedSql).WithParameters(
                Param(id), Jsonb(JsonSerializer.Serialize(related.GetValueOrDefault(id, []), Web)))),
            _ => 0,
            ct);

        var updates = new List<RelatedPapersUpdated>();
        foreach (var id in published.Order(StringComparer.Ordinal))
        {
            var list = related.GetValueOrDefault(id, []);
            var relatedIds = RelatedIds(list);
            if (RelatedIds(existing[id].Record.Related).SequenceEqual(relatedIds, StringComparer.Ordinal))
            {
                continue; // the same papers (at most their similarities moved): nothing to tell
            }

            var computed = latest[id];
            var computedAt = computed.ComputedAt ?? now;
            updates.Add(new RelatedPapersUpdated
            {
                IdempotencyKey = RelatedIdempotencyKey(id, computedAt, relatedIds),
                PaperId = id,
                Model = computed.Model,
                ComputedAt = computedAt,
                Related = list,
                Topics = [.. existing[id].Record.Topics.Select(t => t.Id).Distinct(StringComparer.Ordinal)],
            });
        }

        return updates;
    }

    private static List<string> RelatedIds(IEnumerable<RelatedPaperRef> related) =>
        [.. related.Select(r => r.PaperId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary><c>{paperId}:related:{computedAt, Unix ms}:{hash of the ids}</c>: the same for every copy of one list.</summary>
    public static string RelatedIdempotencyKey(string paperId, DateTimeOffset computedAt, IEnumerable<string> ids) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{paperId}:related:{computedAt.ToUnixTimeMilliseconds()}:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ids))))[..8]}");

    // existing: the stored records of the candidates, read under their locks by the caller.
    private async Task<IReadOnlyList<OutgoingPaperEvent>> ApplyAsync(List<Candidate> candidates, Dictionary<string, Existing> existing, string? traceId, DateTimeOffset now, CancellationToken ct)
    {
        var writes = new List<(PaperEvent Event, string ContentHash, string Kind, DateTimeOffset FirstPublishedAt, long Sequence, DateTimeOffset? FirstFetchedAt)>();
        var events = new List<OutgoingPaperEvent>();
        foreach (var candidate in candidates.OrderBy(c => c.Event.PaperId, StringComparer.Ordinal))
        {
            var current = candidate.Event;
            var sequence = candidate.Source.Paper.Sequence;
            if (!existing.TryGetValue(current.PaperId, out var previous))
            {
                var first = Stamp(current, 1, [], current.Withdrawn ? PaperEvents.Withdrawn : PaperEvents.Published, now);
                writes.Add((first, candidate.ContentHash, PaperEvents.KindOf(first), now, sequence, candidate.Source.Paper.FetchedAt));
                events.Add(new OutgoingPaperEvent(first, OutgoingPaperEvent.KeysFor(first, previous: null)));
                continue;
            }

            if (sequence < previous.Sequence)
            {
                // Parse numbered a later change of this paper already: this message is late and would move it back.
                continue;
            }

            if (current.Version < previous.Record.Version)
            {
                // A late message carrying an older version of the paper (messages can arrive in any order): stale.
                continue;
            }

            var changes = MaterialChanges.Between(previous.Record, current);
            if (changes.Count == 0)
            {
                if (previous.ContentHash != candidate.ContentHash || sequence > previous.Sequence)
                {
                    // Fresher non-material fields (upvotes, keywords, provenance…): stored, not announced.
                    var refreshed = current with
                    {
                        Revision = previous.Record.Revision,
                        IdempotencyKey = previous.Record.IdempotencyKey,
                        Changes = previous.Record.Changes,
                        PublishedAt = previous.Record.PublishedAt,
                    };
                    writes.Add((As(refreshed, previous.Kind), candidate.ContentHash, previous.Kind, previous.Record.PublishedAt, sequence, null));
                }

                continue;
            }

            var kind = current.Withdrawn && !previous.Record.Withdrawn ? PaperEvents.Withdrawn : PaperEvents.Updated;
            var next = Stamp(current, previous.Record.Revision + 1, changes, kind, now);
            writes.Add((next, candidate.ContentHash, kind, now, sequence, null));
            events.Add(new OutgoingPaperEvent(next, OutgoingPaperEvent.KeysFor(next, previous.Record)));
        }

        var sources = candidates.ToDictionary(c => c.Event.PaperId, c => c.Source, StringComparer.Ordinal);

        await db.ExecuteBatchAsync(
            writes.Select(w => new NpgsqlBatchCommand(UpsertSql).WithParameters(
                Param(w.Event.PaperId), Param(w.Event.Revision), Param(w.ContentHash), Param(MaterialChanges.Hash(w.Event)), Param(w.Kind),
                Param(w.Event.Title), Param(w.Event.Topics.Select(t => t.Id).ToArray()), Param(w.Event.CodeUrls.Count > 0),
                Param(w.Event.ArxivPublishedAt), Param(w.Event.ListedAt), Jsonb(Serialize(w.Event)), Param(w.FirstPublishedAt), Param(traceId),
                Param(w.Event.Abstract), Jsonb(JsonSerializer.Serialize(w.Event.Authors)),
                Param(w.Event.BaseModels.Select(m => m.Family).Distinct(StringComparer.Ordinal).ToArray()),
                Param(w.Event.Benchmarks.Select(b => b.Canonical).Distinct(StringComparer.Ordinal).ToArray()),
                Param((w.Event.Sources.Count > 0 ? w.Event.Sources : [w.Event.SourceId]).ToArray()),
                Param(w.Sequence), Param(w.FirstFetchedAt)))
            // One row per new revision, in the same transaction as the paper row.
            .Concat(events.Select(e => e.Event).Select(e => new NpgsqlBatchCommand(RevisionSql).WithParameters(
                Param(e.PaperId), Param(e.Revision), Param(PaperEvents.KindOf(e)), Param(e.Changes.ToArray()), Param(e.PublishedAt),
                Param(sources[e.PaperId].Paper.FetchedAt), Param(sources[e.PaperId].Paper.ParsedAt), Param(sources[e.PaperId].ClassifiedAt),
                Param(traceId)))),
            _ => 0,
            ct);
        return events;
    }

    /// <summary>The event of this revision: kind, revision, changes, its idempotency key and publication time.</summary>
    private static PaperEvent Stamp(PaperEvent paper, int revision, IReadOnlyList<string> changes, string kind, DateTimeOffset now) =>
        As(paper with
        {
            Revision = revision,
            Changes = changes,
            IdempotencyKey = IdempotencyKey(paper, revision),
            PublishedAt = now,
        }, kind);

    /// <summary>
    /// <c>{paperId}:v{version}:{enrichmentVersion}:r{revision}</c>: paper, version and enrichment version name the
    /// content; the revision makes each publication unique even when content returns to an earlier state.
    /// </summary>
    public static string IdempotencyKey(PaperEvent paper, int revision) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{paper.PaperId}:v{paper.Version ?? 0}:{paper.EnrichmentVersion}:r{revision}");

    /// <summary>The same content as the event type of <paramref name="kind"/>.</summary>
    public static PaperEvent As(PaperEvent paper, string kind) => kind switch
    {
        PaperEvents.Withdrawn => Copy<PaperWithdrawn>(paper),
        PaperEvents.Updated => Copy<PaperUpdated>(paper),
        _ => Copy<PaperPublished>(paper),
    };

    private static T Copy<T>(PaperEvent paper) where T : PaperEvent =>
        paper as T ?? JsonSerializer.Deserialize<T>(Serialize(paper), Web)!;

    /// <summary>Serialized with its runtime type, camelCase, as on the wire.</summary>
    public static string Serialize(PaperEvent paper) => JsonSerializer.Serialize(paper, paper.GetType(), Web);

    /// <summary>Reads a stored record as the event of <paramref name="kind"/>.</summary>
    public static PaperEvent Deserialize(string json, string kind) => kind switch
    {
        PaperEvents.Withdrawn => JsonSerializer.Deserialize<PaperWithdrawn>(json, Web)!,
        PaperEvents.Updated => JsonSerializer.Deserialize<PaperUpdated>(json, Web)!,
        _ => JsonSerializer.Deserialize<PaperPublished>(json, Web)!,
    };

    private async Task LockAsync(string[] ids, CancellationToken ct) =>
        await db.ExecuteBatchAsync([new NpgsqlBatchCommand(LockSql).WithParameters(Param(ids))], _ => 0, ct);

    private async Task<Dictionary<string, Existing>> LoadAsync(string[] ids, CancellationToken ct) =>
        (await db.ExecuteBatchAsync(
            [new NpgsqlBatchCommand(LoadSql).WithParameters(Param(ids))],
            r => new Existing(Deserialize(r.GetString(3), r.GetString(4)), r.GetString(2), r.GetString(4), r.GetInt64(5)),
            ct)).ToDictionary(e => e.Record.PaperId, StringComparer.Ordinal);

    /// <summary>Each paper's stored related list, with titles from the published records.</summary>
    private async Task<Dictionary<string, IReadOnlyList<RelatedPaperRef>>> LoadRelatedAsync(string[] ids, CancellationToken ct)
    {
        const string sql = """
            SELECT r.paper_id, x.item->>'paperId', coalesce(p.title, ''), (x.item->>'similarity')::double precision
            FROM publish.related r
            CROSS JOIN LATERAL jsonb_array_elements(r.related) WITH ORDINALITY AS x(item, n)
            LEFT JOIN publish.papers p ON p.paper_id = x.item->>'paperId'
            WHERE r.paper_id = ANY($1)
            ORDER BY r.paper_id, x.n
            """;
        var rows = await db.ExecuteBatchAsync(
            [new NpgsqlBatchCommand(sql).WithParameters(Param(ids))],
            r => (Owner: r.GetString(0), Related: new RelatedPaperRef(r.GetString(1), r.GetString(2), r.GetDouble(3))),
            ct);
        return rows.GroupBy(r => r.Owner, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RelatedPaperRef>)g.Select(r => r.Related).ToList(), StringComparer.Ordinal);
    }

    public static PaperEvent ToEvent(ClassifiedPaper classified, DateTimeOffset now)
    {
        var (paper, enrichment) = (classified.Paper, classified.Enrichment);
        return new PaperPublished
        {
            IdempotencyKey = "",
            PaperId = paper.Id,
            Revision = 0,
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
    private static string ContentHash(ClassifiedPaper paper) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { paper.Paper.ContentHash, Enrichment = paper.Enrichment with { EnrichmentVersion = "" } })))[..32];

    private sealed record Candidate(PaperEvent Event, string ContentHash, ClassifiedPaper Source);

    private sealed record Existing(PaperEvent Record, string ContentHash, string Kind, long Sequence);
}
