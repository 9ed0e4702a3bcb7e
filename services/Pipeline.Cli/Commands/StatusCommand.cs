using System.CommandLine;
using System.Text.Json;
using Npgsql;

namespace Pipeline.Cli;

/// <summary><c>pipeline status</c>: counts per stage from PostgreSQL.</summary>
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
        var command = new Command("status", "Counts per stage, and each source's state.") { json };
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
            await using (var command = new NpgsqlCommand(
                "SELECT id, kind, enabled, last_attempt_at, last_success_at, last_change_at, consecutive_failures, next_due_at, last_error FROM fetcher.sources ORDER BY id",
                connection))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    sources.Add(row);
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    stages = counts.GroupBy(c => c.Stage).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Label, c => c.Count)),
                    sources,
                }));
                return 0;
            }

            foreach (var (stage, label, count) in counts)
            {
                Console.WriteLine($"{stage,-9} {label,-20} {count,10:N0}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"source",-16} {"kind",-10} {"enabled",-8} {"last success",-22} {"failures",8}  next due");
            foreach (var s in sources)
            {
                Console.WriteLine($"{s["id"],-16} {s["kind"],-10} {s["enabled"],-8} {s["last_success_at"] ?? "never",-22} {s["consecutive_failures"],8}  {s["next_due_at"]}");
            }

            return 0;
        });
        return command;
    }
}
