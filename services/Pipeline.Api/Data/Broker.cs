using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Pipeline.Api.Data;

public sealed record QueueView(string Name, long Messages, long Ready, long Unacknowledged, int Consumers, bool IsError, double? PublishRate, double? DeliverRate);

/// <summary>A message in an error queue as MassTransit left it there (fault headers, body excerpt).</summary>
public sealed record ErrorMessage(string Queue, string MessageId, string? MessageType, string Reason, string? ExceptionType, DateTimeOffset? FaultedAt, string Excerpt, bool Truncated);

/// <summary>
/// The RabbitMQ management API (queue depths, consumers, a look into error queues) and an AMQP connection for
/// moving messages from <c>X_error</c> back to <c>X</c> (publisher-confirmed before the error copy is acked: nothing lost).
/// </summary>
public sealed class Broker(HttpClient http, IOptions<BrokerOptions> broker, IOptions<ApiOptions> options)
{
    public const string HttpClientName = "rabbitmq-management";

    public const string ErrorSuffix = "_error";

    private string VHost => Uri.EscapeDataString(broker.Value.VHost);

    public async Task<List<QueueView>> QueuesAsync(CancellationToken ct)
    {
        var queues = await http.GetFromJsonAsync<List<QueueInfo>>(
            $"api/queues/{VHost}?columns=name,messages,messages_ready,messages_unacknowledged,consumers,auto_delete,exclusive,message_stats",
            ct) ?? [];
        return
        [
            .. queues
                .Where(q => !q.AutoDelete && !q.Exclusive)
                .OrderBy(q => q.Name.EndsWith(ErrorSuffix, StringComparison.Ordinal))
                .ThenBy(q => q.Name, StringComparer.Ordinal)
                .Select(q => new QueueView(
                    q.Name, q.Messages, q.MessagesReady, q.MessagesUnacknowledged, q.Consumers, q.Name.EndsWith(ErrorSuffix, StringComparison.Ordinal),
                    Round(q.MessageStats?.PublishDetails?.Value), Round(q.MessageStats?.DeliverGetDetails?.Value))),
        ];
    }

    private static double? Round(double? rate) => rate is { } r ? Math.Round(r, 1) : null;

    /// <summary>Looks at up to <see cref="ApiOptions.ErrorPeekLimit"/> messages of an error queue; they stay there (requeued).</summary>
    public async Task<List<ErrorMessage>> PeekAsync(string queue, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/queues/{VHost}/{Uri.EscapeDataString(queue)}/get",
            new { count = options.Value.ErrorPeekLimit, ackmode = "ack_requeue_true", encoding = "auto", truncate = 4000 },
            ct);
        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<List<PeekedMessage>>(ct) ?? [];
        return [.. messages.Select(m => ToErrorMessage(queue, m))];
    }

    private static ErrorMessage ToErrorMessage(string queue, PeekedMessage m)
    {
        var headers = m.Properties?.Headers ?? [];
        string? Header(string name) => headers.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var payload = m.PayloadEncoding == "base64" ? $"(binary, {m.PayloadBytes} bytes)" : m.Payload ?? "";
        string? type = null;
        var messageId = m.Properties?.MessageId;
        if (m.PayloadEncoding != "base64")
        {
            try
            {
                using var doc = JsonDocument.Parse(payload);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    messageId ??= doc.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null;
                    type = doc.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                        ? types[0].GetString()
                        : null;
                }
            }
            catch (JsonException)
            {
                // truncated or not JSON: shown as it is
            }
        }

        var faultedAt = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new ErrorMessage(
            queue,
            messageId ?? "",
            type,
            Header("MT-Fault-Message") ?? Header("MT-Reason") ?? "(no fault headers)",
            Header("MT-Fault-ExceptionType"),
            faultedAt,
            payload.Length > 1200 ? payload[..1200] : payload,
            payload.Length > 1200 || m.PayloadBytes > payload.Length);
    }

    /// <summary>
    /// Moves messages of <paramref name="errorQueue"/> back to the queue it belongs to: one (by message id) or, with
    /// <paramref name="messageId"/> null, as many as were there when the move started (a message that fails again
    /// lands at the back of the error queue and is not taken twice). Returns how many moved.
    /// </summary>
    public Task<int> MoveBackAsync(string errorQueue, string? messageId, CancellationToken ct)
    {
        var b = broker.Value;
        var factory = new ConnectionFactory
        {
            HostName = b.Host,
            Port = b.Port,
            VirtualHost = b.VHost,
            UserName = b.User,
            Password = b.Pass,
            ClientProvidedName = "pipeline-api (replay)",
        };
        return MoveBackAsync(factory, errorQueue, messageId, ct);
    }

    /// <summary>The move itself over <paramref name="factory"/>'s connection (shared with <c>pipeline errors replay</c>).</summary>
    public static async Task<int> MoveBackAsync(ConnectionFactory factory, string errorQueue, string? messageId, CancellationToken ct)
    {
        if (!errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) || errorQueue.Length == ErrorSuffix.Length)
        {
            throw new ArgumentException($"'{errorQueue}' is not an error queue", nameof(errorQueue));
        }

        var target = errorQueue[..^ErrorSuffix.Length];
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var waiting = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var moved = 0;
        var skipped = new List<ulong>();
        for (var i = 0; i < waiting; i++)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
            if (message is null)
            {
                break;
            }

            if (messageId is not null && !string.Equals(message.BasicProperties.MessageId ?? EnvelopeMessageId(message.Body), messageId, StringComparison.Ordinal))
            {
                skipped.Add(message.DeliveryTag);
                continue;
            }

            // Confirmed by the broker (and routed: mandatory) before the error copy goes away.
            await channel.BasicPublishAsync("", target, mandatory: true, new BasicProperties(message.BasicProperties), message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
            if (messageId is not null)
            {
                break;
            }
        }

        foreach (var tag in skipped)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, ct);
        }

        return moved;
    }

    private static string? EnvelopeMessageId(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Basic-auth header value for the management API.</summary>
    public static string Authorization(ApiOptions api, BrokerOptions broker) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{api.ManagementUser ?? broker.User}:{api.ManagementPassword ?? broker.Pass}"));

    private sealed record QueueInfo(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("messages")] long Messages,
        [property: JsonPropertyName("messages_ready")] long MessagesReady,
        [property: JsonPropertyName("messages_unacknowledged")] long MessagesUnacknowledged,
        [property: JsonPropertyName("consumers")] int Consumers,
        [property: JsonPropertyName("auto_delete")] bool AutoDelete,
        [property: JsonPropertyName("exclusive")] bool Exclusive,
        [property: JsonPropertyName("message_stats")] MessageStats? MessageStats);

    private sealed record MessageStats(
        [property: JsonPropertyName("publish_details")] Rate? PublishDetails,
        [property: JsonPropertyName("deliver_get_details")] Rate? DeliverGetDetails);

    private sealed record Rate([property: JsonPropertyName("rate")] double Value);

    private sealed record PeekedMessage(
        [property: JsonPropertyName("payload")] string? Payload,
        [property: JsonPropertyName("payload_bytes")] long PayloadBytes,
        [property: JsonPropertyName("payload_encoding")] string? PayloadEncoding,
        [property: JsonPropertyName("properties")] PeekedProperties? Properties);

    private sealed record PeekedProperties(
        [property: JsonPropertyName("message_id")] string? MessageId,
        [property: JsonPropertyName("headers")] Dictionary<string, JsonElement>? Headers);
}
