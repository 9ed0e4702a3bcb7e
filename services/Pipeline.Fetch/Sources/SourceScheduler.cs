using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Fetch.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Polls due sources. Scheduling state lives in <c>fetcher.sources</c>: an instance claims a due source with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so several Fetch instances never poll one source at once.
/// Each fetched payload starts its own trace, which follows its papers through the pipeline.
/// </summary>
public sealed partial class SourceScheduler(
    IServiceScopeFactory scopes,
    IEnumerable<ISourceFetcher> fetchers,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<SourceScheduler> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(PersistenceExtensions.ActivitySourceName);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, ISourceFetcher> _fetchers = fetchers.ToDictionary(f => f.Kind, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SyncConfiguredSourcesAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SchedulerTick, clock);
        do
        {
            try
            {
                while (await RunNextDueSourceAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSchedulerFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Writes configured sources into the shared table; state columns of existing rows are kept.</summary>
    private async Task SyncConfiguredSourcesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
        foreach (var (id, source) in options.Value.Sources)
        {
            var definition = JsonSerializer.Serialize(source);
            var row = await db.Sources.FindAsync([id], ct);
            if (row is null)
            {
                db.Sources.Add(new SourceState { Id = id, Kind = source.Kind, Definition = definition, Enabled = source.Enabled, NextDueAt = clock.GetUtcNow() });
            }
            else
            {
                row.Kind = source.Kind;
                row.Enabled = source.Enabled;
                if (row.Definition != definition)
                {
                    row.Definition = definition;
                    row.NextDueAt = clock.GetUtcNow();
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance inserted the same source at the same moment; its row is as good as ours.
        }
    }

    /// <summary>Claims one due source, polls it and records the outcome. False when nothing was due.</summary>
    public async Task<bool> RunNextDueSourceAsync(CancellationToken ct)
    {
        var claimed = await ClaimDueSourceAsync(ct);
        if (claimed is null)
        {
            return false;
        }

        var definition = JsonSerializer.Deserialize<SourceOptions>(claimed.Definition)!;
        var (stored, failures, error) = await PollAsync(claimed.Id, definition, ct);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
        var row = await db.Sources.SingleAsync(s => s.Id == claimed.Id, ct);
        var now = clock.GetUtcNow();
        row.LeaseUntil = null;
        if (failures == 0)
        {
            row.LastSuccessAt = now;
            row.ConsecutiveFailures = 0;
            row.LastError = null;
            row.NextDueAt = now + definition.Interval;
        }
        else
        {
            row.ConsecutiveFailures++;
            row.LastError = error;
            // Exponential backoff with jitter, never longer than the regular interval.
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.ConsecutiveFailures) * 5, definition.Interval.TotalSeconds));
            row.NextDueAt = now + backoff * (0.8 + Random.Shared.NextDouble() * 0.4);
        }

        if (stored > 0)
        {
            row.LastChangeAt = now;
        }

        await db.SaveChangesAsync(ct);
        LogPolled(logger, claimed.Id, stored, failures);
        return true;
    }

    private async Task<SourceState?> ClaimDueSourceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
        var rows = await db.Sources.FromSql($"""
            UPDATE fetcher.sources SET lease_until = now() + {Lease}, last_attempt_at = now()
            WHERE id = (SELECT id FROM fetcher.sources
                        WHERE enabled AND next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.FirstOrDefault();
    }

    private async Task<(int Stored, int Failures, string? Error)> PollAsync(string sourceId, SourceOptions definition, CancellationToken ct)
    {
        if (!_fetchers.TryGetValue(definition.Kind, out var fetcher))
        {
            return (0, 1, $"Unknown source kind '{definition.Kind}'");
        }

        IReadOnlyList<string> targets;
        try
        {
            targets = fetcher.Plan(definition, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFetchFailed(logger, ex, sourceId, "(plan)");
            return (0, 1, ex.Message);
        }

        int stored = 0, failures = 0;
        string? error = null;
        foreach (var target in targets)
        {
            // A new root per payload: one trace per fetched document and the papers in it.
            Activity.Current = null;
            using var activity = Source.StartActivity($"fetch {definition.Kind}", ActivityKind.Client);
            activity?.SetTag("pipeline.source", sourceId);
            activity?.SetTag("url.full", target);
            try
            {
                var payload = await fetcher.FetchAsync(target, definition, ct);
                await using var scope = scopes.CreateAsyncScope();
                var id = await scope.ServiceProvider.GetRequiredService<DocumentStore>().StoreAsync(sourceId, payload, ct);
                activity?.SetTag("pipeline.document_id", id?.ToString() ?? "duplicate");
                if (id is not null)
                {
                    stored++;
                    LogStored(logger, sourceId, id.Value, payload.Body.Length);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failures++;
                error = ex.Message;
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                LogFetchFailed(logger, ex, sourceId, target);
            }
        }

        return (stored, failures, error);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Source {SourceId} polled: {Stored} new document(s), {Failures} failure(s)")]
    private static partial void LogPolled(ILogger logger, string sourceId, int stored, int failures);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Stored document {DocumentId} from {SourceId} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, string sourceId, Guid documentId, int bytes);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Fetching {Target} for source {SourceId} failed")]
    private static partial void LogFetchFailed(ILogger logger, Exception ex, string sourceId, string target);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Source scheduler iteration failed")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception ex);
}
