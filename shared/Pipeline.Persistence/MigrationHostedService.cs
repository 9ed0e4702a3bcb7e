using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Persistence;

/// <summary>
/// Applies the context's checked-in migrations before anything else in the host starts (register it first).
/// EF Core takes a database lock while migrating, so several instances starting at once are safe.
/// </summary>
public sealed partial class MigrationHostedService<TContext>(IServiceScopeFactory scopes, ILogger<MigrationHostedService<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    private static readonly ActivitySource Source = new(PersistenceExtensions.ActivitySourceName);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"migrate {typeof(TContext).Name}");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, typeof(TContext).Name, pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {Context}")]
    private static partial void LogMigrating(ILogger logger, string context, int count);
}
