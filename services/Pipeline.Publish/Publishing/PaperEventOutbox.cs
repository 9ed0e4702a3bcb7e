using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;

namespace Pipeline.Publish.Publishing;

/// <summary>An event and the routing keys it goes out on.</summary>
public sealed record OutgoingPaperEvent(PaperEvent Event, IReadOnlyList<string> RoutingKeys)
{
    /// <summary>
    /// One key per topic of the paper, and for a change also per topic it had before: a consumer bound to a topic
    /// the paper just left still learns that it left (<c>none</c> stands for "no topic" on either side).
    /// </summary>
    public static IReadOnlyList<string> KeysFor(PaperEvent current, PaperEvent? previous)
    {
        static IEnumerable<string> Topics(PaperEvent e) => e.Topics.Count == 0 ? [PaperEvents.NoTopic] : e.Topics.Select(t => t.Id);
        var kind = PaperEvents.KindOf(current);
        return Topics(current).Concat(previous is null ? [] : Topics(previous))
            .Distinct(StringComparer.Ordinal)
            .Select(topic => PaperEvents.RoutingKey(kind, topic))
            .ToList();
    }
}

public static class PaperEventOutbox
{
    /// <summary>Queues each event once per routing key; it goes out as its concrete type.</summary>
    public static void EnqueuePaperEvents(this PublishDbContext db, IEnumerable<OutgoingPaperEvent> events)
    {
        foreach (var (paperEvent, routingKeys) in events)
        {
            foreach (var routingKey in routingKeys)
            {
                db.Enqueue(paperEvent, routingKey);
            }
        }
    }

    /// <summary>Queues each related-list update once per routing key (<c>related.updated.{topic}</c>).</summary>
    public static void EnqueueRelatedUpdates(this PublishDbContext db, IEnumerable<RelatedPapersUpdated> updates)
    {
        foreach (var update in updates)
        {
            foreach (var routingKey in RelatedPapersEvents.RoutingKeys(update))
            {
                db.Enqueue(update, routingKey);
            }
        }
    }
}
