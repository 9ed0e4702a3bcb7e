using Pipeline.Deliver.Filtering;

namespace Pipeline.Deliver.Tests;

public sealed class FilterTests
{
    private static readonly PaperFacts Paper = new(
        "LoRA-XS: Low-Rank Adaptation with Extremely Small Parameters",
        "We fine-tune LLaMA-2 on GLUE and report gains on MMLU.",
        ["peft", "llm"],
        ["LLaMA-2", "llama"],
        ["GLUE", "MMLU"]);

    [Fact]
    public void Empty_filter_matches_everything() =>
        Assert.True(new SubscriptionFilter().Matches(Paper, "withdrawn"));

    [Theory]
    [InlineData(new[] { "peft" }, true)]
    [InlineData(new[] { "rl", "llm" }, true)]
    [InlineData(new[] { "rl" }, false)]
    [InlineData(new[] { "PEFT" }, true)]
    public void Topics_match_any(string[] topics, bool expected) =>
        Assert.Equal(expected, new SubscriptionFilter { Topics = topics }.Matches(Paper, "published"));

    [Theory]
    [InlineData("published", true)]
    [InlineData("updated", false)]
    public void Kinds_restrict_the_event_kind(string kind, bool expected) =>
        Assert.Equal(expected, new SubscriptionFilter { Kinds = ["published", "withdrawn"] }.Matches(Paper, kind));

    [Theory]
    [InlineData("llama", true)]
    [InlineData("LLaMA-2", true)]
    [InlineData("mistral", false)]
    public void Models_match_name_or_family_ignoring_case(string model, bool expected) =>
        Assert.Equal(expected, new SubscriptionFilter { Models = [model] }.Matches(Paper, "published"));

    [Theory]
    [InlineData("mmlu", true)]
    [InlineData("GSM8K", false)]
    public void Benchmarks_match_ignoring_case(string benchmark, bool expected) =>
        Assert.Equal(expected, new SubscriptionFilter { Benchmarks = [benchmark] }.Matches(Paper, "published"));

    [Theory]
    [InlineData("low-rank", true)]
    [InlineData("fine-tune glue", true)]
    [InlineData("fine-tune imagenet", false)]
    [InlineData("  ", true)]
    public void Text_needs_every_word_in_title_or_abstract(string text, bool expected) =>
        Assert.Equal(expected, new SubscriptionFilter { Text = text }.Matches(Paper, "published"));

    [Fact]
    public void All_criteria_must_hold()
    {
        var filter = new SubscriptionFilter { Topics = ["peft"], Models = ["llama"], Benchmarks = ["GSM8K"] };
        Assert.False(filter.Matches(Paper, "published"));
        Assert.True(filter with { Benchmarks = ["GLUE"] } is var ok && ok.Matches(Paper, "published"));
    }

    [Fact]
    public void Validation_names_unknown_kinds_and_long_text()
    {
        var errors = new SubscriptionFilter { Kinds = ["deleted"], Text = new string('x', 300) }.Validate().ToList();
        Assert.Contains(errors, e => e.Field == "kinds" && e.Error.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "text");
        Assert.Empty(new SubscriptionFilter { Kinds = ["Updated"], Topics = ["peft"] }.Validate());
    }

    [Fact]
    public void Normalized_trims_deduplicates_and_lowercases_kinds()
    {
        var filter = new SubscriptionFilter { Topics = [" peft ", "peft", ""], Kinds = ["Published"], Text = "  " }.Normalized();
        Assert.Equal(["peft"], filter.Topics);
        Assert.Equal(["published"], filter.Kinds);
        Assert.Null(filter.Text);
    }
}
