using System.Globalization;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// The arXiv API (<c>{BaseUrl}/api/query</c>, Atom): <c>search_query</c> or <c>id_list</c>, newest first, paged
/// with <c>start</c>/<c>max_results</c>. <c>start</c> advances by the entries that actually came back (the API
/// may return fewer than asked), and the walk stops at an empty page, the reported total, or <c>MaxResults</c>.
/// </summary>
public sealed class ArxivApiSource : ISourceFetcher
{
    public IReadOnlyList<string> Kinds { get; } = [SourceKinds.ArxivApi];

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        var source = poll.Options;
        var start = 0;
        while (start < source.MaxResults)
        {
            var result = await poll.FetchAsync(PageUrl(source, start), ct: ct);
            if (result?.Body is null)
            {
                return; // failed (recorded) or not modified
            }

            var page = PageInfo.Read(result.Body);
            if (page.Entries == 0)
            {
                return;
            }

            start += page.Entries;
            if (page.TotalResults is { } total && start >= total)
            {
                return;
            }
        }
    }

    public static string PageUrl(SourceOptions source, int start)
    {
        var baseUrl = (source.BaseUrl ?? "https://export.arxiv.org").TrimEnd('/');
        var query = source.IdList is { Length: > 0 } ids
            ? $"id_list={Uri.EscapeDataString(ids)}"
            : $"search_query={Uri.EscapeDataString(source.Query ?? "all")}";
        var size = Math.Min(source.PageSize, source.MaxResults - start);
        return string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/api/query?{query}&start={start}&max_results={size}&sortBy=submittedDate&sortOrder=descending");
    }
}
