namespace Pipeline.Persistence;

/// <summary>
/// A message committed in the same transaction as the state change that caused it, published later by
/// <see cref="OutboxRelay{TContext}"/>. MassTransit's EF outbox package is not available to us, so this is ours.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>MassTransit MessageId on the wire: stable across relay retries, so consumers can de-duplicate.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Full name of the contract type (namespace <c>Pipeline.Contracts</c>).</summary>
    public required string MessageType { get; set; }

    /// <summary>JSON body.</summary>
    public required string Body { get; set; }

    public string? RoutingKey { get; set; }

    /// <summary>W3C traceparent of the activity that wrote the row: the publish continues that trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Marks a message (or a document) as handled by one consumer: the key of consumer idempotency.</summary>
public sealed class InboxRecord
{
    public required string Consumer { get; set; }

    public required string MessageKey { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>A DbContext that owns an outbox and an inbox table in its own schema.</summary>
public interface IOutboxContext
{
    Microsoft.EntityFrameworkCore.DbSet<OutboxMessage> OutboxMessages { get; }

    Microsoft.EntityFrameworkCore.DbSet<InboxRecord> InboxRecords { get; }
}
