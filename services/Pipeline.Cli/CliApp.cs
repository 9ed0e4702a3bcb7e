using System.CommandLine;

namespace Pipeline.Cli;

/// <summary>The <c>pipeline</c> operator CLI: one verb per file under Commands/.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Operator CLI of the paper-ingestion pipeline. Database: ConnectionStrings__Pipeline (default: the local one of deploy/local/up.sh).")
        {
            MigrateCommand.Create(),
            ParseCommand.Create(),
            ClassifyCommand.Create(),
            EvalCommand.Create(),
            IngestCommand.Create(),
            StatusCommand.Create(),
            ErrorsCommand.Create(),
            SearchCommand.Create(),
            SourcesCommand.Create(),
            ReparseCommand.Create(),
            ReclassifyCommand.Create(),
            RepublishCommand.Create(),
            BackfillCommand.Create(),
            BenchCommand.Create(),
            WebhooksCommand.Create(),
            DigestsCommand.Create(),
            FeedsCommand.Create(),
            TrainTopicsCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }
}
