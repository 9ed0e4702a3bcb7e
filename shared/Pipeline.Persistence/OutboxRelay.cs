using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Persistence;

/// <summary>Wakes the relay right after a commit instead of waiting for its next poll.</summary>
public sealed class OutboxSignal<TContext> : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled first; one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

public sealed class OutboxOptions
{
    /// <summary>Poll interval when nothing signals (rows of other instances, retries after a failure).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 200;

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Publishes committed outbox rows and deletes them. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so
/// several instances of a service drain one table without publishing a row twice (a crash between publish and
/// commit re-sends, with the same MessageId). A failed publish is retried with exponential backoff.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxContext
{
    private static readonly ActivitySource Source = new(PersistenceExtensions.ActivitySourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await RelayBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRelayFailed(logger, ex, typeof(TContext).Name);
                sent = 0;
            }

            if (sent < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Publishes one batch of due rows; returns how many were claimed.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var table = db.TableOf<OutboxMessage>();
#pragma warning disable EF1002 // the table name comes from the EF model and the limit is an int; nothing user-supplied
        var rows = await db.OutboxMessages
            .FromSqlRaw($"SELECT * FROM {table} WHERE next_attempt_at <= now() ORDER BY id LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
#pragma warning restore EF1002
        if (rows.Count == 0)
        {
            return 0;
        }

        var results = await Task.WhenAll(rows.Select(row => PublishAsync(row, ct)));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (results[i] is null)
            {
                db.OutboxMessages.Remove(row);
            }
            else
            {
                row.Attempts++;
                row.LastError = results[i]!.Message.Length > 2000 ? results[i]!.Message[..2000] : results[i]!.Message;
                var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.Attempts), options.Value.MaxBackoff.TotalSeconds));
                row.NextAttemptAt = now + backoff * (0.8 + Random.Shared.NextDouble() * 0.4);
                LogPublishFailed(logger, results[i]!, row.MessageType, row.MessageId, row.Attempts);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private async Task<Exception?> PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = Source.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);
        try
        {
            var type = ContractTypes.Resolve(row.MessageType);
            var message = JsonSerializer.Deserialize(row.Body, type, OutboxExtensions.Json)!;
            await bus.Publish(message, type, Pipe.Execute<PublishContext>(ctx =>
            {
                ctx.MessageId = row.MessageId;
                if (row.RoutingKey is not null)
                {
                    ctx.SetRoutingKey(row.RoutingKey);
                }
            }), ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return ex;
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Outbox relay of {Context} failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, Exception ex, string context);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Publishing {MessageType} {MessageId} failed (attempt {Attempts})")]
    private static partial void LogPublishFailed(ILogger logger, Exception ex, string messageType, Guid messageId, int attempts);
}

/// <summary>Maps stored type names back to contract types; only types of the contracts assembly are accepted.</summary>
internal static class ContractTypes
{
    private static readonly Dictionary<string, Type> Types = typeof(Pipeline.Contracts.DocumentFetched).Assembly
        .GetExportedTypes()
        .Where(t => t.FullName is not null)
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static Type Resolve(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown contract type '{name}'.");
}
