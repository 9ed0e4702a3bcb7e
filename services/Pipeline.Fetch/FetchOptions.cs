namespace Pipeline.Fetch;

public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>Sources keyed by id; synchronised into <c>fetcher.sources</c> at start.</summary>
    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Politeness per host name (without port, e.g. <c>export.arxiv.org</c>), on top of the built-in defaults.</summary>
    public Dictionary<string, HostPolicy> Hosts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Politeness for hosts with no policy of their own.</summary>
    public HostPolicy DefaultHost { get; set; } = new() { MinInterval = TimeSpan.FromSeconds(1) };

    /// <summary>How often the scheduler looks for due sources.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromSeconds(1);

    public string UserAgent { get; set; } = "paper-pipeline/0.2 (research paper ingestion; +https://github.com/paper-pipeline/pipeline)";

    /// <summary>Largest payload accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Time one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts after the first on transient failures (5xx, 408, 429, timeouts), with backoff and jitter.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Published limits: arXiv asks for one request every 3 s; Hugging Face allows 500 calls per 5 min.</summary>
    public static IReadOnlyDictionary<string, HostPolicy> BuiltInHosts { get; } = new Dictionary<string, HostPolicy>(StringComparer.OrdinalIgnoreCase)
    {
        ["export.arxiv.org"] = new() { MinInterval = TimeSpan.FromSeconds(3) },
        ["arxiv.org"] = new() { MinInterval = TimeSpan.FromSeconds(3) },
        ["rss.arxiv.org"] = new() { MinInterval = TimeSpan.FromSeconds(3) },
        ["oaipmh.arxiv.org"] = new() { MinInterval = TimeSpan.FromSeconds(3) },
        ["huggingface.co"] = new() { MaxRequests = 500, Per = TimeSpan.FromMinutes(5), Burst = 10 },
        // This machine: loopback test and benchmark servers need no politeness.
        ["127.0.0.1"] = Unlimited,
        ["localhost"] = Unlimited,
    };

    private static HostPolicy Unlimited => new() { MaxRequests = 1_000_000, Per = TimeSpan.FromSeconds(1), Burst = 1_000 };

    public HostPolicy PolicyFor(string host) =>
        Hosts.TryGetValue(host, out var policy) || BuiltInHosts.TryGetValue(host, out policy) ? policy : DefaultHost;

    public static bool Validate(FetchOptions o) =>
        o.SchedulerTick > TimeSpan.Zero && o.MaxBodyBytes > 0 && o.AttemptTimeout > TimeSpan.Zero && o.Retries >= 0
        && o.Sources.Values.All(s => s.IsValid())
        && o.Hosts.Values.Append(o.DefaultHost).All(h => h.IsValid());
}

/// <summary>
/// A host's request budget, kept as a token bucket in PostgreSQL: either at most one request per
/// <see cref="MinInterval"/>, or <see cref="MaxRequests"/> per <see cref="Per"/> with bursts of <see cref="Burst"/>
/// (the refill rate leaves room for the burst, so no window of length <see cref="Per"/> exceeds the limit).
/// </summary>
public sealed class HostPolicy
{
    public TimeSpan? MinInterval { get; set; }

    public int? MaxRequests { get; set; }

    public TimeSpan? Per { get; set; }

    public int Burst { get; set; } = 1;

    public double Capacity => MinInterval is not null ? 1 : Burst;

    public double RefillPerSecond => MinInterval is { } interval
        ? 1 / interval.TotalSeconds
        : (MaxRequests!.Value - Burst) / Per!.Value.TotalSeconds;

    public bool IsValid() => MinInterval is { TotalMilliseconds: > 0 }
        || (MaxRequests > 0 && Per > TimeSpan.Zero && Burst >= 1 && Burst < MaxRequests);
}

public sealed class SourceOptions
{
    /// <summary>One of <see cref="SourceKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often the source is expected to change; it is <em>stale</em> when it serves the same content for longer
    /// (weekends not counted when <see cref="SkipWeekends"/>). Null: never stale.
    /// </summary>
    public TimeSpan? ExpectedUpdate { get; set; }

    /// <summary>arXiv announces nothing on Saturdays and Sundays: a quiet weekend is not a stale feed.</summary>
    public bool SkipWeekends { get; set; }

    /// <summary>API base URL (hf-*, arxiv-api, arxiv-rss, oai-pmh); each kind has the public default.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>feed: the feed's URL; hf-html: the page.</summary>
    public string? Url { get; set; }

    /// <summary>arxiv-api: <c>search_query</c>; hf-search: <c>q</c>.</summary>
    public string? Query { get; set; }

    /// <summary>arxiv-api: comma-separated ids (<c>id_list</c>) instead of a query.</summary>
    public string? IdList { get; set; }

    /// <summary>arxiv-rss: categories joined with <c>+</c>, e.g. <c>cs.CL+cs.LG</c>.</summary>
    public string? Categories { get; set; }

    /// <summary>arxiv-api: entries per request.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>arxiv-api: entries per poll at most.</summary>
    public int MaxResults { get; set; } = 1000;

    /// <summary>oai-pmh: <c>arXiv</c> or <c>arXivRaw</c>.</summary>
    public string MetadataPrefix { get; set; } = "arXiv";

    /// <summary>oai-pmh: <c>set</c>, e.g. <c>cs</c>.</summary>
    public string? Set { get; set; }

    /// <summary>hf-daily: a fixed first day; oai-pmh: the first <c>from</c>.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>hf-daily, oai-pmh: last day of a fixed range.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>hf-daily: <c>day</c> (default), <c>week</c> (ISO week) or <c>month</c> per request.</summary>
    public string Period { get; set; } = "day";

    /// <summary>hf-daily: page size (<c>limit</c>); pages with <c>p</c> until a short page. Null: one request.</summary>
    public int? Limit { get; set; }

    /// <summary>hf-daily: at most this many pages per period.</summary>
    public int MaxPages { get; set; } = 20;

    /// <summary>hf-daily without <see cref="Date"/>: today and this many days before (UTC).</summary>
    public int LookbackDays { get; set; } = 1;

    /// <summary>directory: the folder whose files are ingested.</summary>
    public string? Path { get; set; }

    public string Pattern { get; set; } = "*.json";

    /// <summary>Payload format handed to Parse; <c>auto</c> detects it.</summary>
    public string Format { get; set; } = "auto";

    public bool IsValid() => Interval > TimeSpan.Zero && Kind switch
    {
        SourceKinds.HfDaily => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) && Period is "day" or "week" or "month" && Limit is null or > 0 && MaxPages > 0,
        SourceKinds.Directory => !string.IsNullOrWhiteSpace(Path),
        SourceKinds.Feed => Uri.TryCreate(Url, UriKind.Absolute, out _),
        SourceKinds.ArxivRss => !string.IsNullOrWhiteSpace(Categories),
        SourceKinds.HfSearch => !string.IsNullOrWhiteSpace(Query),
        SourceKinds.HfHtml => true,
        SourceKinds.ArxivApi => (!string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(IdList)) && PageSize is > 0 and <= 2000 && MaxResults > 0,
        SourceKinds.OaiPmh => MetadataPrefix is "arXiv" or "arXivRaw",
        _ => false,
    };
}

public static class SourceKinds
{
    public const string HfDaily = "hf-daily";
    public const string HfSearch = "hf-search";
    public const string HfHtml = "hf-html";
    public const string ArxivApi = "arxiv-api";
    public const string ArxivRss = "arxiv-rss";
    public const string OaiPmh = "oai-pmh";
    public const string Feed = "feed";
    public const string Directory = "directory";
}
