using System.CommandLine;
using System.Diagnostics;
using Pipeline.Fetch.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline ingest FILE…</c>: stores payload files as fetched documents with their announcement in the Fetch
/// outbox; the running Fetch service relays them into the pipeline.
/// </summary>
public static class IngestCommand
{
    private static readonly ActivitySource Source = new(PersistenceExtensions.ActivitySourceName);

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Payload files (e.g. HF daily JSON)", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string>("--source") { Description = "Source id recorded with the documents", DefaultValueFactory = _ => "cli" };
        var format = new Option<string>("--format") { Description = "Payload format (auto detects)", DefaultValueFactory = _ => "auto" };
        var command = new Command("ingest", "Push payload files through the running pipeline.") { files, source, format };
        command.SetAction(async (parse, ct) =>
        {
            using var listener = TraceIds.Listen();
            var exit = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    Console.Error.WriteLine($"{file.FullName}: no such file");
                    exit = 2;
                    continue;
                }

                using var activity = Source.StartActivity("ingest file", ActivityKind.Producer);
                await using var db = CliDatabase.Fetch();
                using var signal = new Pipeline.Persistence.OutboxSignal<FetchDbContext>();
                var store = new DocumentStore(db, signal, TimeProvider.System);
                var payload = new FetchedPayload(new Uri(file.FullName).AbsoluteUri, await File.ReadAllBytesAsync(file.FullName, ct), parse.GetValue(format)!);
                var id = await store.StoreAsync(parse.GetValue(source)!, payload, ct);
                Console.WriteLine(id is null
                    ? $"{file.Name}: already ingested (same content), skipped"
                    : $"{file.Name}: stored as document {id} (trace {activity?.TraceId})");
            }

            return exit;
        });
        return command;
    }
}

/// <summary>Creates activities without exporting them, so stored rows carry a trace id the pipeline continues.</summary>
internal static class TraceIds
{
    public static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PersistenceExtensions.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
