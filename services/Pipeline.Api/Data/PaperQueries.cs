using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Pipeline.Api.Data;

/// <summary>Filters of <c>GET /api/papers</c>; every one is optional.</summary>
public sealed record PaperFilter
{
    public string? Topic { get; init; }

    public string? Model { get; init; }

    public string? Benchmark { get; init; }

    public string? Source { get; init; }

    /// <summary>First day (UTC, inclusive) of the paper's arXiv date (the listing date when arXiv's is unknown).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (UTC, inclusive).</summary>
    public DateOnly? To { get; init; }

    public bool? HasCode { get; init; }

    /// <summary>Full-text query over title and abstract (web-search syntax: words, "phrases", or, -not).</summary>
    public string? Q { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    public bool IsEmpty => Topic is null && Model is null && Benchmark is null && Source is null && From is null && To is null && HasCode is null && string.IsNullOrWhiteSpace(Q);
}

public sealed record PaperSummary(
    string PaperId,
    string Title,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> BaseModels,
    IReadOnlyList<string> Benchmarks,
    IReadOnlyList<string> SourceIds,
    bool HasCode,
    DateTimeOffset? ArxivPublishedAt,
    DateTimeOffset? ListedAt,
    int Revision,
    DateTimeOffset LastPublishedAt,
    string AbstractExcerpt,
    double? Rank);

public sealed record PaperPage(IReadOnlyList<PaperSummary> Items, long Total, int Page, int PageSize);

public sealed record Evidence(string Phrase, string Field, int Offset);

public sealed record TopicScore(string Id, double Score, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// One step of a paper's way through the pipeline; <see cref="SincePrevious"/> is the time the step took. Stages are
/// <c>fetched</c>, <c>parsed</c>, <c>classified</c>, <c>published</c> (the first publication, revision 1), then one
/// step per later revision named by its kind (<c>updated</c>, <c>withdrawn</c>).
/// </summary>
public sealed record TimelineStep(string Stage, DateTimeOffset? At, TimeSpan? SincePrevious, string? Detail);

/// <summary>Where a field's value came from: the source (and document) for parsed fields, the classifier for enrichments.</summary>
public sealed record FieldProvenance(string Field, string Stage, string? Source, Guid? DocumentId);

/// <summary>A paper of the embedding lane's related list: title and topics as published (empty when it is not
/// published), and the cosine similarity of the two papers' embeddings.</summary>
public sealed record RelatedPaper(string PaperId, string Title, IReadOnlyList<string> Topics, double Similarity);

public sealed record StoredVersion(int? ArxivVersion, IReadOnlyList<JsonElement> ArxivVersions, int Revision, string ContentHash, DateTimeOffset FirstPublishedAt, DateTimeOffset LastPublishedAt);

public sealed record PaperDetail
{
    public required string PaperId { get; init; }

    public required string Title { get; init; }

    public required string Abstract { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public required StoredVersion Versions { get; init; }

    public required IReadOnlyList<TopicScore> Topics { get; init; }

    public required IReadOnlyList<string> BaseModels { get; init; }

    public required IReadOnlyList<string> Benchmarks { get; init; }

    public required IReadOnlyList<string> SourceIds { get; init; }

    public required bool HasCode { get; init; }

    public required IReadOnlyList<string> CodeUrls { get; init; }

    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }

    public required IReadOnlyList<string> Keywords { get; init; }

    public int? Upvotes { get; init; }

    public string? ProjectPage { get; init; }

    public string? AbstractUrl { get; init; }

    public string? EnrichmentVersion { get; init; }

    public DateTimeOffset? ArxivPublishedAt { get; init; }

    public DateTimeOffset? ListedAt { get; init; }

    public string? TraceId { get; init; }

    public string? TraceUrl { get; init; }

    public required IReadOnlyList<TimelineStep> Timeline { get; init; }

    /// <summary>Fetch to first publication (revision 1).</summary>
    public TimeSpan? EndToEnd { get; init; }

    public required IReadOnlyList<FieldProvenance> Provenance { get; init; }

    /// <summary>The embedding lane's related list, most similar first; empty while <see cref="RelatedPending"/>.</summary>
    public required IReadOnlyList<RelatedPaper> Related { get; init; }

    /// <summary>True while the embedding lane has not computed the paper's list yet.</summary>
    public bool RelatedPending { get; init; }

    /// <summary>Embedding model of the related list.</summary>
    public string? RelatedModel { get; init; }

    public DateTimeOffset? RelatedComputedAt { get; init; }

    public string? DocumentUrl { get; init; }

    public Guid? DocumentId { get; init; }

    /// <summary>The <c>PaperPublished</c> event body as last published.</summary>
    public JsonElement? Record { get; init; }
}

/// <summary>Reads of <c>publish.papers</c> (the read model), joined with the other stages for a paper's detail.</summary>
public sealed class PaperQueries(NpgsqlDataSource db, IOptions<ApiOptions> options)
{
    private const string SummaryColumns = """
        paper_id, title, authors::text, topics, base_models, benchmarks, source_ids, has_code, arxiv_published_at, listed_at,
        revision, last_published_at, left(abstract, 280)
        """;

    public async Task<PaperPage> SearchAsync(PaperFilter filter, CancellationToken ct)
    {
        var where = new StringBuilder("TRUE");
        var args = new List<object?>();
        string Arg(object? value, NpgsqlDbType? type = null)
        {
            args.Add(type is { } t ? new NpgsqlParameter { NpgsqlDbType = t, Value = value ?? DBNull.Value } : value);
            return "$" + args.Count.ToString(CultureInfo.InvariantCulture);
        }

        void ArrayContains(string column, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                where.Append(CultureInfo.InvariantCulture, $" AND {column} @> ARRAY[{Arg(value.Trim())}]::text[]");
            }
        }

        ArrayContains("topics", filter.Topic);
        ArrayContains("base_models", filter.Model);
        ArrayContains("benchmarks", filter.Benchmark);
        ArrayContains("source_ids", filter.Source);
        if (filter.From is { } from)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND COALESCE(arxiv_published_at, listed_at) >= {Arg(Day(from))}");
        }

        if (filter.To is { } to)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND COALESCE(arxiv_published_at, listed_at) < {Arg(Day(to.AddDays(1)))}");
        }

