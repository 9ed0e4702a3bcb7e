using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pipeline.Fetch.Persistence;
using Pipeline.Api.Data;
using RabbitMQ.Client;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline errors list|replay</c>: what failed — documents Parse rejected (with reasons), rejected records, and
/// messages in MassTransit's <c>_error</c> queues — and replaying it: documents are announced again through Fetch's
/// outbox (the running Fetch relays them, like <c>pipeline reparse</c>), messages are moved back to their queue
/// (publisher-confirmed before the error copy is acked). Broker: <c>RabbitMq__Host/Port/VHost/User/Pass</c> and
/// <c>--management-url</c> (default http://127.0.0.1:15672).
/// </summary>
public static class ErrorsCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var management = ManagementOption();
        var list = new Command("list", "Rejected documents and records with reasons, and messages waiting in error queues.") { json, management };
        list.SetAction(async (parse, ct) => await ListAsync(parse.GetValue(json), parse.GetValue(management)!, ct));

        var id = new Argument<string?>("failure")
        {
            Description = "What to replay, as `errors list` shows it: document:{id}, records:{id} or message:{queue}/{messageId}",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Replay every rejected document and every error-queue message" };
        var replayManagement = ManagementOption();
        var replayJson = new Option<bool>("--json") { Description = "Machine-readable output" };
        var replay = new Command("replay", "Parse rejected documents again, or move error-queue messages back to their queue.") { id, all, replayManagement, replayJson };
        replay.SetAction(async (parse, ct) => await ReplayAsync(parse.GetValue(id), parse.GetValue(all), parse.GetValue(replayManagement)!, parse.GetValue(replayJson), ct));

        return new Command("errors", "List and replay what failed.") { list, replay };
    }

    private static Option<string> ManagementOption() => new("--management-url")
    {
        Description = "RabbitMQ management API (user and password: RabbitMq__User/RabbitMq__Pass, default pipeline)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Api__ManagementUrl") is { Length: > 0 } url ? url : "http://127.0.0.1:15672",
    };

    private sealed record Failure(string Id, string Kind, string Where, DateTimeOffset? At, string Reason, string? Url);

    private static async Task<int> ListAsync(bool json, string managementUrl, CancellationToken ct)
    {
        var failures = new List<Failure>();
        await using (var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString))
        {
            await using var documents = db.CreateCommand("""
                SELECT r.document_id, r.source_id, r.rejected_at, r.reason, d.url
                FROM parse.rejected_documents r LEFT JOIN fetcher.documents d ON d.id = r.document_id ORDER BY r.rejected_at DESC
                """);
            await using (var reader = await documents.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    failures.Add(new Failure($"document:{reader.GetGuid(0)}", "document", reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
                }
            }

            await using var records = db.CreateCommand("""
                SELECT r.document_id, COALESCE(d.source_id, '?'), max(r.rejected_at), count(*)::int, min(r.reason), d.url
                FROM parse.rejected_records r LEFT JOIN fetcher.documents d ON d.id = r.document_id
                GROUP BY r.document_id, d.source_id, d.url ORDER BY max(r.rejected_at) DESC
                """);
            await using (var reader = await records.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var count = reader.GetInt32(3);
                    failures.Add(new Failure($"records:{reader.GetGuid(0)}", "records", reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                        count == 1 ? reader.GetString(4) : $"{count} records, e.g. {reader.GetString(4)}", reader.IsDBNull(5) ? null : reader.GetString(5)));
                }
            }
        }

        string? brokerError = null;
        var queues = new List<(string Name, long Messages)>();
        try
        {
            using var http = ManagementClient(managementUrl);
            foreach (var queue in await ErrorQueuesAsync(http, ct))
            {
                queues.Add(queue);
                if (queue.Messages == 0)
                {
                    continue;
                }

                using var response = await http.PostAsJsonAsync(
                    $"api/queues/{VHostPath}/{Uri.EscapeDataString(queue.Name)}/get",
                    new { count = 50, ackmode = "ack_requeue_true", encoding = "auto", truncate = 2000 },
                    ct);
                response.EnsureSuccessStatusCode();
                foreach (var m in (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).EnumerateArray())
                {
                    var properties = m.GetProperty("properties");
                    string? Header(string name) => properties.TryGetProperty("headers", out var h) && h.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    var messageId = properties.TryGetProperty("message_id", out var mid) ? mid.GetString() : null;
                    var at = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
                    failures.Add(new Failure($"message:{queue.Name}/{messageId}", "message", queue.Name, at, Header("MT-Fault-Message") ?? Header("MT-Reason") ?? "(no fault headers)", null));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            brokerError = $"RabbitMQ management API at {managementUrl}: {ex.Message}";
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { items = failures, errorQueues = queues.Select(q => new { name = q.Name, messages = q.Messages }), brokerError }, Web));
            return 0;
        }

        if (failures.Count == 0)
        {
            Console.WriteLine("Nothing failed.");
        }
        else
        {
            Console.WriteLine($"{"failure",-62} {"where",-22} {"when (UTC)",-19}  reason");
            foreach (var f in failures)
            {
                Console.WriteLine($"{f.Id,-62} {Cut(f.Where, 22),-22} {f.At?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",-19}  {Cut(f.Reason, 100)}");
            }

            Console.WriteLine();
            Console.WriteLine($"{failures.Count(f => f.Kind == "document")} document(s) rejected, {failures.Count(f => f.Kind == "records")} document(s) with rejected records, "
                + $"{queues.Sum(q => q.Messages)} message(s) in error queues. Replay one with `pipeline errors replay ID`, all with `--all`.");
        }

        if (brokerError is not null)
        {
            await Console.Error.WriteLineAsync(brokerError);
        }

        return 0;
    }

    private static async Task<int> ReplayAsync(string? id, bool all, string managementUrl, bool json, CancellationToken ct)
    {
        if (all == (id is not null))
        {
            await Console.Error.WriteLineAsync("name one failure (as `pipeline errors list` shows it) or pass --all");
            return 2;
        }

        var documents = new List<Guid>();
        var moved = 0;
        if (all)
        {
            await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
            await using var query = db.CreateCommand("SELECT document_id FROM parse.rejected_documents UNION SELECT document_id FROM parse.rejected_records");
            await using (var reader = await query.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    documents.Add(reader.GetGuid(0));
                }
            }

            using var http = ManagementClient(managementUrl);
            foreach (var queue in (await ErrorQueuesAsync(http, ct)).Where(q => q.Messages > 0))
            {
                moved += await MoveBackAsync(queue.Name, null, ct);
            }
        }
        else if (id!.Split(':', 2) is [("document" or "records"), var doc] && Guid.TryParse(doc, out var documentId))
        {
            documents.Add(documentId);
        }
        else if (Guid.TryParse(id, out var bare))
        {
            documents.Add(bare);
        }
        else if (id.StartsWith("message:", StringComparison.Ordinal) && id["message:".Length..].Split('/', 2) is [var queue, var messageId] && queue.EndsWith("_error", StringComparison.Ordinal))
        {
            moved = await MoveBackAsync(queue, messageId, ct);
            if (moved == 0)
            {
                await Console.Error.WriteLineAsync($"no message {messageId} in {queue}");
                return 2;
            }
        }
        else
        {
            await Console.Error.WriteLineAsync($"'{id}' is not a failure id: document:{{id}}, records:{{id}} or message:{{queue}}_error/{{messageId}}");
            return 2;
        }

        var queued = await ReparseAsync(documents, ct);
        if (!all && documents.Count > 0 && queued == 0)
        {
            await Console.Error.WriteLineAsync($"no stored document {documents[0]}");
            return 2;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { documents = queued, messages = moved }, Web));
        }
        else
        {
            Console.WriteLine($"{queued} document(s) queued for parsing again (the running Fetch relays them), {moved} message(s) moved back to their queues.");
        }

        return 0;
    }

    /// <summary>What <c>pipeline reparse --document</c> does, for several documents in one transaction.</summary>
    private static async Task<int> ReparseAsync(List<Guid> ids, CancellationToken ct)
    {
        await using var db = CliDatabase.Fetch();
        return await DocumentReplay.QueueAsync(db, ids, ct);
    }

    /// <summary>Moves one message (by id) or everything that was waiting back from <c>X_error</c> to <c>X</c>, as the API's replay does.</summary>
    private static Task<int> MoveBackAsync(string errorQueue, string? messageId, CancellationToken ct) =>
        Broker.MoveBackAsync(
            new ConnectionFactory
            {
                HostName = Env("RabbitMq__Host", "127.0.0.1"),
                Port = int.Parse(Env("RabbitMq__Port", "5672"), CultureInfo.InvariantCulture),
                VirtualHost = VHost,
                UserName = Env("RabbitMq__User", "pipeline"),
                Password = Env("RabbitMq__Pass", "pipeline"),
                ClientProvidedName = "pipeline errors replay",
            },
            errorQueue,
            messageId,
            ct);

    private static async Task<List<(string Name, long Messages)>> ErrorQueuesAsync(HttpClient http, CancellationToken ct)
    {
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{VHostPath}?columns=name,messages", ct);
        return
        [
            .. queues.EnumerateArray()
                .Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
                .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal))
                .OrderBy(q => q.Name, StringComparer.Ordinal),
        ];
    }

    private static HttpClient ManagementClient(string url)
    {
        var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Env("RabbitMq__User", "pipeline")}:{Env("RabbitMq__Pass", "pipeline")}")));
        return http;
    }

    private static string VHost => Env("RabbitMq__VHost", "/");

    private static string VHostPath => Uri.EscapeDataString(VHost);

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static string Cut(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
