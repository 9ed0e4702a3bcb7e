using System.Text.Json;
using Pipeline.Contracts;

namespace Pipeline.Deliver.Webhooks;

/// <summary>
/// The body of a delivery: <c>{"id": deliveryId, "type": "paper.updated", "subscription": subscriptionId,
/// "occurredAt": event time, "data": the event as on the bus (camelCase)}</c>. Built once when the delivery is
/// recorded, so every attempt sends identical bytes.
/// </summary>
public static class WebhookPayload
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EventType(string kind) => $"paper.{kind}";

    public static string Create(Guid deliveryId, Guid subscriptionId, PaperEvent paperEvent)
    {
        var envelope = new Envelope(deliveryId, EventType(PaperEvents.KindOf(paperEvent)), subscriptionId, paperEvent.PublishedAt, paperEvent);
        return JsonSerializer.Serialize(envelope, Json);
    }

    /// <remarks><see cref="Data"/> is typed <c>object</c> so the event's runtime type (all its fields) is written.</remarks>
    private sealed record Envelope(Guid Id, string Type, Guid Subscription, DateTimeOffset OccurredAt, object Data);
}
