using System.CommandLine;
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
        var since = new Option<DateTimeOffset>("--since") { Description = "Papers last published at or after (e.g. 2026-11-01)", Required = true };
        var until = new Option<DateTimeOffset?>("--until") { Description = "…and before" };
        var topic = new Option<string?>("--topic") { Description = "Only this topic's papers, on its routing key only" };
        var paper = new Option<string?>("--paper") { Description = "One paper id" };
        var command = new Command("republish", "Re-emit paper events (marked as replays) for consumers that rebuild.") { since, until, topic, paper };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Publish();
            var filter = new RepublishFilter(parse.GetValue(since), parse.GetValue(until), parse.GetValue(topic), parse.GetValue(paper));
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
}
