using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Pipeline.Fetch;
using Pipeline.Fetch.Sources;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline status</c>: the overview in the terminal — counts per stage from PostgreSQL, each source's health,
/// queue depths and consumers from the RabbitMQ management API (<c>--management-url</c>), and a red/amber/green verdict.
/// </summary>
public static class StatusCommand
{
    private static readonly (string Stage, string Label, string Sql)[] Counts =
    [
        ("fetch", "documents stored", "SELECT count(*) FROM fetcher.documents"),
        ("fetch", "outbox pending", "SELECT count(*) FROM fetcher.outbox_messages"),
        ("parse", "papers", "SELECT count(*) FROM parse.papers"),
        ("parse", "documents rejected", "SELECT count(*) FROM parse.rejected_documents"),
        ("parse", "records rejected", "SELECT count(*) FROM parse.rejected_records"),
        ("parse", "outbox pending", "SELECT count(*) FROM parse.outbox_messages"),
        ("classify", "papers enriched", "SELECT count(*) FROM classify.enrichments"),
        ("classify", "outbox pending", "SELECT count(*) FROM classify.outbox_messages"),
        ("publish", "papers published", "SELECT count(*) FROM publish.papers"),
        ("publish", "events pending", "SELECT count(*) FROM publish.outbox_messages"),
    ];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var management = new Option<string>("--management-url")
        {
            Description = "RabbitMQ management API for queue depths (user/password: RabbitMq__User/RabbitMq__Pass, default pipeline)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Api__ManagementUrl") is { Length: > 0 } url ? url : "http://127.0.0.1:15672",
        };
        var command = new Command("status", "Counts per stage, queues, each source's health, and the pipeline's state.") { json, management };
        command.SetAction(async (parse, ct) =>
        {
            await using var connection = new NpgsqlConnection(CliDatabase.ConnectionString);
            await connection.OpenAsync(ct);
            var counts = new List<(string Stage, string Label, long Count)>();
            foreach (var (stage, label, sql) in Counts)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                counts.Add((stage, label, (long)(await command.ExecuteScalarAsync(ct))!));
            }

            var sources = new List<Dictionary<string, object?>>();
            var now = DateTimeOffset.UtcNow;
            await using (var command = new NpgsqlCommand(
                "SELECT id, kind, enabled, last_attempt_at, last_success_at, last_change_at, consecutive_failures, next_due_at, last_error, paused, definition::text FROM fetcher.sources ORDER BY id",
                connection))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (var i = 0; i < 9; i++)
                    {
                        row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
                    var definition = JsonSerializer.Deserialize<SourceOptions>(reader.GetString(10)) ?? new SourceOptions();
                    row["health"] = SourceStatus.Health(reader.GetBoolean(2), reader.GetBoolean(9), reader.GetInt32(6), At(4), At(5), definition, now).ToString().ToLowerInvariant();
                    sources.Add(row);
                }
            }

            var (queues, brokerError) = await QueuesAsync(parse.GetValue(management)!, ct);
            var signals = new List<(string Level, string Text)>();
            signals.AddRange(sources.Where(s => s["health"] is "failing").Select(s => ("red", $"source {s["id"]} is failing: {s["last_error"]}")));
            signals.AddRange(sources.Where(s => s["health"] is "stale").Select(s => ("amber", $"source {s["id"]} is stale")));
            signals.AddRange(queues.Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Consumers == 0).Select(q => ("red", $"queue {q.Name} has no consumer")));
            signals.AddRange(queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0).Select(q => ("amber", $"{q.Messages} message(s) in {q.Name} (pipeline errors list)")));
            var rejected = counts.Where(c => c.Label.EndsWith("rejected", StringComparison.Ordinal)).Sum(c => c.Count);
            if (rejected > 0)
            {
                signals.Add(("amber", $"{rejected} rejected document(s)/record(s) (pipeline errors list)"));
            }

            if (brokerError is not null)
            {
                signals.Add(("amber", brokerError));
            }

            var state = signals.Any(s => s.Level == "red") ? "red" : signals.Count > 0 ? "amber" : "green";
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    state,
                    signals = signals.Select(s => new { level = s.Level, text = s.Text }),
                    stages = counts.GroupBy(c => c.Stage).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Label, c => c.Count)),
                    queues = queues.Select(q => new { name = q.Name, messages = q.Messages, consumers = q.Consumers }),
                    sources,
                }));
                return 0;
            }

            Console.WriteLine($"pipeline: {state.ToUpperInvariant()}");
            foreach (var (level, text) in signals)
            {
                Console.WriteLine($"  [{level}] {text}");
            }

            Console.WriteLine();
            foreach (var (stage, label, count) in counts)
            {
                Console.WriteLine($"{stage,-9} {label,-20} {count,10:N0}");
            }

            if (queues.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"{"queue",-32} {"messages",10} {"consumers",10}");
                foreach (var q in queues)
                {
                    Console.WriteLine($"{q.Name,-32} {q.Messages,10:N0} {q.Consumers,10}");
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{"source",-16} {"kind",-10} {"health",-12} {"last success",-22} {"failures",8}  next due");
            foreach (var s in sources)
            {
                Console.WriteLine($"{s["id"],-16} {s["kind"],-10} {s["health"],-12} {When(s["last_success_at"]),-22} {s["consecutive_failures"],8}  {When(s["next_due_at"])}");
            }

            return 0;
        });
        return command;
    }

    private static string When(object? at) => at switch
    {
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        null => "never",
        _ => at.ToString() ?? "",
    };

    private sealed record Queue(string Name, long Messages, int Consumers);

    /// <summary>The vhost's durable queues from the management API; an unreachable API is reported, not fatal.</summary>
    private static async Task<(List<Queue> Queues, string? Error)> QueuesAsync(string managementUrl, CancellationToken ct)
    {
        static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(managementUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Env("RabbitMq__User", "pipeline")}:{Env("RabbitMq__Pass", "pipeline")}")));
            var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(Env("RabbitMq__VHost", "/"))}?columns=name,messages,consumers,auto_delete", ct);
            return (
                [
                    .. queues.EnumerateArray()
                        .Where(q => !(q.TryGetProperty("auto_delete", out var a) && a.ValueKind == JsonValueKind.True))
                        .Select(q => new Queue(
                            q.GetProperty("name").GetString()!,
                            q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0,
                            q.TryGetProperty("consumers", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0))
                        .OrderBy(q => q.Name, StringComparer.Ordinal),
                ],
                null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or UriFormatException)
        {
            return ([], $"queues unavailable ({managementUrl}): {ex.Message}");
        }
    }
}
