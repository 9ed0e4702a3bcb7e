using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pipeline.Api.Data;
using Pipeline.Api.Endpoints;

namespace Pipeline.Api.Pages;

public sealed class FailuresModel(FailureService failures, IOptions<ApiOptions> options) : PageModel
{
    public FailureList Data { get; private set; } = null!;

    public string ETag { get; private set; } = "";

    public int RefreshMilliseconds => (int)options.Value.RefreshInterval.TotalMilliseconds;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await failures.ListAsync(ct);
        ETag = ETagged.Of(Data, HttpContext);
    }

    public async Task<IActionResult> OnPostReplayAsync(string id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        TempData["Message"] = await failures.ReplayAsync(id, ct) is { } result ? result.Summary : $"Nothing to replay for {id} (already gone?).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReplayAllAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        TempData["Message"] = (await failures.ReplayAllAsync(ct)).Summary;
        return RedirectToPage();
    }
}