        if (filter.HasCode is { } hasCode)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND has_code = {Arg(hasCode)}");
        }

        var rank = "NULL::real";
        var order = "COALESCE(arxiv_published_at, listed_at) DESC NULLS LAST, paper_id";
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = Arg(filter.Q.Trim());
            where.Append(CultureInfo.InvariantCulture, $" AND search @@ websearch_to_tsquery('english', {q})");
            rank = $"ts_rank(search, websearch_to_tsquery('english', {q}))";
            order = "14 DESC, " + order; // the rank column
        }

        var filterArgs = args.ToArray();
        var total = await db.ScalarAsync<long>($"SELECT count(*) FROM publish.papers WHERE {where}", ct, filterArgs);
        var limit = Arg(filter.PageSize);
        var offset = Arg((long)(filter.Page - 1) * filter.PageSize);
        var items = await db.QueryAsync(
            $"SELECT {SummaryColumns}, {rank} FROM publish.papers WHERE {where} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            r => new PaperSummary(
                r.GetString(0), r.GetString(1), Authors(r.GetString(2)), r.Strings(3), r.Strings(4), r.Strings(5), r.Strings(6),
                r.GetBoolean(7), r.Opt<DateTimeOffset>(8), r.Opt<DateTimeOffset>(9), r.GetInt32(10), r.GetFieldValue<DateTimeOffset>(11),
                r.GetString(12), r.IsDBNull(13) ? null : Convert.ToDouble(r.GetValue(13), CultureInfo.InvariantCulture)),
            ct,
            [.. args]);
        return new PaperPage(items, total, filter.Page, filter.PageSize);
    }

    /// <summary>Distinct values for the filter drop-downs.</summary>
    public async Task<FilterValues> FilterValuesAsync(CancellationToken ct)
    {
        async Task<IReadOnlyList<string>> Distinct(string column) =>
            await db.QueryAsync($"SELECT DISTINCT v FROM publish.papers, unnest({column}) AS v ORDER BY v LIMIT 500", r => r.GetString(0), ct);
        return new FilterValues(await Distinct("topics"), await Distinct("base_models"), await Distinct("benchmarks"), await Distinct("source_ids"));
    }

    public async Task<PaperDetail?> GetAsync(string id, CancellationToken ct)
    {
        var rows = await db.QueryAsync(
            """
            SELECT pub.paper_id, pub.revision, pub.content_hash, pub.title, pub.abstract, pub.authors::text, pub.topics, pub.base_models,
                   pub.benchmarks, pub.source_ids, pub.has_code, pub.arxiv_published_at, pub.listed_at, pub.record::text,
                   pub.first_published_at, pub.last_published_at, pub.trace_id,
                   to_jsonb(p)::text, d.id, d.url, d.fetched_at, e.classified_at, e.enrichment_version,
                   pub.first_fetched_at, pub.kind
            FROM publish.papers pub
            LEFT JOIN parse.papers p ON p.id = pub.paper_id
            LEFT JOIN fetcher.documents d ON d.id = p.document_id
            LEFT JOIN classify.enrichments e ON e.paper_id = pub.paper_id
            WHERE pub.paper_id = $1
            """,
            r => new
            {
                Id = r.GetString(0),
                Revision = r.GetInt32(1),
                Hash = r.GetString(2),
                Title = r.GetString(3),
                Abstract = r.GetString(4),
                Authors = Authors(r.GetString(5)),
                Topics = r.Strings(6),
                BaseModels = r.Strings(7),
                Benchmarks = r.Strings(8),
                SourceIds = r.Strings(9),
                HasCode = r.GetBoolean(10),
                ArxivPublishedAt = r.Opt<DateTimeOffset>(11),
                ListedAt = r.Opt<DateTimeOffset>(12),
                Record = r.OptString(13),
                FirstPublishedAt = r.GetFieldValue<DateTimeOffset>(14),
                LastPublishedAt = r.GetFieldValue<DateTimeOffset>(15),
                TraceId = r.OptString(16),
                Parsed = r.OptString(17),
                DocumentId = r.Opt<Guid>(18),
                DocumentUrl = r.OptString(19),
                FetchedAt = r.Opt<DateTimeOffset>(20),
                ClassifiedAt = r.Opt<DateTimeOffset>(21),
                EnrichmentVersion = r.OptString(22),
                FirstFetchedAt = r.Opt<DateTimeOffset>(23),
                Kind = r.GetString(24),
            },
            ct,
            id);
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        using var recordDoc = row.Record is null ? null : JsonDocument.Parse(row.Record);
        var record = recordDoc?.RootElement is { ValueKind: JsonValueKind.Object } rec ? rec.Clone() : (JsonElement?)null;
        using var parsedDoc = row.Parsed is null ? null : JsonDocument.Parse(row.Parsed);
        var parsed = parsedDoc?.RootElement;

        var parsedAt = parsed is { } pp && pp.TryGetProperty("updated_at", out var u) && u.ValueKind == JsonValueKind.String ? u.GetDateTimeOffset() : (DateTimeOffset?)null;
        var parseSource = parsed is { } ps && ps.TryGetProperty("source_id", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        // The first publication from its revision row; papers published before revisions were recorded fall back to
        // what the stages hold now, when it is not later than the first publication (else it belongs to a later change).
        var revisions = await RevisionsAsync(row.Id, ct);
        var first = revisions.FirstOrDefault(r => r.Revision == 1);
        DateTimeOffset? NotAfterFirst(DateTimeOffset? at) => at <= row.FirstPublishedAt ? at : null;
        var fetchedAt = first?.FetchedAt ?? row.FirstFetchedAt ?? NotAfterFirst(row.FetchedAt);
        var firstPublishedAt = first?.PublishedAt ?? row.FirstPublishedAt;
        var steps = new List<(string Stage, DateTimeOffset? At, string? Detail)>
        {
            ("fetched", fetchedAt, row.DocumentUrl),
            ("parsed", first?.ParsedAt ?? NotAfterFirst(parsedAt), parseSource),
            ("classified", first?.ClassifiedAt ?? NotAfterFirst(row.ClassifiedAt), row.EnrichmentVersion),
            ("published", firstPublishedAt, "revision 1"),
        };
        steps.AddRange(revisions.Where(r => r.Revision > 1).Select(r => (r.Kind, (DateTimeOffset?)r.PublishedAt,
            (string?)(r.Changes.Count == 0 ? $"revision {r.Revision}" : $"revision {r.Revision}: {string.Join(", ", r.Changes)}"))));
        if (row.Revision > 1 && !revisions.Exists(r => r.Revision == row.Revision))
        {
            // Published before revisions were recorded: only the latest revision is known.
            steps.Add((row.Kind, row.LastPublishedAt, $"revision {row.Revision}"));
        }

        var timeline = new List<TimelineStep>();
        DateTimeOffset? previous = null;
        foreach (var (stage, at, detail) in steps)
        {
            timeline.Add(new TimelineStep(stage, at, at is { } a && previous is { } p ? a - p : null, detail));
            previous = at ?? previous;
        }

        var related = await RelatedAsync(row.Id, ct);
        return new PaperDetail
        {
            PaperId = row.Id,
            Title = row.Title,
            Abstract = row.Abstract,
            Authors = row.Authors,
            Versions = new StoredVersion(
                Int(record, "version") ?? Int(parsed, "version"),
                Prop(parsed, "versions") is { ValueKind: JsonValueKind.Array } versions ? [.. versions.EnumerateArray().Select(v => v.Clone())] : [],
                row.Revision, row.Hash, row.FirstPublishedAt, row.LastPublishedAt),
            Topics = Topics(record, row.Topics),
            BaseModels = row.BaseModels,
            Benchmarks = row.Benchmarks,
            SourceIds = row.SourceIds,
            HasCode = row.HasCode,
            CodeUrls = StringArray(record, "codeUrls"),
            HuggingFaceUrls = StringArray(record, "huggingFaceUrls"),
            Keywords = StringArray(record, "keywords"),
            Upvotes = Int(record, "upvotes"),
            ProjectPage = Str(record, "projectPage"),
            AbstractUrl = Str(record, "abstractUrl"),
            EnrichmentVersion = row.EnrichmentVersion ?? Str(record, "enrichmentVersion"),
            ArxivPublishedAt = row.ArxivPublishedAt,
            ListedAt = row.ListedAt,
            TraceId = row.TraceId,
            TraceUrl = row.TraceId is null ? null : options.Value.TraceUrl(row.TraceId),
            Timeline = timeline,
            EndToEnd = fetchedAt is { } f ? firstPublishedAt - f : null,
            Provenance = Provenance(parsed, parseSource ?? Str(record, "sourceId"), row.DocumentId, row.EnrichmentVersion),
            Related = related?.Papers ?? [],
            RelatedPending = related is null,
            RelatedModel = related?.Model,
            RelatedComputedAt = related?.ComputedAt,
            DocumentId = row.DocumentId,
            DocumentUrl = row.DocumentUrl,
            Record = record,
        };
    }

    /// <summary>The embedding lane's list (<c>publish.related</c>) with titles and topics from the published records;
    /// null when none is stored yet. One query: a stored empty list still yields its header row.</summary>
    private async Task<(string Model, DateTimeOffset ComputedAt, List<RelatedPaper> Papers)?> RelatedAsync(string id, CancellationToken ct)
    {
        var rows = await db.QueryAsync(
            """
            SELECT r.model, r.computed_at, x.item->>'paperId', coalesce(p.title, ''), coalesce(p.topics, '{}'), coalesce((x.item->>'similarity')::float8, 0)
            FROM publish.related r
            LEFT JOIN LATERAL jsonb_array_elements(r.related) WITH ORDINALITY AS x(item, n) ON x.item->>'paperId' IS NOT NULL
            LEFT JOIN publish.papers p ON p.paper_id = x.item->>'paperId'
            WHERE r.paper_id = $1
            ORDER BY x.n
            """,
            r => (Model: r.GetString(0), ComputedAt: r.GetFieldValue<DateTimeOffset>(1),
                Paper: r.IsDBNull(2) ? null : new RelatedPaper(r.GetString(2), r.GetString(3), r.Strings(4), r.GetDouble(5))),
            ct,
            id);
        return rows.Count == 0 ? null : (rows[0].Model, rows[0].ComputedAt, [.. rows.Where(x => x.Paper is not null).Select(x => x.Paper!)]);
    }

    private sealed record RevisionRow(int Revision, string Kind, IReadOnlyList<string> Changes, DateTimeOffset PublishedAt, DateTimeOffset? FetchedAt, DateTimeOffset? ParsedAt, DateTimeOffset? ClassifiedAt);

    /// <summary>The paper's published revisions, oldest first (none for papers published before they were recorded).</summary>
    private Task<List<RevisionRow>> RevisionsAsync(string id, CancellationToken ct) => db.QueryAsync(
        "SELECT revision, kind, changes, published_at, fetched_at, parsed_at, classified_at FROM publish.revisions WHERE paper_id = $1 ORDER BY revision",
        r => new RevisionRow(r.GetInt32(0), r.GetString(1), r.Strings(2), r.GetFieldValue<DateTimeOffset>(3), r.Opt<DateTimeOffset>(4), r.Opt<DateTimeOffset>(5), r.Opt<DateTimeOffset>(6)),
        ct,
        id);

    private static List<FieldProvenance> Provenance(JsonElement? parsed, string? source, Guid? documentId, string? enrichmentVersion)
    {
        var fields = new List<FieldProvenance>();
        var bySource = Prop(parsed, "provenance") is { ValueKind: JsonValueKind.Object } prov
            ? prov.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.String).ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { "title", "abstract", "authors", "arxivPublishedAt", "listedAt", "upvotes", "keywords", "projectPage" })
        {
            fields.Add(new FieldProvenance(field, "parse", bySource.GetValueOrDefault(field) ?? source, documentId));
        }

        foreach (var (field, value) in bySource.Where(f => !fields.Exists(x => x.Field == f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            fields.Add(new FieldProvenance(field, "parse", value, documentId));
        }

        foreach (var field in new[] { "topics", "codeUrls", "huggingFaceUrls", "baseModels", "benchmarks" })
        {
            fields.Add(new FieldProvenance(field, "classify", enrichmentVersion, null));
        }

        return fields;
    }

    private static List<TopicScore> Topics(JsonElement? record, string[] fallback)
    {
        if (Prop(record, "topics") is not { ValueKind: JsonValueKind.Array } topics)
        {
            return [.. fallback.Select(t => new TopicScore(t, 0, []))];
        }

        return
        [
            .. topics.EnumerateArray().Select(t => new TopicScore(
                Str(t, "id") ?? "",
                Prop(t, "score") is { ValueKind: JsonValueKind.Number } score ? score.GetDouble() : 0,
                Prop(t, "evidence") is { ValueKind: JsonValueKind.Array } evidence
                    ? [.. evidence.EnumerateArray().Select(e => new Evidence(Str(e, "phrase") ?? "", Str(e, "field") ?? "", Int(e, "offset") ?? 0))]
                    : [])),
        ];
    }

    /// <summary>A property by name, ignoring case: the stored event body may be camelCase or PascalCase.</summary>
    private static JsonElement? Prop(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e)
        {
            return null;
        }

        if (e.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in e.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Str(JsonElement? element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static int? Int(JsonElement? element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    private static List<string> StringArray(JsonElement? element, string name) =>
        Prop(element, name) is { ValueKind: JsonValueKind.Array } v
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static List<string> Authors(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

public sealed record FilterValues(IReadOnlyList<string> Topics, IReadOnlyList<string> Models, IReadOnlyList<string> Benchmarks, IReadOnlyList<string> Sources);
