using Microsoft.Extensions.Options;
using Pipeline.Deliver.Persistence;

namespace Pipeline.Deliver.Webhooks;

/// <summary>Wakes the delivery worker right after a consumer committed new deliveries.</summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Sends due deliveries. Every instance runs one; rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a lease
/// (the due time moves past the attempt timeout), so instances never send one attempt twice and a crashed
/// instance's deliveries are picked up after the lease. Outcomes follow <see cref="RetrySchedule"/>.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSignal signal,
    IOptions<DeliverOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var webhooks = options.Value.Webhooks;
        if (!webhooks.Enabled)
        {
            Log.WebhooksDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.WorkerFailed(logger, ex);
            }

            if (claimed < webhooks.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(webhooks.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch of due deliveries; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var webhooks = options.Value.Webhooks;
        var schedule = new RetrySchedule(webhooks);
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DeliverStore>();
        var claimed = await store.ClaimDueAsync(webhooks.BatchSize, webhooks.AttemptTimeout + TimeSpan.FromSeconds(30), ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(claimed.Select(d => sender.SendAsync(d, ct)));

        // Each item is settled on its own, and without the stopping token: the requests went out, so their results
        // are recorded even during shutdown, and one failed settle does not leave the rest of the batch to be sent
        // again after the lease.
        for (var i = 0; i < claimed.Count; i++)
        {
            var (delivery, outcome) = (claimed[i], outcomes[i]);
            try
            {
                await SettleAsync(store, schedule, delivery, outcome);
            }
            catch (Exception ex)
            {
                Log.SettleFailed(logger, ex, delivery.Id, delivery.SubscriptionId, delivery.Attempt);
            }
        }

        return claimed.Count;
    }

    private async Task SettleAsync(DeliverStore store, RetrySchedule schedule, ClaimedDelivery delivery, AttemptOutcome outcome)
    {
        var webhooks = options.Value.Webhooks;
        TimeSpan? next = outcome.Delivered || outcome.Refused || !schedule.HasNext(delivery.RoundAttempt)
            ? null
            : schedule.NextDelay(delivery.RoundAttempt, Random.Shared.NextDouble(), outcome.RetryAfter);
        var disabled = await store.SettleAsync(delivery, outcome, next, webhooks.DisableAfterDeadLetters, CancellationToken.None);
        if (outcome.Delivered)
        {
            Log.Delivered(logger, delivery.Id, delivery.SubscriptionId, outcome.StatusCode ?? 0, delivery.Attempt, (long)outcome.Duration.TotalMilliseconds);
        }
        else if (next is { } delay)
        {
            Log.AttemptFailed(logger, delivery.Id, delivery.SubscriptionId, delivery.Attempt, outcome.Error ?? "", delay);
        }
        else
        {
            Log.DeadLettered(logger, delivery.Id, delivery.SubscriptionId, delivery.Attempt, outcome.Error ?? "");
        }

        if (disabled)
        {
            Log.SubscriptionDisabled(logger, delivery.SubscriptionId, webhooks.DisableAfterDeadLetters);
        }
    }
}
