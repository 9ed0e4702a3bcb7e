namespace Pipeline.ExampleConsumer;

/// <summary>Every log line of the example consumer (event ids 7001–7099). Ids and keys only, never bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Queue {Queue} bound to {Exchange} with {BindingKeys}")]
    public static partial void Binding(ILogger logger, string queue, string bindingKeys, string exchange);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Processed {Kind} {PaperId} revision {Revision} (replay {Replay}, key {IdempotencyKey}, routing key {RoutingKey}, trace {TraceId})")]
    public static partial void Processed(ILogger logger, string kind, string paperId, int revision, bool replay, string idempotencyKey, string? routingKey, string? traceId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Debug,
        Message = "Skipped duplicate {Kind} {PaperId} (key {IdempotencyKey} already processed; routing key {RoutingKey}, trace {TraceId})")]
    public static partial void Duplicate(ILogger logger, string kind, string paperId, string idempotencyKey, string? routingKey, string? traceId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug,
        Message = "Skipped replay of {Kind} {PaperId}: key {IdempotencyKey} already held (trace {TraceId})")]
    public static partial void ReplayAlreadyHeld(ILogger logger, string kind, string paperId, string idempotencyKey, string? traceId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning,
        Message = "Event {IdempotencyKey} has schema version {SchemaVersion}, newer than this consumer knows; reading the fields it knows (trace {TraceId})")]
    public static partial void NewerSchema(ILogger logger, int schemaVersion, string idempotencyKey, string? traceId);
}
