using Pipeline.Contracts;
using Pipeline.Publish.Persistence;
using Pipeline.Publish.Publishing;

namespace Pipeline.IntegrationTests;

/// <summary>Units: what is a material change, and the idempotency key.</summary>
public sealed class MaterialChangesTests
{
    private static readonly PaperPublished Paper = new()
    {
        IdempotencyKey = "",
        PaperId = "2406.12345",
        Revision = 1,
        Version = 1,
        Title = "LoRA for everyone",
        Abstract = "We fine-tune Llama-2-7B with LoRA and reach 61.2 on MMLU.",
        Authors = ["A. Author", "B. Author"],
        Upvotes = 3,
        Topics = [new TopicAssignment { Id = "peft", Score = 0.91, Evidence = [] }],
        CodeUrls = ["https://github.com/a/b"],
        HuggingFaceUrls = [],
        Benchmarks = [new BenchmarkRef { Name = "MMLU", Canonical = "MMLU" }],
        Scores = [new BenchmarkScore { Benchmark = "MMLU", Value = 61.2 }],
        SourceId = "hf",
        EnrichmentVersion = "e1",
        AbstractUrl = "https://arxiv.org/abs/2406.12345",
        PublishedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Upvotes_keywords_listing_dates_and_topic_scores_are_not_material()
    {
        var fresher = Paper with
        {
            Upvotes = 300,
            Keywords = ["lora"],
            ListedAt = DateTimeOffset.UtcNow,
            Topics = [new TopicAssignment { Id = "peft", Score = 0.42, Evidence = [] }],
            Provenance = new Dictionary<string, string> { ["upvotes"] = "hf" },
        };
        Assert.Empty(MaterialChanges.Between(Paper, fresher));
        Assert.Equal(MaterialChanges.Hash(Paper), MaterialChanges.Hash(fresher));
    }

    [Fact]
    public void Each_material_field_is_named_in_the_changes()
    {
        var changed = Paper with
        {
            Version = 2,
            Abstract = Paper.Abstract + " Now with code.",
            Topics = [.. Paper.Topics, new TopicAssignment { Id = "evaluation", Score = 0.6, Evidence = [] }],
            Scores = [new BenchmarkScore { Benchmark = "MMLU", Value = 63.0 }],
            Related = [new RelatedPaperRef("2401.00001", "Other", 0.8)],
            Withdrawn = true,
        };
        Assert.Equal(["version", "abstract", "withdrawn", "topics", "scores"], MaterialChanges.Between(Paper, changed));
        Assert.NotEqual(MaterialChanges.Hash(Paper), MaterialChanges.Hash(changed));
    }

    [Fact]
    public void A_related_list_is_derived_data_not_a_material_change()
    {
        var withRelated = Paper with { Related = [new RelatedPaperRef("2401.00001", "Other", 0.8), new RelatedPaperRef("2401.00002", "Another", 0.7)] };
        Assert.Empty(MaterialChanges.Between(Paper, withRelated));
        Assert.Equal(MaterialChanges.Hash(Paper), MaterialChanges.Hash(withRelated));
    }

    [Fact]
    public void A_related_lists_idempotency_key_names_the_paper_the_computation_and_its_papers()
    {
        var at = new DateTimeOffset(2026, 11, 26, 21, 15, 0, TimeSpan.Zero);
        var key = PublishedPaperStore.RelatedIdempotencyKey("2406.12345", at, ["2401.00001"]);
        Assert.StartsWith($"2406.12345:related:{at.ToUnixTimeMilliseconds()}:", key, StringComparison.Ordinal);
        Assert.Equal(key, PublishedPaperStore.RelatedIdempotencyKey("2406.12345", at, ["2401.00001"]));
        Assert.NotEqual(key, PublishedPaperStore.RelatedIdempotencyKey("2406.12345", at, ["2401.00002"]));
        Assert.NotEqual(key, PublishedPaperStore.RelatedIdempotencyKey("2406.12345", at.AddSeconds(1), ["2401.00001"]));
    }

    [Fact]
    public void The_idempotency_key_names_paper_version_enrichment_and_content()
    {
        var key = PublishedPaperStore.IdempotencyKey(Paper, 3);
        Assert.Equal("2406.12345:v1:e1:r3", key);
        Assert.NotEqual(key, PublishedPaperStore.IdempotencyKey(Paper with { Version = 2 }, 3));
        Assert.NotEqual(key, PublishedPaperStore.IdempotencyKey(Paper, 4));
    }

    [Fact]
    public void Routing_keys_are_one_per_topic_by_kind_and_none_without_topics()
    {
        Assert.Equal(["paper.published.peft"], PaperEvents.RoutingKeys(Paper));
        Assert.Equal(["paper.updated.none"], PaperEvents.RoutingKeys((PaperUpdated)PublishedPaperStore.As(Paper with { Topics = [] }, PaperEvents.Updated)));
        var withdrawn = PublishedPaperStore.As(Paper, PaperEvents.Withdrawn);
        Assert.IsType<PaperWithdrawn>(withdrawn);
        Assert.Equal(Paper.Abstract, withdrawn.Abstract);
        Assert.Equal(["paper.withdrawn.peft"], PaperEvents.RoutingKeys(withdrawn));
    }

    [Fact]
    public void A_change_is_also_routed_to_the_topics_the_paper_left()
    {
        var moved = (PaperUpdated)PublishedPaperStore.As(Paper with { Topics = [new TopicAssignment { Id = "alignment", Score = 0.8, Evidence = [] }] }, PaperEvents.Updated);
        Assert.Equal(["paper.updated.alignment", "paper.updated.peft"], OutgoingPaperEvent.KeysFor(moved, Paper));
        var untopicked = (PaperUpdated)PublishedPaperStore.As(Paper with { Topics = [] }, PaperEvents.Updated);
        Assert.Equal(["paper.updated.none", "paper.updated.peft"], OutgoingPaperEvent.KeysFor(untopicked, Paper));
        Assert.Equal(["paper.published.peft"], OutgoingPaperEvent.KeysFor(Paper, previous: null));
    }
}
