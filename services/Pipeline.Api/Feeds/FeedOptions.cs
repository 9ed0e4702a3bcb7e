namespace Pipeline.Api.Feeds;

/// <summary>Configuration section <c>Feeds</c>.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    /// <summary>Prefix of every feed's title.</summary>
    public string Title { get; set; } = "Paper pipeline";

    /// <summary>Entries per page without <c>?limit=</c>.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest <c>?limit=</c>.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary><c>Cache-Control: public, max-age</c> of feed responses.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The API's public base URL for links in feeds (behind a proxy); by default the request's scheme, host and path base.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>An operator's taxonomy JSON; by default <c>Classify:TaxonomyPath</c>, then the built-in taxonomy.</summary>
    public string? TaxonomyPath { get; set; }

    public static bool Validate(FeedOptions o) =>
        !string.IsNullOrWhiteSpace(o.Title)
        && o.MaxPageSize is > 0 and <= 1000
        && o.DefaultPageSize > 0 && o.DefaultPageSize <= o.MaxPageSize
        && o.MaxAge >= TimeSpan.Zero
        && (o.PublicUrl is null || (Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        && (o.TaxonomyPath is null || File.Exists(o.TaxonomyPath));
}
