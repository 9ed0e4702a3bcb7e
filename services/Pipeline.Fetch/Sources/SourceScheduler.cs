using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Fetch.Http;
using Pipeline.Fetch.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Polls due sources. Scheduling state lives in <c>fetcher.sources</c>: an instance claims a due source with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so several Fetch instances never poll one source at once, and
/// sources added, paused or resumed in the table take effect without a restart.
/// </summary>
public sealed partial class SourceScheduler(
    IServiceScopeFactory scopes,
    IEnumerable<ISourceFetcher> fetchers,
    FeedClient client,
    IOptions<FetchOptions> options,
    TimeProvider clock,
    ILogger<SourceScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, ISourceFetcher> _fetchers = fetchers
        .SelectMany(f => f.Kinds.Select(k => (Kind: k, Fetcher: f)))
        .ToDictionary(f => f.Kind, f => f.Fetcher, StringComparer.Ordinal);

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
                    row.Cursor = null;
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
        var poll = new SourcePoll(claimed.Id, definition, claimed.Cursor, clock.GetUtcNow(), client, scopes, logger);
        if (!_fetchers.TryGetValue(definition.Kind, out var fetcher))
        {
            await RecordAsync(claimed, definition, poll, $"Unknown source kind '{definition.Kind}'", ct);
            return true;
        }

        string? error = null;
        try
        {
            await fetcher.PollAsync(poll, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex.Message;
            LogPollFailed(logger, ex, claimed.Id);
        }

        await RecordAsync(claimed, definition, poll, error, ct);
        return true;
    }

    private async Task RecordAsync(SourceState claimed, SourceOptions definition, SourcePoll poll, string? error, CancellationToken ct)
    {
        var sourceId = claimed.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
        var row = await db.Sources.SingleAsync(s => s.Id == sourceId, ct);
        // An operator who asked for a run (or resumed the source) during this poll keeps that request.
        var rescheduled = row.NextDueAt != claimed.NextDueAt;
        var now = clock.GetUtcNow();
        row.LeaseUntil = null;
        if (poll.CursorChanged)
        {
            row.Cursor = poll.Cursor;
        }

        error ??= poll.LastError;
        if (error is null)
        {
            row.LastSuccessAt = now;
            row.ConsecutiveFailures = 0;
            row.LastError = null;
            row.NextDueAt = rescheduled ? row.NextDueAt : now + definition.Interval;
        }
        else
        {
            row.ConsecutiveFailures++;
            row.LastError = error.Length > 2000 ? error[..2000] : error;
            // Exponential backoff with jitter, never longer than the regular interval.
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.ConsecutiveFailures) * 5, definition.Interval.TotalSeconds));
            row.NextDueAt = rescheduled ? row.NextDueAt : now + backoff * (0.8 + Random.Shared.NextDouble() * 0.4);
        }

        if (poll.Stored > 0)
        {
            row.LastChangeAt = now;
        }

        await db.SaveChangesAsync(ct);
        LogPolled(logger, sourceId, poll.Stored, poll.Unchanged, poll.Failures + (error is null ? 0 : 1));
    }

    private async Task<SourceState?> ClaimDueSourceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
        var rows = await db.Sources.FromSql($"""
            UPDATE fetcher.sources SET lease_until = now() + {Lease}, last_attempt_at = now()
            WHERE id = (SELECT id FROM fetcher.sources
                        WHERE enabled AND NOT paused AND next_due_at <= now() AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.FirstOrDefault();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Source {SourceId} polled: {Stored} new document(s), {Unchanged} unchanged, {Failures} failure(s)")]
    private static partial void LogPolled(ILogger logger, string sourceId, int stored, int unchanged, int failures);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Source scheduler iteration failed")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Polling source {SourceId} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception ex, string sourceId);
}
