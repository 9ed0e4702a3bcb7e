using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Pipeline.Persistence;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the outbox and inbox tables into the context's default schema.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => m.NextAttemptAt);
            e.Property(m => m.MessageType).HasMaxLength(256);
            e.Property(m => m.Body).HasColumnType("jsonb");
            e.Property(m => m.RoutingKey).HasMaxLength(256);
            e.Property(m => m.TraceParent).HasMaxLength(128);
        });
        model.Entity<InboxRecord>(e =>
        {
            e.HasKey(m => new { m.Consumer, m.MessageKey });
            e.Property(m => m.Consumer).HasMaxLength(128);
            e.Property(m => m.MessageKey).HasMaxLength(256);
        });
        return model;
    }

    /// <summary>
    /// Adds a message to the outbox; it is sent only if the surrounding SaveChanges/transaction commits.
    /// The current trace is recorded so the publish joins it. The message's runtime type is what is sent (an event
    /// held in a variable of its abstract base still goes out as its concrete type).
    /// </summary>
    public static OutboxMessage Enqueue<TMessage>(this IOutboxContext context, TMessage message, string? routingKey = null)
        where TMessage : class
    {
        var row = new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(),
            MessageType = message.GetType().FullName!,
            Body = JsonSerializer.Serialize(message, message.GetType(), Json),
            RoutingKey = routingKey,
            TraceParent = Activity.Current?.Id,
            CreatedAt = DateTimeOffset.UtcNow,
            NextAttemptAt = DateTimeOffset.UtcNow,
        };
        context.OutboxMessages.Add(row);
        return row;
    }

    /// <summary>
    /// Records that <paramref name="consumer"/> handled <paramref name="key"/>. Returns false when it already had:
    /// call it inside the transaction that applies the effect, and skip the effect on false.
    /// </summary>
    public static async Task<bool> TryMarkProcessedAsync(this DbContext context, string consumer, string key, CancellationToken ct)
    {
        var table = context.TableOf<InboxRecord>();
#pragma warning disable EF1002 // the table name comes from the EF model; the values are parameters
        var inserted = await context.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {table} (consumer, message_key, processed_at) VALUES ({{0}}, {{1}}, now()) ON CONFLICT DO NOTHING",
            [consumer, key], ct);
#pragma warning restore EF1002
        return inserted == 1;
    }

    /// <summary>Schema-qualified, quoted table name of an entity, for raw SQL.</summary>
    public static string TableOf<TEntity>(this DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped in {context.GetType().Name}.");
        var schema = entity.GetSchema();
        var name = entity.GetTableName()!;
        return schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";
    }

    /// <summary>Column name of a property under the context's naming convention.</summary>
    public static string ColumnOf<TEntity>(this DbContext context, string property)
    {
        var entity = context.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.FindProperty(property)!.GetColumnName(table)!;
    }
}
