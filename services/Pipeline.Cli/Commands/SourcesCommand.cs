using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Pipeline.Fetch;
using Pipeline.Fetch.Sources;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline sources list|add|pause|resume|run</c>: operators manage sources in <c>fetcher.sources</c>; the
/// running Fetch instances pick changes up on their next tick, without a restart.
/// </summary>
public static class SourcesCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var list = new Command("list", "Every source with its health, last success and change, failures, next due.") { json };
        list.SetAction(async (parse, ct) => await ListAsync(parse.GetValue(json), ct));

        var command = new Command("sources", "List and manage sources.") { list };
        command.Subcommands.Add(Update("pause", "Stop polling a source (kept across restarts).", "paused = true"));
        command.Subcommands.Add(Update("resume", "Poll a paused source again.", "paused = false, next_due_at = now()"));
        command.Subcommands.Add(Update("run", "Poll a source now.", "next_due_at = now()"));
        command.Subcommands.Add(AddCommand());
        return command;
    }

    private static Command Update(string name, string description, string set)
    {
        var id = new Argument<string>("source") { Description = "Source id" };
        var command = new Command(name, description) { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
            await using var update = db.CreateCommand($"UPDATE fetcher.sources SET {set} WHERE id = $1");
            update.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(id)! });
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                await Console.Error.WriteLineAsync($"no source '{parse.GetValue(id)}'");
                return 2;
            }

            Console.WriteLine($"{parse.GetValue(id)}: {name} done");
            return 0;
        });
        return command;
    }

    private static Command AddCommand()
    {
        var id = new Argument<string>("source") { Description = "New source id" };
        var definition = new Option<string>("--definition")
        {
            Description = """Source options as JSON, e.g. {"Kind":"arxiv-rss","Categories":"cs.CL","Interval":"01:00:00","ExpectedUpdate":"1.00:00:00","SkipWeekends":true}""",
            Required = true,
        };
        var command = new Command("add", "Add (or redefine) a source at run time.") { id, definition };
        command.SetAction(async (parse, ct) =>
        {
            SourceOptions? source;
            try
            {
                source = JsonSerializer.Deserialize<SourceOptions>(parse.GetValue(definition)!);
            }
            catch (JsonException ex)
            {
                await Console.Error.WriteLineAsync($"--definition is not valid JSON: {ex.Message}");
                return 2;
            }

            if (source is null || !source.IsValid())
            {
                await Console.Error.WriteLineAsync("the definition is incomplete: a known Kind with its URL/Path/Query/Categories and a positive Interval");
                return 2;
            }

            await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
            await using var insert = db.CreateCommand("""
                INSERT INTO fetcher.sources (id, kind, definition, enabled, paused, next_due_at, consecutive_failures)
                VALUES ($1, $2, $3::jsonb, true, false, now(), 0)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, definition = EXCLUDED.definition, cursor = NULL, next_due_at = now()
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(id)! });
            insert.Parameters.Add(new NpgsqlParameter { Value = source.Kind });
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(source) });
            await insert.ExecuteNonQueryAsync(ct);
            Console.WriteLine($"{parse.GetValue(id)}: added ({source.Kind})");
            return 0;
        });
        return command;
    }

    private static async Task<int> ListAsync(bool json, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
        await using var query = db.CreateCommand("""
            SELECT id, kind, definition::text, enabled, paused, consecutive_failures, last_attempt_at, last_success_at, last_change_at, next_due_at, last_error
            FROM fetcher.sources ORDER BY id
            """);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<SourceRow>();
        while (await reader.ReadAsync(ct))
        {
            var definition = JsonSerializer.Deserialize<SourceOptions>(reader.GetString(2))!;
            DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            var health = SourceStatus.Health(reader.GetBoolean(3), reader.GetBoolean(4), reader.GetInt32(5), At(7), At(8), definition, now);
            rows.Add(new SourceRow(reader.GetString(0), reader.GetString(1), health.ToString().ToLowerInvariant(), reader.GetInt32(5), At(6), At(7), At(8), At(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, Web));
            return 0;
        }

        Console.WriteLine($"{"source",-18} {"kind",-10} {"health",-12} {"failures",8}  {"last success",-20} {"last change",-20} next due");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Id,-18} {r.Kind,-10} {r.Health,-12} {r.ConsecutiveFailures,8}  {Format(r.LastSuccessAt),-20} {Format(r.LastChangeAt),-20} {Format(r.NextDueAt)}{(r.LastError is null ? "" : "  ! " + r.LastError)}");
        }

        return 0;
    }

    private static string Format(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "never";

    private sealed record SourceRow(string Id, string Kind, string Health, int ConsecutiveFailures, DateTimeOffset? LastAttemptAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastChangeAt, DateTimeOffset? NextDueAt, string? LastError);
}
