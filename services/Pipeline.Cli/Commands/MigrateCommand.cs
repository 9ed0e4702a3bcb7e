using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Pipeline.Cli;

/// <summary><c>pipeline migrate</c>: applies every service's checked-in migrations.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the database migrations of every service (and the API's feeds schema).");
        command.SetAction(async (_, ct) =>
        {
            DbContext[] contexts = [CliDatabase.Fetch(), CliDatabase.Parse(), CliDatabase.Classify(), CliDatabase.Publish(), CliDatabase.Deliver(), Pipeline.Api.Feeds.FeedsDbContext.Create(CliDatabase.ConnectionString)];
            foreach (var db in contexts)
            {
                await using (db)
                {
                    var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                    await db.Database.MigrateAsync(ct);
                    Console.WriteLine($"{db.GetType().Name,-20} {(pending.Count == 0 ? "up to date" : $"applied {string.Join(", ", pending)}")}");
                }
            }

            return 0;
        });
        return command;
    }
}
