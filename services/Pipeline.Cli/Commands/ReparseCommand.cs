using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Pipeline.Fetch.Persistence;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline reparse [--source ID] [--since DATE] [--rejected] [--document ID]</c>: announces stored documents
/// again (through Fetch's outbox, relayed by the running Fetch) so Parse re-runs them, e.g. after a parser change
/// or to replay a rejected payload. Only papers whose normalized content changed travel on.
/// </summary>
public static class ReparseCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Only documents of this source" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only documents fetched since (e.g. 2026-11-01)" };
        var rejected = new Option<bool>("--rejected") { Description = "Only documents Parse rejected" };
        var document = new Option<Guid?>("--document") { Description = "One document" };
        var command = new Command("reparse", "Parse stored payloads again.") { source, since, rejected, document };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = CliDatabase.Fetch();
            var query = db.Documents.AsQueryable();
            if (parse.GetValue(source) is { } sourceId)
            {
                query = query.Where(d => d.SourceId == sourceId);
            }

            if (parse.GetValue(since) is { } from)
            {
                query = query.Where(d => d.FetchedAt >= from.ToUniversalTime());
            }

            if (parse.GetValue(document) is { } id)
            {
                query = query.Where(d => d.Id == id);
            }

            if (parse.GetValue(rejected))
            {
                await using var parseDb = CliDatabase.Parse();
                var rejectedIds = await parseDb.Rejections.Select(r => r.DocumentId).ToListAsync(ct);
                query = query.Where(d => rejectedIds.Contains(d.Id));
            }

            var count = await DocumentReplay.QueueAsync(db, query, ct);
            Console.WriteLine($"{count} document(s) queued for parsing again; the running Fetch relays them.");
            return count == 0 && parse.GetValue(document) is not null ? 2 : 0;
        });
        return command;
    }
}
