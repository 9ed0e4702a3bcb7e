using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pipeline.Api.Data;

namespace Pipeline.Api.Feeds;

/// <summary>
/// Pages of <c>publish.papers</c> for feeds: newest first by <c>last_published_at</c>, then paper id, with keyset paging
/// (a page never repeats or skips a paper while new ones arrive). Reads only the read model's stable columns.
/// </summary>
public sealed class FeedQueries(NpgsqlDataSource db)
{
    public async Task<FeedPage> PageAsync(FeedFilter filter, FeedCursor? before, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var where = new StringBuilder("TRUE");
        var args = new List<object?>();
        string Arg(object value, NpgsqlDbType type)
        {
            args.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value });
            return "$" + args.Count.ToString(CultureInfo.InvariantCulture);
        }

        void Contains(string column, string? value)
        {
            if (value is not null)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND {column} @> ARRAY[{Arg(value, NpgsqlDbType.Text)}]::text[]");
            }
        }

        Contains("topics", filter.Topic);
        Contains("base_models", filter.Model);
        Contains("benchmarks", filter.Benchmark);
        if (filter.Q is not null)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND search @@ websearch_to_tsquery('english', {Arg(filter.Q, NpgsqlDbType.Text)})");
        }

        if (before is not null)
        {
            where.Append(CultureInfo.InvariantCulture,
                $" AND (last_published_at, paper_id) < ({Arg(before.LastPublishedAt, NpgsqlDbType.TimestampTz)}, {Arg(before.PaperId, NpgsqlDbType.Text)})");
        }

        var take = Arg(limit + 1, NpgsqlDbType.Integer);
        var rows = await db.QueryAsync(
            $"""
            SELECT paper_id, revision, title, abstract, authors::text, topics, base_models, benchmarks, arxiv_published_at,
                   first_published_at, last_published_at,
                   (record -> 'topics')::text, (record -> 'codeUrls')::text, record ->> 'abstractUrl', record ->> 'withdrawn',
                   (record -> 'related')::text
            FROM publish.papers
            WHERE {where}
            ORDER BY last_published_at DESC, paper_id DESC
            LIMIT {take}
            """,
            Read,
            ct,
            [.. args]);
        var entries = rows.Count > limit ? rows[..limit] : rows;
        var next = rows.Count > limit ? new FeedCursor(entries[^1].LastPublishedAt, entries[^1].PaperId) : null;
        return new FeedPage(entries, next);
    }

    private static FeedEntry Read(NpgsqlDataReader r)
    {
        var id = r.GetString(0);
        var topicIds = r.Strings(5);
        var scores = Scores(r.OptString(11));
        return new FeedEntry
        {
            PaperId = id,
            Revision = r.GetInt32(1),
            Title = r.GetString(2),
            Abstract = r.IsDBNull(3) ? "" : r.GetString(3),
            Authors = StringArray(r.OptString(4)),
            Topics = [.. topicIds.Select(t => new FeedTopic(t, scores.TryGetValue(t, out var s) ? s : null))],
            BaseModels = r.Strings(6),
            Benchmarks = r.Strings(7),
            ArxivPublishedAt = r.Opt<DateTimeOffset>(8),
            FirstPublishedAt = r.GetFieldValue<DateTimeOffset>(9),
            LastPublishedAt = r.GetFieldValue<DateTimeOffset>(10),
            CodeUrls = StringArray(r.OptString(12)),
            AbstractUrl = r.OptString(13) is { Length: > 0 } url && Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : "https://arxiv.org/abs/" + id,
            Withdrawn = string.Equals(r.OptString(14), "true", StringComparison.Ordinal),
            Related = Related(r.OptString(15)),
        };
    }

    /// <summary>The stored event's <c>related</c> (<c>[{paperId, title, similarity}]</c>); empty when absent or odd.</summary>
    private static List<FeedRelated> Related(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != JsonValueKind.Array
                ? []
                : [.. doc.RootElement.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object
                        && e.TryGetProperty("paperId", out var id) && id.ValueKind == JsonValueKind.String
                        && e.TryGetProperty("similarity", out var sim) && sim.ValueKind == JsonValueKind.Number)
                    .Select(e => new FeedRelated(
                        e.GetProperty("paperId").GetString()!,
                        e.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "",
                        e.GetProperty("similarity").GetDouble()))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Topic scores from the stored event's <c>topics</c> (<c>[{id, score, evidence}]</c>); empty when absent or odd.</summary>
    private static Dictionary<string, double> Scores(string? json)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (json is null)
        {
            return scores;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return scores;
            }

            foreach (var topic in doc.RootElement.EnumerateArray())
            {
                if (topic.ValueKind == JsonValueKind.Object
                    && topic.TryGetProperty("id", out var tid) && tid.ValueKind == JsonValueKind.String
                    && topic.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number)
                {
                    scores[tid.GetString()!] = score.GetDouble();
                }
            }
        }
        catch (JsonException)
        {
            // A record that is not the event's shape: the topics still come from the column, without scores.
        }

        return scores;
    }

    private static List<string> StringArray(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Array
                ? [.. doc.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
