using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pipeline.Api.Data;
using Pipeline.Api.Endpoints;

namespace Pipeline.Api.Pages;

public sealed class SourcesModel(SourceQueries sources, TimeProvider clock, IOptions<ApiOptions> options) : PageModel
{
    public List<SourceView> Sources { get; private set; } = [];

    public string ETag { get; private set; } = "";

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public int RefreshMilliseconds => (int)options.Value.RefreshInterval.TotalMilliseconds;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sources = await sources.ListAsync(ct);
        ETag = ETagged.Of(Sources, HttpContext);
    }

    public Task<IActionResult> OnPostPauseAsync(string id, CancellationToken ct) => ApplyAsync(id, SourceAction.Pause, ct);

    public Task<IActionResult> OnPostResumeAsync(string id, CancellationToken ct) => ApplyAsync(id, SourceAction.Resume, ct);

    public Task<IActionResult> OnPostRunAsync(string id, CancellationToken ct) => ApplyAsync(id, SourceAction.Run, ct);

    private async Task<IActionResult> ApplyAsync(string id, SourceAction action, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        TempData["Message"] = await sources.ApplyAsync(id, action, ct)
            ? action switch
            {
                SourceAction.Pause => $"{id} paused.",
                SourceAction.Resume => $"{id} resumed.",
                _ => $"{id} will be polled now.",
            }
            : $"No source '{id}'.";
        return RedirectToPage();
    }
}
