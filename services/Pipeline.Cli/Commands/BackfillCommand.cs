using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Pipeline.Fetch;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline backfill SOURCE --from DATE [--until DATE]</c>: walks a source's history (Hugging Face days,
/// OAI-PMH pages) as a one-off source <c>SOURCE-backfill</c> run by the Fetch service, and shows its progress.
/// The walk's position is the source's cursor in PostgreSQL, so it resumes after a crash of Fetch or of this
/// command (run it again with the same dates).
/// </summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "An hf-daily or oai-pmh source to take the settings from" };
        var from = new Option<DateOnly>("--from") { Description = "First day", Required = true };
        var until = new Option<DateOnly?>("--until") { Description = "Last day (default: today, UTC)" };
        var detach = new Option<bool>("--detach") { Description = "Start it and return without waiting" };
        var command = new Command("backfill", "Walk a source's history, resumably.") { source, from, until, detach };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
            var sourceId = parse.GetValue(source)!;
            var template = await DefinitionAsync(db, sourceId, ct);
            if (template is null || template.Kind is not (SourceKinds.HfDaily or SourceKinds.OaiPmh))
            {
                await Console.Error.WriteLineAsync($"'{sourceId}' is not an hf-daily or oai-pmh source");
                return 2;
            }

            var first = parse.GetValue(from);
            var last = parse.GetValue(until) ?? DateOnly.FromDateTime(DateTime.UtcNow);
            template.Date = first;
            template.Until = last;
            template.Enabled = true;
            // One walk: it is not repeated on a schedule.
            template.Interval = TimeSpan.FromDays(3650);
            var id = $"{sourceId}-backfill";
            await using (var upsert = db.CreateCommand("""
                INSERT INTO fetcher.sources (id, kind, definition, enabled, paused, next_due_at, consecutive_failures)
                VALUES ($1, $2, $3::jsonb, true, false, now(), 0)
                ON CONFLICT (id) DO UPDATE SET
                    cursor = CASE WHEN fetcher.sources.definition = EXCLUDED.definition THEN fetcher.sources.cursor END,
                    next_due_at = CASE WHEN fetcher.sources.definition = EXCLUDED.definition AND fetcher.sources.last_success_at IS NOT NULL
                                       THEN fetcher.sources.next_due_at ELSE now() END,
                    definition = EXCLUDED.definition, kind = EXCLUDED.kind, paused = false
                """))
            {
                upsert.Parameters.Add(new NpgsqlParameter { Value = id });
                upsert.Parameters.Add(new NpgsqlParameter { Value = template.Kind });
                upsert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(template) });
                await upsert.ExecuteNonQueryAsync(ct);
            }

            Console.WriteLine($"backfill {id}: {first:yyyy-MM-dd} .. {last:yyyy-MM-dd} ({template.Kind}), run by the Fetch service");
            return parse.GetValue(detach) ? 0 : await FollowAsync(db, id, template, ct);
        });
        return command;
    }

    private static async Task<SourceOptions?> DefinitionAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var query = db.CreateCommand("SELECT definition::text FROM fetcher.sources WHERE id = $1");
        query.Parameters.Add(new NpgsqlParameter { Value = id });
        return await query.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<SourceOptions>(json) : null;
    }

    /// <summary>Draws a progress bar until the walk is done (or fails repeatedly).</summary>
    private static async Task<int> FollowAsync(NpgsqlDataSource db, string id, SourceOptions walk, CancellationToken ct)
    {
        var totalDays = walk.Until!.Value.DayNumber - walk.Date!.Value.DayNumber + 1;
        while (true)
        {
            await using var query = db.CreateCommand("""
                SELECT s.cursor, s.last_success_at IS NOT NULL AND s.lease_until IS NULL, s.consecutive_failures, s.last_error,
                       (SELECT count(*) FROM fetcher.documents d WHERE d.source_id = s.id)
                FROM fetcher.sources s WHERE s.id = $1
                """);
            query.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await query.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var cursor = reader.IsDBNull(0) ? null : reader.GetString(0);
            var polledOnce = reader.GetBoolean(1);
            var failures = reader.GetInt32(2);
            var documents = reader.GetInt64(4);
            var (done, fraction) = walk.Kind == SourceKinds.HfDaily
                ? HfProgress(cursor, walk, totalDays)
                : (polledOnce && cursor is not null && !cursor.Contains("\"Token\":\"", StringComparison.Ordinal), polledOnce ? 1.0 : 0.0);
            var width = 30;
            var filled = (int)Math.Round(fraction * width);
            Console.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0}  {documents} document(s) stored{(failures > 0 ? $", {failures} failure(s): {reader.GetString(3)}" : "")}   ");
            if (done)
            {
                Console.WriteLine();
                Console.WriteLine("done");
                return 0;
            }

            if (failures >= 5)
            {
                Console.WriteLine();
                await Console.Error.WriteLineAsync("the walk keeps failing; it stays in place and resumes from its cursor when Fetch retries (pipeline sources list)");
                return 1;
            }

            await Task.Delay(1000, ct);
        }
    }

    private static (bool Done, double Fraction) HfProgress(string? cursor, SourceOptions walk, int totalDays)
    {
        if (cursor is null || JsonSerializer.Deserialize<DateOnly?>(cursor) is not { } day)
        {
            return (false, 0);
        }

        var done = day.DayNumber - walk.Date!.Value.DayNumber + 1;
        return (day >= walk.Until!.Value, Math.Clamp(done / (double)totalDays, 0, 1));
    }
}
