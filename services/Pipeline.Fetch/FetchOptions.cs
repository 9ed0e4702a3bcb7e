namespace Pipeline.Fetch;

public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>Sources keyed by id; synchronised into <c>fetcher.sources</c> at start.</summary>
    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the scheduler looks for due sources.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromSeconds(1);

    public string UserAgent { get; set; } = "paper-pipeline/0.1 (+https://github.com/paper-pipeline; research paper ingestion)";

    /// <summary>Largest payload accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 50 * 1024 * 1024;

    public static bool Validate(FetchOptions o) =>
        o.SchedulerTick > TimeSpan.Zero && o.MaxBodyBytes > 0 && o.Sources.Values.All(s => s.IsValid());
}

public sealed class SourceOptions
{
    /// <summary><c>hf-daily</c> or <c>directory</c>.</summary>
    public string Kind { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>hf-daily: API base URL, e.g. <c>https://huggingface.co</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>hf-daily: a fixed day to fetch; when absent, today and <see cref="LookbackDays"/> days before (UTC).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>hf-daily: with <see cref="Date"/>, fetch every day up to this one too.</summary>
    public DateOnly? Until { get; set; }

    public int LookbackDays { get; set; } = 1;

    /// <summary>directory: the folder whose files are ingested.</summary>
    public string? Path { get; set; }

    public string Pattern { get; set; } = "*.json";

    /// <summary>Payload format handed to Parse; <c>auto</c> detects it.</summary>
    public string Format { get; set; } = "auto";

    public bool IsValid() => Interval > TimeSpan.Zero && Kind switch
    {
        SourceKinds.HfDaily => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _),
        SourceKinds.Directory => !string.IsNullOrWhiteSpace(Path),
        _ => false,
    };
}

public static class SourceKinds
{
    public const string HfDaily = "hf-daily";
    public const string Directory = "directory";
}
