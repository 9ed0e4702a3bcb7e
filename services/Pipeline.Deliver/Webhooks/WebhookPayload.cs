using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Contracts;

namespace Pipeline.Deliver.Webhooks;

/// <summary>
/// The body of a delivery: <c>{"id": deliveryId, "type": "paper.updated", "subscription": subscriptionId,
/// "occurredAt": event time, "data": the event as on the bus (camelCase)}</c>. Built once when the delivery is
/// recorded, so every attempt sends identical bytes.
/// </summary>
public static class WebhookPayload
{
    /// <summary>
    /// Web defaults; every string (values and dictionary keys) is written without NUL characters, which PostgreSQL's
    /// <c>jsonb</c> cannot store. Anything else, including the literal text <c>\u0000</c>, is written as is.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new NulFreeStringConverter() } };

    public static string EventType(string kind) => $"paper.{kind}";

    public static string Create(Guid deliveryId, Guid subscriptionId, PaperEvent paperEvent)
    {
        var envelope = new Envelope(deliveryId, EventType(PaperEvents.KindOf(paperEvent)), subscriptionId, paperEvent.PublishedAt, paperEvent);
        return JsonSerializer.Serialize(envelope, Json);
    }

    /// <remarks><see cref="Data"/> is typed <c>object</c> so the event's runtime type (all its fields) is written.</remarks>
    private sealed record Envelope(Guid Id, string Type, Guid Subscription, DateTimeOffset OccurredAt, object Data);

    /// <summary>Strips <c>'\0'</c> from strings as they are written.</summary>
    private sealed class NulFreeStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Strip(value));

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(Strip(value));

        private static string Strip(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;
    }
}
