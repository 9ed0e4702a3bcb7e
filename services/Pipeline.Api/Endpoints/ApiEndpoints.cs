using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pipeline.Api.Data;
using Pipeline.Api.Security;

namespace Pipeline.Api.Endpoints;

/// <summary>
/// The REST API under <c>/api</c>. Reads are open and carry ETags; everything that changes state requires the
/// operator key (<c>X-Api-Key</c>).
/// </summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/overview", async (int? hours, OverviewQueries overview, CancellationToken ct) =>
                ETagged.Json(await overview.GetAsync(hours, ct)))
            .WithName("GetOverview").WithTags("Overview")
            .WithSummary("Throughput per stage and minute, end-to-end lag, totals, queues and a red/amber/green state.");

        api.MapGet("/papers", GetPapersAsync)
            .WithName("GetPapers").WithTags("Papers")
            .WithSummary("Papers with filters, full-text search (ranked) and paging.")
            .WithDescription("`from`/`to` are days (UTC, inclusive) of the arXiv date, or of the listing date when the arXiv date is unknown. `q` uses web-search syntax: words, \"quoted phrases\", `or`, `-excluded`; results are ranked by relevance.");

        api.MapGet("/papers/{**id}", async Task<Results<ETagged<PaperDetail>, NotFound<ProblemDetails>>> (string id, PaperQueries papers, CancellationToken ct) =>
                await papers.GetAsync(Uri.UnescapeDataString(id), ct) is { } paper
                    ? ETagged.Json(paper)
                    : TypedResults.NotFound(new ProblemDetails { Title = "No such paper", Detail = $"No published paper '{id}'.", Status = 404 }))
            .WithName("GetPaper").WithTags("Papers")
            .WithSummary("One paper: versions, provenance per field, topics with evidence, processing timeline, related papers, trace.")
            .WithDescription("Ids are arXiv ids without version; old-style ids keep their slash: `/api/papers/hep-th/9901001`.");

        api.MapGet("/filters", async (PaperQueries papers, CancellationToken ct) => ETagged.Json(await papers.FilterValuesAsync(ct)))
            .WithName("GetFilterValues").WithTags("Papers")
            .WithSummary("Topics, base models, benchmarks and sources that occur in published papers.");

        api.MapGet("/sources", async (SourceQueries sources, CancellationToken ct) => ETagged.Json(await sources.ListAsync(ct)))
            .WithName("GetSources").WithTags("Sources")
            .WithSummary("Every source with health, last success and change, staleness, failures, politeness budget left and next due time.");

        var operate = api.MapGroup("").RequireAuthorization(ApiKey.Policy);
        foreach (var action in Enum.GetValues<SourceAction>())
        {
            var verb = action.ToString().ToLowerInvariant();
            operate.MapPost($"/sources/{{id}}/{verb}", async Task<Results<Ok<SourceView>, NotFound<ProblemDetails>>> (string id, SourceQueries sources, CancellationToken ct) =>
                    await sources.ApplyAsync(id, action, ct)
                        ? TypedResults.Ok((await sources.ListAsync(ct)).First(s => s.Id == id))
                        : TypedResults.NotFound(new ProblemDetails { Title = "No such source", Detail = $"No source '{id}'.", Status = 404 }))
                .WithName($"{action}Source").WithTags("Sources")
                .WithSummary(action switch
                {
                    SourceAction.Pause => "Stop polling a source (kept across restarts). Requires X-Api-Key.",
                    SourceAction.Resume => "Poll a paused source again. Requires X-Api-Key.",
                    _ => "Poll a source now. Requires X-Api-Key.",
                });
        }

        api.MapGet("/failures", async (FailureService failures, CancellationToken ct) => ETagged.Json(await failures.ListAsync(ct)))
            .WithName("GetFailures").WithTags("Failures")
            .WithSummary("Rejected documents and records (with reasons and payload excerpts) and messages in error queues.");

        operate.MapPost("/failures/replay/{**id}", async Task<Results<Ok<ReplayResult>, NotFound<ProblemDetails>>> (string id, FailureService failures, CancellationToken ct) =>
                await failures.ReplayAsync(Uri.UnescapeDataString(id), ct) is { } result
                    ? TypedResults.Ok(result)
                    : TypedResults.NotFound(new ProblemDetails { Title = "No such failure", Detail = $"Nothing to replay for '{id}'.", Status = 404 }))
            .WithName("ReplayFailure").WithTags("Failures")
            .WithSummary("Replay one failure by its id (document:…, records:… or message:{queue}/{messageId}). Requires X-Api-Key.");

        operate.MapPost("/failures/replay-all", async (FailureService failures, CancellationToken ct) => TypedResults.Ok(await failures.ReplayAllAsync(ct)))
            .WithName("ReplayAllFailures").WithTags("Failures")
            .WithSummary("Parse every rejected document again and move every error-queue message back. Requires X-Api-Key.");

        return app;
    }

    private static async Task<Results<ETagged<PaperPage>, ValidationProblem>> GetPapersAsync(
        PaperQueries papers,
        IOptions<ApiOptions> options,
        CancellationToken ct,
        string? topic = null,
        string? model = null,
        string? benchmark = null,
        string? source = null,
        DateOnly? from = null,
        DateOnly? to = null,
        bool? hasCode = null,
        string? q = null,
        int page = 1,
        int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page < 1)
        {
            errors["page"] = ["page starts at 1"];
        }

        if (pageSize < 1 || pageSize > options.Value.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is between 1 and {options.Value.MaxPageSize}"];
        }

        if (from > to)
        {
            errors["from"] = ["from is after to"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var filter = new PaperFilter
        {
            Topic = Blank(topic), Model = Blank(model), Benchmark = Blank(benchmark), Source = Blank(source),
            From = from, To = to, HasCode = hasCode, Q = Blank(q), Page = page, PageSize = pageSize,
        };
        return ETagged.Json(await papers.SearchAsync(filter, ct));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
