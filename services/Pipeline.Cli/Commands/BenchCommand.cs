using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.Fetch;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline bench --papers N</c>: serves N papers as Hugging Face days (50 a day, built from real papers of the
/// corpus folder with fresh ids) from a loopback server, registers a source for them with the running pipeline,
/// and measures until every paper is published and its events are sent. Needs the pipeline running (up.sh).
/// </summary>
public static class BenchCommand
{
    private const int PapersPerDay = 50;
    private static readonly DateOnly FirstDay = new(2090, 1, 1);

    public static Command Create()
    {
        var papers = new Option<int>("--papers") { Description = "Papers per run", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "Runs; the median is reported", DefaultValueFactory = _ => 3 };
        var corpus = new Option<DirectoryInfo>("--corpus") { Description = "Folder of real HF day files used as templates", DefaultValueFactory = _ => new DirectoryInfo("deploy/local/samples/inbox") };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for one run", DefaultValueFactory = _ => 600 };
        var keep = new Option<bool>("--keep") { Description = "Keep the bench papers in the database" };
        var command = new Command("bench", "Measure end-to-end throughput of the running pipeline on loopback.") { papers, runs, corpus, timeout, keep };
        command.SetAction(async (parse, ct) =>
        {
            var templates = LoadTemplates(parse.GetValue(corpus)!);
            var results = new List<RunResult>();
            for (var run = 1; run <= parse.GetValue(runs); run++)
            {
                var result = await RunOnceAsync(templates, parse.GetValue(papers), TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(keep), ct);
                results.Add(result);
                Console.WriteLine($"run {run}: {result}");
            }

            var median = results.OrderBy(r => r.PapersPerSecond).ElementAt(results.Count / 2);
            Console.WriteLine($"median of {results.Count} run(s), {parse.GetValue(papers)} papers: {median}");
            return 0;
        });
        return command;
    }

    private static List<JsonObject> LoadTemplates(DirectoryInfo folder)
    {
        var templates = new List<JsonObject>();
        foreach (var file in folder.EnumerateFiles("*.json"))
        {
            try
            {
                if (JsonNode.Parse(File.ReadAllBytes(file.FullName)) is JsonArray items)
                {
                    templates.AddRange(items.OfType<JsonObject>().Where(i => i["paper"] is JsonObject));
                }
            }
            catch (JsonException)
            {
                // Not a day file (the corpus may hold malformed samples on purpose).
            }
        }

        return templates.Count > 0 ? templates : throw new InvalidOperationException($"No HF day items in {folder.FullName}.");
    }

    private static async Task<RunResult> RunOnceAsync(List<JsonObject> templates, int count, TimeSpan timeout, bool keep, CancellationToken ct)
    {
        var prefix = $"9{Random.Shared.Next(100, 1000)}";
        var days = BuildDays(templates, count, prefix);
        await using var server = await StartServerAsync(days);
        await using var db = new NpgsqlConnection(CliDatabase.ConnectionString);
        await db.OpenAsync(ct);
        var sourceId = $"bench-{prefix}";
        var definition = JsonSerializer.Serialize(new SourceOptions
        {
            Kind = SourceKinds.HfDaily,
            BaseUrl = server.Urls.First(),
            Date = FirstDay,
            Until = FirstDay.AddDays(days.Count - 1),
            Interval = TimeSpan.FromHours(12),
        });

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await ExecuteAsync(db, "INSERT INTO fetcher.sources (id, kind, definition, enabled, next_due_at, consecutive_failures) VALUES ($1, 'hf-daily', $2::jsonb, true, now(), 0)", ct, sourceId, definition);
        try
        {
            var pattern = prefix + ".%";
            while (await ScalarAsync(db, "SELECT count(*) FROM publish.papers WHERE paper_id LIKE $1", ct, pattern) < count
                || await ScalarAsync(db, "SELECT count(*) FROM publish.outbox_messages", ct) > 0)
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Bench run {prefix} did not finish within {timeout.TotalSeconds:0}s.");
                }

                await Task.Delay(100, ct);
            }

            var elapsed = clock.Elapsed;
            var stages = await StageLatenciesAsync(db, pattern, sourceId, ct);
            return new RunResult(count, elapsed, count / elapsed.TotalSeconds, stages);
        }
        finally
        {
            await ExecuteAsync(db, "DELETE FROM fetcher.sources WHERE id = $1", ct, sourceId);
            if (!keep)
            {
                await CleanUpAsync(db, prefix + ".%", sourceId, ct);
            }
        }
    }

    /// <summary>Median per-paper time from the previous stage's commit to this stage's commit, in ms.</summary>
    private static async Task<Dictionary<string, double>> StageLatenciesAsync(NpgsqlConnection db, string pattern, string sourceId, CancellationToken ct)
    {
        const string sql = """
            SELECT
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.updated_at - d.fetched_at)) * 1000,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.classified_at - p.updated_at)) * 1000,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM pub.last_published_at - c.classified_at)) * 1000,
              extract(epoch FROM max(d.fetched_at) - min(d.fetched_at)) * 1000
            FROM parse.papers p
            JOIN fetcher.documents d ON d.id = p.document_id
            JOIN classify.enrichments c ON c.paper_id = p.id
            JOIN publish.papers pub ON pub.paper_id = p.id
            WHERE p.id LIKE $1 AND d.source_id = $2
            """;
        await using var command = new NpgsqlCommand(sql, db);
        command.Parameters.Add(new NpgsqlParameter { Value = pattern });
        command.Parameters.Add(new NpgsqlParameter { Value = sourceId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["fetch (all days)"] = reader.GetDouble(3),
            ["fetched→parsed"] = reader.GetDouble(0),
            ["parsed→classified"] = reader.GetDouble(1),
            ["classified→published"] = reader.GetDouble(2),
        };
    }

    private static Dictionary<string, byte[]> BuildDays(List<JsonObject> templates, int count, string prefix)
    {
        var days = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var day = 0; day * PapersPerDay < count; day++)
        {
            var items = new JsonArray();
            for (var i = day * PapersPerDay; i < Math.Min(count, (day + 1) * PapersPerDay); i++)
            {
                var item = (JsonObject)templates[i % templates.Count].DeepClone();
                item["paper"]!["id"] = $"{prefix}.{i:D5}";
                items.Add(item);
            }

            days[FirstDay.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)] = JsonSerializer.SerializeToUtf8Bytes(items);
        }

        return days;
    }

    private static async Task<WebApplication> StartServerAsync(Dictionary<string, byte[]> days)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/daily_papers", (string date) => days.TryGetValue(date, out var body) ? Results.Bytes(body, "application/json") : Results.NotFound());
        await app.StartAsync();
        return app;
    }

    private static async Task CleanUpAsync(NpgsqlConnection db, string pattern, string sourceId, CancellationToken ct)
    {
        await ExecuteAsync(db, "DELETE FROM publish.papers WHERE paper_id LIKE $1", ct, pattern);
        await ExecuteAsync(db, "DELETE FROM classify.enrichments WHERE paper_id LIKE $1", ct, pattern);
        await ExecuteAsync(db, "DELETE FROM parse.papers WHERE id LIKE $1", ct, pattern);
        await ExecuteAsync(db, "DELETE FROM fetcher.documents WHERE source_id = $1", ct, sourceId);
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, db);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed record RunResult(int Papers, TimeSpan Elapsed, double PapersPerSecond, Dictionary<string, double> StageMedianMs)
    {
        public override string ToString() =>
            $"{PapersPerSecond,8:N0} papers/s end to end ({Papers} in {Elapsed.TotalSeconds:N2}s); median per paper: "
            + string.Join(", ", StageMedianMs.Select(s => $"{s.Key} {s.Value:N0} ms"));
    }
}
