using System.Globalization;
using System.Text;

namespace Pipeline.Api.Feeds;

public enum FeedFormat
{
    Atom,
    Json,
}

public static class FeedFormats
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    public const string JsonContentType = "application/feed+json";

    public static string Extension(this FeedFormat format) => format == FeedFormat.Atom ? "atom" : "json";

    public static string ContentType(this FeedFormat format) => format == FeedFormat.Atom ? AtomContentType : JsonContentType;
}

/// <summary>What a feed selects; every part optional (none: every published paper).</summary>
public sealed record FeedFilter
{
    public string? Topic { get; init; }

    public string? Model { get; init; }

    public string? Benchmark { get; init; }

    /// <summary>Full-text query over title and abstract, web-search syntax as <c>/api/papers?q=</c>.</summary>
    public string? Q { get; init; }

    public bool IsEmpty => Topic is null && Model is null && Benchmark is null && Q is null;

    /// <summary>The filter as query-string pairs in a fixed order (blank parts left out).</summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        if (Topic is not null)
        {
            yield return new("topic", Topic);
        }

        if (Model is not null)
        {
            yield return new("model", Model);
        }

        if (Benchmark is not null)
        {
            yield return new("benchmark", Benchmark);
        }

        if (Q is not null)
        {
            yield return new("q", Q);
        }
    }

    /// <summary>A filter with blank parts as null and the rest trimmed.</summary>
    public static FeedFilter Of(string? topic, string? model, string? benchmark, string? q) => new()
    {
        Topic = Blank(topic), Model = Blank(model), Benchmark = Blank(benchmark), Q = Blank(q),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Keyset position of a page (<c>?before=</c>): the last entry of the previous page. Opaque to clients: base64url of
/// the entry's <c>last_published_at</c> (microseconds since the Unix epoch, PostgreSQL's precision) and paper id.
/// </summary>
public sealed record FeedCursor(DateTimeOffset LastPublishedAt, string PaperId)
{
    public string Encode()
    {
        var micros = (LastPublishedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var text = string.Create(CultureInfo.InvariantCulture, $"{micros}:{PaperId}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? value, out FeedCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 400)
        {
            return false;
        }

        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            || micros > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)
        {
            return false;
        }

        cursor = new FeedCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), text[(colon + 1)..]);
        return true;
    }
}

public sealed record FeedTopic(string Id, double? Score);

/// <summary>One published paper as a feed entry.</summary>
public sealed record FeedEntry
{
    public required string PaperId { get; init; }

    public required int Revision { get; init; }

    public required string Title { get; init; }

    public required string Abstract { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public required IReadOnlyList<FeedTopic> Topics { get; init; }

    public required IReadOnlyList<string> BaseModels { get; init; }

    public required IReadOnlyList<string> Benchmarks { get; init; }

    public IReadOnlyList<string> CodeUrls { get; init; } = [];

    /// <summary>The paper's abstract page (arXiv).</summary>
    public required string AbstractUrl { get; init; }

    public DateTimeOffset? ArxivPublishedAt { get; init; }

    public required DateTimeOffset FirstPublishedAt { get; init; }

    public required DateTimeOffset LastPublishedAt { get; init; }

    public bool Withdrawn { get; init; }

    /// <summary>The embedding lane's related papers, most similar first (derived data: never moves the entry).</summary>
    public IReadOnlyList<FeedRelated> Related { get; init; } = [];

    /// <summary>Stable across revisions: the arXiv abstract URL of the versionless id.</summary>
    public string Id => "https://arxiv.org/abs/" + PaperId;
}

/// <summary>A related paper of an entry: id, title and the cosine similarity of their embeddings.</summary>
public sealed record FeedRelated(string PaperId, string Title, double Similarity);

/// <summary>One page of a feed as read from the database: entries newest first, and where the next page starts.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, FeedCursor? Next)
{
    /// <summary>Newest <c>last_published_at</c> on the page; null when it is empty.</summary>
    public DateTimeOffset? LastModified => Entries.Count == 0 ? null : Entries.Max(e => e.LastPublishedAt);
}

/// <summary>URLs of the API that feeds point at, from its public base (scheme, host, path base).</summary>
public sealed class FeedLinks(string baseUrl)
{
    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    /// <summary>The dashboard's page of a paper; old-style ids keep their slash (<c>/papers/hep-th/9901001</c>).</summary>
    public string PaperPage(string paperId) => $"{BaseUrl}/papers/{EscapePath(paperId)}";

    public string PaperJson(string paperId) => $"{BaseUrl}/api/papers/{EscapePath(paperId)}";

    /// <summary>The dashboard's paper list with the same filter.</summary>
    public string PapersPage(FeedFilter filter) => BaseUrl + "/papers" + Query(filter.Parameters());

    /// <summary>Category schemes: appending the term gives the dashboard's list of the papers in that category.</summary>
    public string TopicScheme => BaseUrl + "/papers?topic=";

    public string ModelScheme => BaseUrl + "/papers?model=";

    public string BenchmarkScheme => BaseUrl + "/papers?benchmark=";

    public string Absolute(string path, IEnumerable<KeyValuePair<string, string>> query) => BaseUrl + path + Query(query);

    public static string Query(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var query = string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return query.Length == 0 ? "" : "?" + query;
    }

    private static string EscapePath(string id) => string.Join('/', id.Split('/').Select(Uri.EscapeDataString));
}

/// <summary>Everything a writer needs to render one page of a feed; the writers add nothing else.</summary>
public sealed record FeedDocument
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The feed's permanent id: its URL without paging parameters.</summary>
    public required string Id { get; init; }

    /// <summary>This page (Atom <c>rel="self"</c>).</summary>
    public required string SelfUrl { get; init; }

    /// <summary>The first page (Atom <c>rel="first"</c>, JSON Feed <c>feed_url</c>).</summary>
    public required string FirstUrl { get; init; }

    public string? NextUrl { get; init; }

    /// <summary>The same feed in the other format.</summary>
    public required string OtherFormatUrl { get; init; }

    /// <summary>The dashboard's HTML page with the same papers (Atom <c>rel="alternate"</c>, JSON Feed <c>home_page_url</c>).</summary>
    public required string HomePageUrl { get; init; }

    public required FeedLinks Links { get; init; }

    /// <summary>Display names of taxonomy topics (category labels).</summary>
    public IReadOnlyDictionary<string, string> TopicNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required IReadOnlyList<FeedEntry> Entries { get; init; }

    /// <summary>Feed-level update time: the newest entry's, or the Unix epoch for an empty page (deterministic bodies).</summary>
    public DateTimeOffset Updated => Entries.Count == 0 ? DateTimeOffset.UnixEpoch : Entries.Max(e => e.LastPublishedAt);

    public string Generator { get; init; } = "Paper pipeline";
}
