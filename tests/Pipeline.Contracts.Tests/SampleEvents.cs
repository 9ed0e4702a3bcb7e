using System.Text.Json;
using MassTransit.Serialization;

namespace Pipeline.Contracts.Tests;

/// <summary>Events with every field populated (no null, no empty list, no default), one per kind.</summary>
public static class SampleEvents
{
    public static readonly DateTimeOffset PublishedAt = new(2026, 11, 26, 21, 15, 0, TimeSpan.Zero);

    public static PaperPublished Published() => Populate();

    public static PaperUpdated Updated() => As<PaperUpdated>(Populate() with { Revision = 2, Changes = ["version", "topics"] });

    public static PaperWithdrawn Withdrawn() => As<PaperWithdrawn>(Populate() with { Revision = 3, Changes = ["withdrawn"], Withdrawn = true });

    /// <summary>The three kinds with their schema file's name (<c>paper-{kind}</c>).</summary>
    public static TheoryData<string> Kinds => [PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn];

    public static PaperEvent OfKind(string kind) => kind switch
    {
        PaperEvents.Published => Published(),
        PaperEvents.Updated => Updated(),
        PaperEvents.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Type TypeOf(string kind) => OfKind(kind).GetType();

    /// <summary>The same content as another kind of event (the three share every member).</summary>
    private static T As<T>(PaperEvent source)
        where T : PaperEvent =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize<object>(source, SystemTextJsonMessageSerializer.Options), SystemTextJsonMessageSerializer.Options)!;

    private static PaperPublished Populate() => new()
        {
            SchemaVersion = PaperEvents.SchemaVersion,
            IdempotencyKey = "2406.12345:v2:clf-3+tax-7:5f1c0a9e2b7d",
            PaperId = "2406.12345",
            Revision = 1,
            Changes = ["abstract"],
            Replay = true,
            Version = 2,
            Title = "LoRA-XS: Low-Rank Adaptation with Extremely Small Number of Parameters",
            Abstract = "We propose LoRA-XS, which trains $r \\times r$ matrices between frozen low-rank factors.",
            Authors = ["Klaudia Bałazy", "Mohammadreza Banaei"],
            ArxivPublishedAt = new DateTimeOffset(2024, 6, 17, 0, 0, 0, TimeSpan.Zero),
            ListedAt = new DateTimeOffset(2024, 6, 18, 9, 30, 0, TimeSpan.FromHours(2)),
            Upvotes = 42,
            Topics =
            [
                new TopicAssignment
                {
                    Id = "peft",
                    Score = 0.92,
                    Evidence = [new TopicEvidence { Phrase = "low-rank adaptation", Field = "title", Offset = 9 }],
                },
                new TopicAssignment
                {
                    Id = "compression",
                    Score = 0.41,
                    Evidence = [new TopicEvidence { Phrase = "small number of parameters", Field = "abstract", Offset = 40 }],
                },
            ],
            CodeUrls = ["https://github.com/example/lora-xs"],
            HuggingFaceUrls = ["https://huggingface.co/example/lora-xs-7b"],
            BaseModels = [new BaseModelMention { Name = "LLaMA-2 7B", Family = "llama", Version = "2", Size = "7B", Variant = "chat" }],
            Benchmarks = [new BenchmarkRef { Name = "GLUE benchmark", Canonical = "GLUE" }],
            Scores = [new BenchmarkScore { Benchmark = "GLUE", Value = 88.5, Unit = "%" }],
            Improvements = [new BenchmarkImprovement { Benchmark = "GSM8K", Value = 3.2, Unit = "%" }],
            Languages = ["Polish"],
            ParamSizes = ["7B"],
            Related = [new RelatedPaperRef("2106.09685", "LoRA: Low-Rank Adaptation of Large Language Models", 0.87)],
            Categories = ["cs.LG", "cs.CL"],
            Versions =
            [
                new PaperVersionInfo { Version = 1, Date = new DateTimeOffset(2024, 5, 27, 0, 0, 0, TimeSpan.Zero) },
                new PaperVersionInfo { Version = 2, Date = new DateTimeOffset(2024, 6, 17, 0, 0, 0, TimeSpan.Zero) },
            ],
            Dois = ["10.1000/example.2024.1"],
            JournalRef = "Proc. Example 2024",
            License = "http://creativecommons.org/licenses/by/4.0/",
            Withdrawn = false,
            Sources = ["hf-daily", "arxiv-oai"],
            Provenance = new Dictionary<string, string> { ["abstract"] = "arxiv-oai", ["upvotes"] = "hf-daily" },
            ProjectPage = "https://example.github.io/lora-xs",
            Keywords = ["lora", "peft"],
            SourceId = "hf-daily",
            EnrichmentVersion = "clf-3+tax-7",
            AbstractUrl = "https://arxiv.org/abs/2406.12345",
            PublishedAt = PublishedAt,
        };
}
