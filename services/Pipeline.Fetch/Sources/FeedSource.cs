namespace Pipeline.Fetch.Sources;

/// <summary>
/// Sources that are one URL per poll: generic RSS/Atom/JSON feeds (<c>Url</c>), arXiv RSS listings
/// (<c>{BaseUrl}/rss/{Categories}</c>), Hugging Face search (<c>{BaseUrl}/api/papers/search?q={Query}</c>) and
/// the Hugging Face papers page. Conditional GET makes an unchanged feed cheap.
/// </summary>
public sealed class FeedSource : ISourceFetcher
{
    public IReadOnlyList<string> Kinds { get; } = [SourceKinds.Feed, SourceKinds.ArxivRss, SourceKinds.HfSearch, SourceKinds.HfHtml];

    public async Task PollAsync(SourcePoll poll, CancellationToken ct) => await poll.FetchAsync(UrlOf(poll.Options), ct: ct);

    public static string UrlOf(SourceOptions source) => source.Kind switch
    {
        SourceKinds.ArxivRss => $"{(source.BaseUrl ?? "https://rss.arxiv.org").TrimEnd('/')}/rss/{source.Categories}",
        SourceKinds.HfSearch => $"{(source.BaseUrl ?? "https://huggingface.co").TrimEnd('/')}/api/papers/search?q={Uri.EscapeDataString(source.Query ?? "")}",
        SourceKinds.HfHtml => source.Url ?? $"{(source.BaseUrl ?? "https://huggingface.co").TrimEnd('/')}/papers",
        _ => source.Url!,
    };
}
