using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pipeline.Api.Data;

namespace Pipeline.Api.Pages;

public sealed class PapersModel(PaperQueries papers) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(Name = "model", SupportsGet = true)]
    public string? BaseModel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Benchmark { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? HasCode { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PaperPage Results { get; private set; } = new([], 0, 1, PageSize);

    public FilterValues Filters { get; private set; } = new([], [], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filters = await papers.FilterValuesAsync(ct);
        Results = await papers.SearchAsync(
            new PaperFilter
            {
                Q = Blank(Q), Topic = Blank(Topic), Model = Blank(BaseModel), Benchmark = Blank(Benchmark), Source = Blank(Source),
                From = From, To = To, HasCode = HasCode, Page = Math.Max(1, PageNumber), PageSize = PageSize,
            },
            ct);
    }

    public long Pages => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    /// <summary>This search on another page.</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["topic"] = Topic, ["model"] = BaseModel, ["benchmark"] = Benchmark, ["source"] = Source,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["hasCode"] = HasCode?.ToString().ToLowerInvariant(), ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/papers", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
