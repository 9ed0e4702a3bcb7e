using System.Text.Json;
using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Deliver.Tests;

/// <summary>Paper events as Publish emits them, and publishing them the way the outbox relay does.</summary>
public static class TestEvents
{
    public static PaperPublished Published(
        string paperId,
        string[] topics,
        int revision = 1,
        int? upvotes = null,
        bool code = false,
        DateTimeOffset? at = null,
        DateTimeOffset? arxivAt = null,
        string? title = null,
        string abstractText = "We study parameter-efficient fine-tuning of large language models.")
    {
        var published = at ?? DateTimeOffset.UtcNow;
        return new PaperPublished
        {
            IdempotencyKey = $"{paperId}:v1:test-1:{revision:x12}",
            PaperId = paperId,
            Revision = revision,
            Version = 1,
            Title = title ?? $"Paper {paperId}",
            Abstract = abstractText,
            Authors = ["A. Author", "B. Author"],
            Upvotes = upvotes,
            Topics = topics.Select(t => new TopicAssignment { Id = t, Score = 0.9, Evidence = [] }).ToList(),
            CodeUrls = code ? [$"https://github.com/example/{paperId.Replace('.', '-')}"] : [],
            HuggingFaceUrls = [],
            ArxivPublishedAt = arxivAt ?? published,
            SourceId = "test",
            EnrichmentVersion = "test-1",
            AbstractUrl = $"https://arxiv.org/abs/{paperId}",
            PublishedAt = published,
        };
    }

    /// <summary>The same record as another kind of event (the contracts share every field).</summary>
    public static T As<T>(PaperEvent paperEvent)
        where T : PaperEvent =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(paperEvent, paperEvent.GetType()))!;

    /// <summary>One copy per routing key (one per topic, or <c>…none</c>), as the outbox relay publishes them.</summary>
    public static async Task PublishAsync(IBus bus, PaperEvent paperEvent)
    {
        foreach (var key in PaperEvents.RoutingKeys(paperEvent))
        {
            await bus.Publish(paperEvent, paperEvent.GetType(), Pipe.Execute<PublishContext>(ctx => ctx.SetRoutingKey(key)));
        }
    }
}
