using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Contracts.Tests;

/// <summary>(e) Routing keys <c>paper.{kind}.{topic}</c>, one per assigned topic, <c>none</c> without one.</summary>
public sealed partial class RoutingKeyTests
{
    [Theory]
    [InlineData(PaperEvents.Published, "peft", "paper.published.peft")]
    [InlineData(PaperEvents.Updated, "long-context", "paper.updated.long-context")]
    [InlineData(PaperEvents.Withdrawn, PaperEvents.NoTopic, "paper.withdrawn.none")]
    public void Routing_key_is_paper_kind_topic(string kind, string topic, string expected) =>
        Assert.Equal(expected, PaperEvents.RoutingKey(kind, topic));

    [Fact]
    public void Published_routing_key_keeps_its_v1_shape() =>
        Assert.Equal("paper.published.peft", PaperEvents.PublishedRoutingKey("peft"));

    [Fact]
    public void Each_kind_maps_to_its_word()
    {
        Assert.Equal("published", PaperEvents.KindOf(SampleEvents.Published()));
        Assert.Equal("updated", PaperEvents.KindOf(SampleEvents.Updated()));
        Assert.Equal("withdrawn", PaperEvents.KindOf(SampleEvents.Withdrawn()));
    }

    [Fact]
    public void One_key_per_assigned_topic()
    {
        Assert.Equal(["paper.published.peft", "paper.published.compression"], PaperEvents.RoutingKeys(SampleEvents.Published()));
        Assert.Equal(["paper.updated.peft", "paper.updated.compression"], PaperEvents.RoutingKeys(SampleEvents.Updated()));
        Assert.Equal(["paper.withdrawn.peft", "paper.withdrawn.compression"], PaperEvents.RoutingKeys(SampleEvents.Withdrawn()));
    }

    [Fact]
    public void A_topic_assigned_twice_yields_one_key()
    {
        var paperEvent = SampleEvents.Updated() with { Topics = [.. SampleEvents.Updated().Topics, SampleEvents.Updated().Topics[0]] };
        Assert.Equal(["paper.updated.peft", "paper.updated.compression"], PaperEvents.RoutingKeys(paperEvent));
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void Without_topics_the_key_ends_in_none(string kind)
    {
        var paperEvent = SampleEvents.OfKind(kind) with { Topics = [] };
        Assert.Equal([$"paper.{kind}.none"], PaperEvents.RoutingKeys(paperEvent));
    }

    [Fact]
    public void Taxonomy_ids_are_single_routing_key_words()
    {
        // A topic id becomes the third word of the routing key: a '.', '*' or '#' in it would break bindings such as
        // paper.*.peft, and a topic called "none" would mix with papers without a topic. The ids live in the
        // classifier's built-in taxonomy and in the documented table of config/taxonomy.md.
        using var builtIn = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(ContractFiles.RepositoryRoot, "shared", "Pipeline.Classification", "taxonomy.json")));
        var ids = builtIn.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        var documented = File.ReadAllLines(Path.Combine(ContractFiles.RepositoryRoot, "config", "taxonomy.md"))
            .Select(l => TableRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .Where(id => id != "id" && !id.StartsWith("---", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(ids);
        Assert.NotEmpty(documented);
        Assert.All(ids.Concat(documented), id => Assert.Matches("^[a-z0-9][a-z0-9-]*$", id));
        Assert.DoesNotContain(PaperEvents.NoTopic, ids.Concat(documented));
    }

    [GeneratedRegex(@"^\|\s*([^|\s]+)\s*\|")]
    private static partial Regex TableRow();
}
