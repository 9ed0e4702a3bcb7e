using System.Text.Json;
using MassTransit.Serialization;
using Pipeline.Contracts;

namespace Pipeline.ExampleConsumer.Tests;

/// <summary>Small paper events with unique keys.</summary>
public static class TestEvents
{
    public static PaperPublished Published(string paperId, params string[] topics) => new()
    {
        IdempotencyKey = $"{paperId}:v1:clf-1:{Guid.NewGuid():N}"[..40],
        PaperId = paperId,
        Revision = 1,
        Version = 1,
        Title = $"Paper {paperId}",
        Abstract = "An abstract.",
        Authors = ["A. Author"],
        Topics = [.. topics.Select(t => new TopicAssignment { Id = t, Score = 0.9, Evidence = [] })],
        CodeUrls = [],
        HuggingFaceUrls = [],
        SourceId = "test",
        EnrichmentVersion = "clf-1",
        AbstractUrl = $"https://arxiv.org/abs/{paperId}",
        PublishedAt = DateTimeOffset.UtcNow,
    };

    public static PaperUpdated Updated(string paperId, params string[] topics) =>
        As<PaperUpdated>(Published(paperId, topics) with { Revision = 2, Changes = ["abstract"] });

    public static PaperWithdrawn Withdrawn(string paperId, params string[] topics) =>
        As<PaperWithdrawn>(Published(paperId, topics) with { Revision = 3, Changes = ["withdrawn"], Withdrawn = true });

    private static T As<T>(PaperEvent source)
        where T : PaperEvent =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize<object>(source, SystemTextJsonMessageSerializer.Options), SystemTextJsonMessageSerializer.Options)!;
}
