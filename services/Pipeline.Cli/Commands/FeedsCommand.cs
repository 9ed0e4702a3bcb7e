using System.CommandLine;
using System.Text.Json;
using Pipeline.Api.Feeds;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline feeds list|add|remove</c>: saved feed queries in <c>feeds.saved_queries</c>, served by the API at
/// <c>/feeds/queries/{name}.atom|.json</c> (the same rows as <c>/api/feeds/queries</c>).
/// </summary>
public static class FeedsCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var list = new Command("list", "Saved feed queries with their filters and feed paths.") { json };
        list.SetAction(async (parse, ct) => await ListAsync(parse.GetValue(json), ct));
        return new Command("feeds", "Manage saved feed queries (served as Atom and JSON Feed by the API).") { list, AddCommand(), RemoveCommand() };
    }

    private static Command AddCommand()
    {
        var name = new Argument<string>("name") { Description = "Feed name: lower-case letters, digits, hyphens (/feeds/queries/NAME.atom)" };
        var title = new Option<string?>("--title") { Description = "Feed title (default: the name)" };
        var topic = new Option<string?>("--topic") { Description = "Taxonomy topic id" };
        var model = new Option<string?>("--model") { Description = "Base model family, e.g. llama" };
        var benchmark = new Option<string?>("--benchmark") { Description = "Benchmark, e.g. MMLU" };
        var q = new Option<string?>("--q") { Description = "Full-text query over title and abstract (web-search syntax: words, \"phrases\", or, -not)" };
        var command = new Command("add", "Add or redefine a saved feed query (at least one of --topic, --model, --benchmark, --q).") { name, title, topic, model, benchmark, q };
        command.SetAction(async (parse, ct) =>
        {
            var request = new SavedFeedQueryRequest
            {
                Name = parse.GetValue(name), Title = parse.GetValue(title), Topic = parse.GetValue(topic),
                Model = parse.GetValue(model), Benchmark = parse.GetValue(benchmark), Q = parse.GetValue(q),
            };
            var taxonomy = LoadTaxonomy();
            var errors = SavedFeedQueries.Validate(request, t => taxonomy.Topics.Any(x => x.Id == t));
            if (errors.Count > 0)
            {
                foreach (var (field, messages) in errors)
                {
                    await Console.Error.WriteLineAsync($"{field}: {string.Join("; ", messages)}");
                }

                return 2;
            }

            await using var db = FeedsDbContext.Create(CliDatabase.ConnectionString);
            var (saved, created) = await new SavedFeedQueries(db, TimeProvider.System).SaveAsync(request, ct);
            Console.WriteLine($"{saved.Name}: {(created ? "added" : "redefined")} ({Describe(saved)}); served at /feeds/queries/{saved.Name}.atom and .json");
            return 0;
        });
        return command;
    }

    private static Command RemoveCommand()
    {
        var name = new Argument<string>("name") { Description = "Saved query name" };
        var command = new Command("remove", "Remove a saved feed query.") { name };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = FeedsDbContext.Create(CliDatabase.ConnectionString);
            if (!await new SavedFeedQueries(db, TimeProvider.System).DeleteAsync(parse.GetValue(name)!, ct))
            {
                await Console.Error.WriteLineAsync($"no saved feed query '{parse.GetValue(name)}'");
                return 2;
            }

            Console.WriteLine($"{parse.GetValue(name)}: removed");
            return 0;
        });
        return command;
    }

    private static async Task<int> ListAsync(bool json, CancellationToken ct)
    {
        await using var db = FeedsDbContext.Create(CliDatabase.ConnectionString);
        var queries = await new SavedFeedQueries(db, TimeProvider.System).ListAsync(ct);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(
                queries.Select(q => new { q.Name, q.Title, q.Topic, q.Model, q.Benchmark, q.Q, q.CreatedAt, q.UpdatedAt, Atom = $"/feeds/queries/{q.Name}.atom", Json = $"/feeds/queries/{q.Name}.json" }),
                Web));
            return 0;
        }

        if (queries.Count == 0)
        {
            Console.WriteLine("No saved feed queries (add one with: pipeline feeds add NAME --topic …).");
            return 0;
        }

        Console.WriteLine($"{"name",-24} {"title",-32} filter");
        foreach (var query in queries)
        {
            Console.WriteLine($"{query.Name,-24} {query.Title,-32} {Describe(query)}");
        }

        return 0;
    }

    private static string Describe(SavedFeedQuery query) =>
        string.Join(", ", query.Filter.Parameters().Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The taxonomy the services use: <c>Classify__TaxonomyPath</c> when set, else the built-in one.</summary>
    private static Taxonomy LoadTaxonomy()
    {
        if (Environment.GetEnvironmentVariable("Classify__TaxonomyPath") is not { Length: > 0 } path)
        {
            return Taxonomy.LoadDefault();
        }

        using var file = File.OpenRead(path);
        return Taxonomy.Load(file);
    }
}
