namespace Pipeline.Deliver;

/// <summary>The Deliver service's log events (7100–7199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "{Kind} event {IdempotencyKey} of paper {PaperId}: {Deliveries} webhook deliveries queued")]
    public static partial void EventRecorded(ILogger logger, string kind, string idempotencyKey, string paperId, int deliveries);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "{Kind} event {IdempotencyKey} already recorded (another topic's copy or a redelivery)")]
    public static partial void EventDuplicate(ILogger logger, string kind, string idempotencyKey);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} (subscription {SubscriptionId}) delivered: HTTP {StatusCode}, attempt {Attempt}, {DurationMs} ms")]
    public static partial void Delivered(ILogger logger, Guid deliveryId, Guid subscriptionId, int statusCode, int attempt, long durationMs);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} (subscription {SubscriptionId}) attempt {Attempt} failed: {Error}; next attempt in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, Guid deliveryId, Guid subscriptionId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} (subscription {SubscriptionId}) dead after attempt {Attempt}: {Error}")]
    public static partial void DeadLettered(ILogger logger, Guid deliveryId, Guid subscriptionId, int attempt, string error);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} deactivated after {Count} dead letters in a row")]
    public static partial void SubscriptionDisabled(ILogger logger, Guid subscriptionId, int count);

    [LoggerMessage(EventId = 7114, Level = LogLevel.Error, Message = "Webhook delivery round failed; retrying")]
    public static partial void WorkerFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 7116, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} (subscription {SubscriptionId}): the result of attempt {Attempt} could not be recorded; it is sent again after the lease")]
    public static partial void SettleFailed(ILogger logger, Exception ex, Guid deliveryId, Guid subscriptionId, int attempt);

    [LoggerMessage(EventId = 7115, Level = LogLevel.Information, Message = "Webhook delivery worker disabled in this instance (Deliver:Webhooks:Enabled = false)")]
    public static partial void WebhooksDisabled(ILogger logger);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Information, Message = "Digest for subscription {SubscriptionId}: {Status}, {Papers} paper(s) from {PeriodStart:u} to {PeriodEnd:u}")]
    public static partial void DigestRun(ILogger logger, Guid subscriptionId, string status, int papers, DateTimeOffset periodStart, DateTimeOffset periodEnd);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Error, Message = "Digest for subscription {SubscriptionId} could not be sent; retrying at {RetryAt:u}")]
    public static partial void DigestFailed(ILogger logger, Exception ex, Guid subscriptionId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Information, Message = "Digest scheduler disabled in this instance: {Reason}")]
    public static partial void DigestsDisabled(ILogger logger, string reason);

    [LoggerMessage(EventId = 7123, Level = LogLevel.Error, Message = "Digest round failed; retrying")]
    public static partial void DigestSchedulerFailed(ILogger logger, Exception ex);
}
