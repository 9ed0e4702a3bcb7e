using System.Collections.Concurrent;
using System.Text.Json;
using Pipeline.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pipeline.IntegrationTests;

/// <summary>A downstream consumer: its own queue bound to the paper-events topic exchange by routing key.</summary>
public sealed class PaperEventListener : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private PaperEventListener(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <summary>Every event received: routing key, idempotency key, paper id, topic ids, … and the message's JSON.</summary>
    public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

    public static async Task<PaperEventListener> StartAsync(Uri amqp, params string[] bindingKeys)
    {
        var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Same declaration as MassTransit's publish topology, so whichever side comes first wins harmlessly.
        await channel.ExchangeDeclareAsync(PaperEvents.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        foreach (var bindingKey in bindingKeys)
        {
            await channel.QueueBindAsync(queue.QueueName, PaperEvents.Exchange, bindingKey);
        }

        var listener = new PaperEventListener(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // MassTransit's envelope: the event is under "message".
            using var envelope = JsonDocument.Parse(delivery.Body);
            var message = envelope.RootElement.GetProperty("message");
            listener.Received.Enqueue(new ReceivedEvent(
                delivery.RoutingKey,
                message.GetProperty("idempotencyKey").GetString()!,
                message.GetProperty("paperId").GetString()!,
                // Paper events carry topic objects; RelatedPapersUpdated carries topic ids.
                message.GetProperty("topics").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : t.GetProperty("id").GetString()!).ToList(),
                envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString()!).ToList(),
                message.TryGetProperty("changes", out var changes) ? changes.EnumerateArray().Select(c => c.GetString()!).ToList() : [],
                message.TryGetProperty("replay", out var replay) && replay.GetBoolean(),
                message.TryGetProperty("revision", out var revision) ? revision.GetInt32() : 0,
                message.GetRawText()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }

    public sealed record ReceivedEvent(
        string RoutingKey,
        string IdempotencyKey,
        string PaperId,
        IReadOnlyList<string> Topics,
        IReadOnlyList<string> MessageTypes,
        IReadOnlyList<string> Changes,
        bool Replay,
        int Revision,
        string Message)
    {
        /// <summary><c>published</c>, <c>updated</c> or <c>withdrawn</c>, from the routing key.</summary>
        public string Kind => RoutingKey.Split('.')[1];
    }
}
