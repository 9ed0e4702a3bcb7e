using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pipeline.Api.Data;

namespace Pipeline.Api.Pages;

public sealed class PaperModel(PaperQueries papers) : PageModel
{
    public PaperDetail Paper { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id))
        {
            return RedirectToPage("/Papers");
        }

        if (await papers.GetAsync(Uri.UnescapeDataString(id), ct) is not { } paper)
        {
            return NotFound();
        }

        Paper = paper;
        return Page();
    }

    /// <summary>The arXiv versions Parse knows, e.g. <c>v1 2007-04-01 · v2 2007-04-16</c>.</summary>
    public string ArxivVersions() => string.Join(" · ", Paper.Versions.ArxivVersions.Select(v =>
    {
        string? Field(string name) => v.ValueKind == System.Text.Json.JsonValueKind.Object
            ? v.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value.ToString()).FirstOrDefault()
            : null;
        var date = DateTimeOffset.TryParse(Field("date"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? " " + Format.Day(d) : "";
        return $"v{Field("version")}{date}";
    }));

    /// <summary>Share of the fetch-to-first-publication time a step took, for the timeline bar (0–100; later revisions fill it).</summary>
    public int Share(TimelineStep step) =>
        step.SincePrevious is { } d && Paper.EndToEnd is { TotalMilliseconds: > 0 } total
            ? (int)Math.Clamp(Math.Round(100 * d.TotalMilliseconds / total.TotalMilliseconds), 0, 100)
            : 0;
}
