using System.CommandLine;
using System.Globalization;
using Pipeline.Publish.Publishing;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline republish --since DATE [--until DATE] [--topic T] [--paper ID]</c>: re-emits the latest event of
/// every paper published in that window, marked <c>replay: true</c>, for downstream consumers that rebuild. The
/// events go through Publish's outbox; the running Publish relays them.
/// </summary>
public static class RepublishCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = "Papers last published at or after (UTC unless an offset is given, e.g. 2026-11-01)", Required = true };
        var until = new Option<string?>("--until") { Description = "…and before (UTC unless an offset is given)" };
        var topic = new Option<string?>("--topic") { Description = "Only this topic's papers, on its routing key only" };
        var paper = new Option<string?>("--paper") { Description = "One paper id" };
        var command = new Command("republish", "Re-emit paper events (marked as replays) for consumers that rebuild.") { since, until, topic, paper };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Publish();
            if (!TryParseUtc(parse.GetValue(since), out var from) || (parse.GetValue(until) is { } u && !TryParseUtc(u, out _)))
            {
                await Console.Error.WriteLineAsync("--since/--until: give a date or date-time, e.g. 2026-11-01 or 2026-11-01T06:00:00+01:00");
                return 2;
            }

            DateTimeOffset? to = parse.GetValue(until) is { } untilText && TryParseUtc(untilText, out var parsedUntil) ? parsedUntil : null;
            var filter = new RepublishFilter(from, to, parse.GetValue(topic), parse.GetValue(paper));
            var count = await new Republisher(db).RepublishAsync(
                filter,
                new Progress<(int Done, int Total)>(p => Console.Write($"\r{p.Done}/{p.Total} paper(s) queued")),
                ct);
            Console.WriteLine();
            Console.WriteLine($"{count} paper event(s) queued as replays; the running Publish relays them.");
            return 0;
        });
        return command;
    }

    /// <summary>A date or date-time; without an offset it is UTC (never the shell's local zone).</summary>
    public static bool TryParseUtc(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
