using Pipeline.Contracts;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;

namespace Pipeline.Publish.Publishing;

public static class PaperEventOutbox
{
    /// <summary>Queues each event once per routing key (one per assigned topic); it goes out as its concrete type.</summary>
    public static void EnqueuePaperEvents(this PublishDbContext db, IEnumerable<PaperEvent> events)
    {
        foreach (var paperEvent in events)
        {
            foreach (var routingKey in PaperEvents.RoutingKeys(paperEvent))
            {
                db.Enqueue(paperEvent, routingKey);
            }
        }
    }
}
