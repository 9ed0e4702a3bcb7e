using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pipeline.Contracts;
using Pipeline.Parse.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline reclassify [--since DATE] [--paper ID]</c>: sends stored papers through Classify again (through
/// Parse's outbox, relayed by the running Parse), e.g. after the taxonomy or the classifier changed. Classify
/// stores the new enrichment version on every paper but passes on, and Publish publishes, only papers whose
/// enrichment actually changed.
/// </summary>
public static class ReclassifyCommand
{
    private const int BatchSize = 200;

    public static Command Create()
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only papers parsed since (e.g. 2026-11-01)" };
        var paper = new Option<string?>("--paper") { Description = "One paper id" };
        var command = new Command("reclassify", "Run enrichment again over stored papers.") { since, paper };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Parse();
            var query = db.Papers.AsNoTracking();
            if (parse.GetValue(since) is { } from)
            {
                query = query.Where(p => p.UpdatedAt >= from.ToUniversalTime());
            }

            if (parse.GetValue(paper) is { } id)
            {
                query = query.Where(p => p.Id == id);
            }

            var ids = await query.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
            var run = Guid.CreateVersion7();
            var store = new PaperStore(db, TimeProvider.System);
            var batch = 0;
            foreach (var chunk in ids.Chunk(BatchSize))
            {
                var records = await store.LoadRecordsAsync(chunk, ct);
                db.Enqueue(new PapersParsed { DocumentId = run, Batch = batch++, Papers = records });
                await db.SaveChangesAsync(ct);
                Console.Write($"\r{Math.Min(batch * BatchSize, ids.Count)}/{ids.Count} paper(s) queued");
            }

            Console.WriteLine();
            Console.WriteLine($"{ids.Count} paper(s) queued for enrichment (run {run}); the running Parse relays them.");
            return 0;
        });
        return command;
    }
}
