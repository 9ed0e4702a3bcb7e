using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Pipeline.Contracts.Tests;

/// <summary>MassTransit's real JSON serializer, both ways: the envelope exactly as a publisher writes it and as a
/// consumer's receive endpoint reads it.</summary>
public static class Wire
{
    private static readonly Uri Address = new("rabbitmq://localhost/pipeline.paper-events?type=topic");

    /// <summary>The bytes MassTransit puts on the wire for <paramref name="message"/> (envelope with the event under <c>message</c>).</summary>
    public static byte[] Serialize<T>(T message)
        where T : class
    {
        var context = new MessageSendContext<T>(message, CancellationToken.None)
        {
            MessageId = new Guid("0193a8c4-8c1e-7b5e-9a51-3c1f2d6e7a10"),
            ConversationId = new Guid("0193a8c4-8c1e-7b5e-9a51-3c1f2d6e7a11"),
            SourceAddress = new Uri("rabbitmq://localhost/publish"),
            DestinationAddress = Address,
        };
        return SystemTextJsonMessageSerializer.Instance.GetMessageBody(context).GetBytes();
    }

    /// <summary>Serializes as the event's concrete type, as a publisher holding that type does.</summary>
    public static byte[] Serialize(PaperEvent paperEvent) => paperEvent switch
    {
        PaperPublished e => Serialize(e),
        PaperUpdated e => Serialize(e),
        PaperWithdrawn e => Serialize(e),
        _ => throw new ArgumentOutOfRangeException(nameof(paperEvent)),
    };

    public static JsonObject MessageOf(PaperEvent paperEvent) =>
        JsonNode.Parse(Serialize(paperEvent))!.AsObject()["message"]!.AsObject();

    /// <summary>The <c>message</c> part of the envelope of <paramref name="message"/>.</summary>
    public static JsonObject MessageOf<T>(T message)
        where T : class =>
        JsonNode.Parse(Serialize(message))!.AsObject()["message"]!.AsObject();

    /// <summary>Reads an envelope the way a receive endpoint does; null when it does not hold a <typeparamref name="T"/>.</summary>
    public static T? Deserialize<T>(byte[] envelope)
        where T : class
    {
        var headers = new DictionarySendHeaders(new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase));
        var context = SystemTextJsonMessageSerializer.Instance.Deserialize(new MemoryMessageBody(envelope), headers, Address);
        return context.TryGetMessage<T>(out var message) ? message : null;
    }

    public static T? Deserialize<T>(JsonNode envelope)
        where T : class =>
        Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(envelope));
}
