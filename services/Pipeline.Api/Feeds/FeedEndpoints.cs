using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pipeline.Api.Endpoints;
using Pipeline.Api.Security;
using Pipeline.Classification;

namespace Pipeline.Api.Feeds;

/// <summary>The taxonomy the feeds know: topic feeds exist for its topics only.</summary>
public sealed class FeedTaxonomy(Taxonomy taxonomy)
{
    public IReadOnlyDictionary<string, TopicDefinition> Topics { get; } =
        taxonomy.Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Names { get; } =
        taxonomy.Topics.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);

    public bool Contains(string topic) => Topics.ContainsKey(topic);
}

/// <summary>
/// <c>/feeds/…</c> (Atom and JSON Feed: everything, per topic, ad-hoc and saved queries) and the saved-query API under
/// <c>/api/feeds/queries</c>. Feeds are open, paged by keyset (<c>?before=</c>) and cacheable; changing a saved query
/// needs the operator key.
/// </summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").WithTags("Feeds");
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            var ext = format.Extension();
            feeds.MapGet($"/all.{ext}", (HttpContext http, int? limit, string? before) =>
                    ServeAsync(http, format, "/feeds/all", FeedFilter.Of(null, null, null, null), [], "all papers", "Every published paper, newest first.", limit, before))
                .WithName($"GetAllFeed{format}")
                .WithSummary($"Every published paper ({Describe(format)}), newest first, paged with rel=next.")
                .Produces(StatusCodes.Status200OK, contentType: format.ContentType()).Produces(StatusCodes.Status304NotModified);

            feeds.MapGet($"/topics/{{topic}}.{ext}", (HttpContext http, string topic, FeedTaxonomy taxonomy, int? limit, string? before) =>
                    taxonomy.Topics.TryGetValue(topic, out var definition)
                        ? ServeAsync(http, format, $"/feeds/topics/{Uri.EscapeDataString(topic)}", FeedFilter.Of(topic, null, null, null), [], definition.Name, definition.Description, limit, before)
                        : Task.FromResult<IResult>(NotFound("No such topic", $"'{topic}' is not a topic of the taxonomy; GET /api/filters lists the topics in use.")))
                .WithName($"GetTopicFeed{format}")
                .WithSummary($"Papers of one taxonomy topic ({Describe(format)}). 404 for a topic the taxonomy does not have.")
                .Produces(StatusCodes.Status200OK, contentType: format.ContentType()).Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);

            feeds.MapGet($"/search.{ext}", (HttpContext http, FeedTaxonomy taxonomy, string? topic, string? model, string? benchmark, string? q, int? limit, string? before) =>
                {
                    var filter = FeedFilter.Of(topic, model, benchmark, q);
                    if (filter.Topic is { } t && !taxonomy.Contains(t))
                    {
                        return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["topic"] = [$"'{t}' is not a topic of the taxonomy"] }));
                    }

                    return ServeAsync(http, format, "/feeds/search", filter, filter.Parameters(), SearchTitle(filter), "Papers matching the query, newest first.", limit, before);
                })
                .WithName($"GetSearchFeed{format}")
                .WithSummary($"Papers matching topic, model, benchmark and q ({Describe(format)}); q uses web-search syntax like /api/papers.")
                .Produces(StatusCodes.Status200OK, contentType: format.ContentType()).Produces(StatusCodes.Status304NotModified).ProducesValidationProblem();

            feeds.MapGet($"/queries/{{name}}.{ext}", async (HttpContext http, string name, SavedFeedQueries saved, int? limit, string? before) =>
                    await saved.FindAsync(name, http.RequestAborted) is { } query
                        ? await ServeAsync(http, format, $"/feeds/queries/{Uri.EscapeDataString(name)}", query.Filter, [], query.Title, $"Saved query '{query.Name}': {Describe(query.Filter)}.", limit, before)
                        : NotFound("No such saved query", $"No saved feed query '{name}'; GET /api/feeds/queries lists them."))
                .WithName($"GetSavedQueryFeed{format}")
                .WithSummary($"Papers of a saved query ({Describe(format)}).")
                .Produces(StatusCodes.Status200OK, contentType: format.ContentType()).Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        }

        var queries = app.MapGroup("/api/feeds/queries").WithTags("Feeds");
        queries.MapGet("", async (HttpContext http, SavedFeedQueries saved, IOptions<FeedOptions> options) =>
            {
                var links = Links(http, options.Value);
                return ETagged.Json((await saved.ListAsync(http.RequestAborted)).Select(q => SavedFeedQueries.View(q, links)).ToList());
            })
            .WithName("GetSavedFeedQueries")
            .WithSummary("Saved feed queries with the URLs of their Atom and JSON feeds.");

        queries.MapGet("/{name}", async Task<Results<ETagged<SavedFeedQueryView>, NotFound<ProblemDetails>>> (HttpContext http, string name, SavedFeedQueries saved, IOptions<FeedOptions> options) =>
                await saved.FindAsync(name, http.RequestAborted) is { } query
                    ? ETagged.Json(SavedFeedQueries.View(query, Links(http, options.Value)))
                    : TypedResults.NotFound(Problem("No such saved query", $"No saved feed query '{name}'.")))
            .WithName("GetSavedFeedQuery")
            .WithSummary("One saved feed query.");

        var operate = queries.MapGroup("").RequireAuthorization(ApiKey.Policy);
        operate.MapPost("", async Task<Results<Created<SavedFeedQueryView>, Ok<SavedFeedQueryView>, ValidationProblem>> (
                HttpContext http, SavedFeedQueryRequest request, SavedFeedQueries saved, FeedTaxonomy taxonomy, IOptions<FeedOptions> options) =>
            {
                var errors = SavedFeedQueries.Validate(request, taxonomy.Contains);
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }

                var (query, created) = await saved.SaveAsync(request, http.RequestAborted);
                var view = SavedFeedQueries.View(query, Links(http, options.Value));
                return created ? TypedResults.Created($"/api/feeds/queries/{query.Name}", view) : TypedResults.Ok(view);
            })
            .WithName("SaveFeedQuery")
            .WithSummary("Add (201) or redefine (200) a saved feed query: name, title, topic/model/benchmark/q. Requires X-Api-Key.");

        operate.MapDelete("/{name}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (HttpContext http, string name, SavedFeedQueries saved) =>
                await saved.DeleteAsync(name, http.RequestAborted)
                    ? TypedResults.NoContent()
                    : TypedResults.NotFound(Problem("No such saved query", $"No saved feed query '{name}'.")))
            .WithName("DeleteFeedQuery")
            .WithSummary("Remove a saved feed query (its feed answers 404 from then on). Requires X-Api-Key.");

        return app;
    }

    private static async Task<IResult> ServeAsync(
        HttpContext http, FeedFormat format, string path, FeedFilter filter, IEnumerable<KeyValuePair<string, string>> parameters,
        string title, string? description, int? limit, string? before)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<FeedOptions>>().Value;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1 || limit > options.MaxPageSize)
        {
            errors["limit"] = [$"limit is between 1 and {options.MaxPageSize}"];
        }

        FeedCursor? cursor = null;
        if (before is not null && !FeedCursor.TryDecode(before, out cursor))
        {
            errors["before"] = ["before is a cursor taken from a feed's next link"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await http.RequestServices.GetRequiredService<FeedQueries>().PageAsync(filter, cursor, limit ?? options.DefaultPageSize, http.RequestAborted);
        var links = Links(http, options);
        var identity = parameters.ToList();
        var query = identity.ToList();
        if (limit is { } l)
        {
            query.Add(new("limit", l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        List<KeyValuePair<string, string>> At(FeedCursor? position) =>
            position is null ? query : [.. query, new("before", position.Encode())];
        var other = format == FeedFormat.Atom ? FeedFormat.Json : FeedFormat.Atom;
        var document = new FeedDocument
        {
            Title = $"{options.Title}: {title}",
            Description = description,
            Id = links.Absolute($"{path}.{format.Extension()}", identity),
            SelfUrl = links.Absolute($"{path}.{format.Extension()}", At(cursor)),
            FirstUrl = links.Absolute($"{path}.{format.Extension()}", query),
            NextUrl = page.Next is { } next ? links.Absolute($"{path}.{format.Extension()}", At(next)) : null,
            OtherFormatUrl = links.Absolute($"{path}.{other.Extension()}", At(cursor)),
            HomePageUrl = links.PapersPage(filter),
            Links = links,
            TopicNames = http.RequestServices.GetRequiredService<FeedTaxonomy>().Names,
            Entries = page.Entries,
        };
        var body = format == FeedFormat.Atom ? AtomFeedWriter.Write(document) : JsonFeedWriter.Write(document);
        return new FeedResult(body, format.ContentType(), FeedValidators.ETag(format, document), page.LastModified, options.MaxAge);
    }

    private static FeedLinks Links(HttpContext http, FeedOptions options) =>
        new(options.PublicUrl ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");

    private static string SearchTitle(FeedFilter filter) =>
        filter.IsEmpty ? "all papers" : Describe(filter);

    private static string Describe(FeedFilter filter) =>
        string.Join(", ", filter.Parameters().Select(p => $"{p.Key} {p.Value}"));

    private static string Describe(FeedFormat format) => format == FeedFormat.Atom ? "Atom" : "JSON Feed 1.1";

    private static ProblemDetails Problem(string title, string detail) => new() { Title = title, Detail = detail, Status = StatusCodes.Status404NotFound };

    private static NotFound<ProblemDetails> NotFound(string title, string detail) => TypedResults.NotFound(Problem(title, detail));
}
