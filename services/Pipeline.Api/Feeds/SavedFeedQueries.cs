using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pipeline.Persistence;

namespace Pipeline.Api.Feeds;

/// <summary>A saved query as the API and CLI accept it (<c>POST /api/feeds/queries</c>, <c>pipeline feeds add</c>).</summary>
public sealed record SavedFeedQueryRequest
{
    public string? Name { get; init; }

    /// <summary>The feed's title; the name when absent.</summary>
    public string? Title { get; init; }

    public string? Topic { get; init; }

    public string? Model { get; init; }

    public string? Benchmark { get; init; }

    public string? Q { get; init; }
}

/// <summary>A saved query with the URLs of its feeds.</summary>
public sealed record SavedFeedQueryView(
    string Name, string Title, string? Topic, string? Model, string? Benchmark, string? Q,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string AtomUrl, string JsonUrl);

/// <summary>Saved queries in <c>feeds.saved_queries</c>: validation (pure) and storage, shared by the API and the CLI.</summary>
public sealed partial class SavedFeedQueries(FeedsDbContext db, TimeProvider clock)
{
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>Errors per field (empty when valid). <paramref name="isTopic"/> says whether an id is a taxonomy topic.</summary>
    public static Dictionary<string, string[]> Validate(SavedFeedQueryRequest request, Func<string, bool> isTopic)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(isTopic);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            errors["name"] = [$"name is 1–{SavedFeedQuery.MaxNameLength} lower-case letters, digits and inner hyphens (it becomes the feed's URL)"];
        }

        if (request.Title?.Trim().Length > SavedFeedQuery.MaxTitleLength)
        {
            errors["title"] = [$"title is at most {SavedFeedQuery.MaxTitleLength} characters"];
        }

        var filter = FeedFilter.Of(request.Topic, request.Model, request.Benchmark, request.Q);
        if (filter.IsEmpty)
        {
            errors["filter"] = ["give at least one of topic, model, benchmark or q (/feeds/all has everything)"];
        }

        if (filter.Topic is { } topic && !isTopic(topic))
        {
            errors["topic"] = [$"'{topic}' is not a topic of the taxonomy"];
        }

        foreach (var (field, value) in new[] { ("topic", filter.Topic), ("model", filter.Model), ("benchmark", filter.Benchmark) })
        {
            if (value?.Length > SavedFeedQuery.MaxFilterLength)
            {
                errors[field] = [$"{field} is at most {SavedFeedQuery.MaxFilterLength} characters"];
            }
        }

        if (filter.Q?.Length > SavedFeedQuery.MaxQueryLength)
        {
            errors["q"] = [$"q is at most {SavedFeedQuery.MaxQueryLength} characters"];
        }

        return errors;
    }

    public Task<List<SavedFeedQuery>> ListAsync(CancellationToken ct) =>
        db.SavedQueries.AsNoTracking().OrderBy(q => q.Name).ToListAsync(ct);

    public Task<SavedFeedQuery?> FindAsync(string name, CancellationToken ct) =>
        db.SavedQueries.AsNoTracking().SingleOrDefaultAsync(q => q.Name == name, ct);

    /// <summary>Adds or redefines a validated query; true when it is new.</summary>
    public async Task<(SavedFeedQuery Query, bool Created)> SaveAsync(SavedFeedQueryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name!.Trim();
        var filter = FeedFilter.Of(request.Topic, request.Model, request.Benchmark, request.Q);
        var title = string.IsNullOrWhiteSpace(request.Title) ? name : request.Title.Trim();
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.SavedQueries.SingleOrDefaultAsync(q => q.Name == name, ct);
            var query = existing ?? new SavedFeedQuery { Name = name, Title = title, CreatedAt = now };
            query.Title = title;
            query.Topic = filter.Topic;
            query.Model = filter.Model;
            query.Benchmark = filter.Benchmark;
            query.Q = filter.Q;
            query.UpdatedAt = now;
            if (existing is null)
            {
                db.SavedQueries.Add(query);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return (query, existing is null);
            }
            catch (DbUpdateException ex) when (attempt == 0 && ex.IsUniqueViolation())
            {
                // Someone added the same name in between: update theirs instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct) =>
        await db.SavedQueries.Where(q => q.Name == name).ExecuteDeleteAsync(ct) > 0;

    public static SavedFeedQueryView View(SavedFeedQuery query, FeedLinks links)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(links);
        return new SavedFeedQueryView(
            query.Name, query.Title, query.Topic, query.Model, query.Benchmark, query.Q, query.CreatedAt, query.UpdatedAt,
            links.Absolute($"/feeds/queries/{query.Name}.atom", []), links.Absolute($"/feeds/queries/{query.Name}.json", []));
    }
}
