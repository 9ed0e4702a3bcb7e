namespace Pipeline.Classification.Tests;

/// <summary>The second labelled file (devset2.jsonl, splits train2 / heldout2) and '+'-joined splits.</summary>
public sealed class DevSetSplitTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "devset-split-" + Guid.NewGuid().ToString("N"));

    public DevSetSplitTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Row(string id, string split) =>
        $$"""{"id":"{{id}}","split":"{{split}}","title":"T {{id}}","abstract":"A","topics":["code"]}""";

    [Fact]
    public void Loads_the_second_file_beside_the_first_and_selects_joined_splits()
    {
        var first = Path.Combine(_dir, DevSet.FileName);
        File.WriteAllLines(first, [Row("1", DevSet.Train), Row("2", DevSet.Heldout)]);
        File.WriteAllLines(Path.Combine(_dir, DevSet.SecondFileName), [Row("3", DevSet.Train2), Row("4", DevSet.Heldout2), Row("5", DevSet.Train2)]);

        var papers = DevSet.LoadWithSecond(first);

        Assert.Equal(["1", "2", "3", "4", "5"], papers.Select(p => p.Id));
        Assert.Equal(["1", "3", "5"], DevSet.Select(papers, "train+train2").Select(p => p.Id));
        Assert.Equal(["3", "5"], DevSet.Select(papers, DevSet.Train2).Select(p => p.Id));
        Assert.Equal(["4"], DevSet.Select(papers, DevSet.Heldout2).Select(p => p.Id));
        Assert.Equal(["1"], DevSet.Select(papers, DevSet.Train).Select(p => p.Id));
        Assert.Equal(5, DevSet.Select(papers, "all").Count);
    }

    [Fact]
    public void Without_a_second_file_loads_the_first_only()
    {
        var first = Path.Combine(_dir, DevSet.FileName);
        File.WriteAllLines(first, [Row("1", DevSet.Train)]);

        Assert.Single(DevSet.LoadWithSecond(first));
    }

    [Theory]
    [InlineData("train", true)]
    [InlineData("heldout2", true)]
    [InlineData("train+train2", true)]
    [InlineData("all", true)]
    [InlineData("train+", false)]
    [InlineData("train3", false)]
    [InlineData("", false)]
    public void Validates_split_names(string split, bool valid) => Assert.Equal(valid, DevSet.IsValidSplit(split));

    [Fact]
    public void Lists_each_paper_s_misses_and_false_positives()
    {
        var gold = new DevSetPaper
        {
            Id = "9", Split = DevSet.Train, Title = "T", Abstract = "A", Topics = ["code", "math"],
            Benchmarks = [new DevSetBenchmark("GSM8k", "GSM8K")],
        };
        var predicted = new Enrichment
        {
            Version = "v",
            Topics = [new TopicScore("code", 0.9, []), new TopicScore("agents", 0.6, [])],
            CodeUrls = [],
            HuggingFaceUrls = [],
            Benchmarks = [new BenchmarkMention("GSM-8K", "GSM8K"), new BenchmarkMention("MMLU", "MMLU")],
        };

        var text = Evaluation.FormatErrors([(gold, predicted)]);

        Assert.Contains("topics: -math +agents", text, StringComparison.Ordinal);
        Assert.Contains("benchmarks: +MMLU", text, StringComparison.Ordinal);
        Assert.DoesNotContain("GSM8K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_scored_as_a_second_reader_agree_fully_with_themselves_and_not_with_a_different_reading()
    {
        var papers = DevSet.Select(DevSetPapers.All2, DevSet.Heldout2);

        var self = Evaluation.Evaluate(papers.Select(p => (p, p.LabelsAsEnrichment())));
        var other = Evaluation.Evaluate(papers.Select(p => (p, (p with { Topics = ["legal"], BaseModels = [] }).LabelsAsEnrichment())));

        Assert.Equal(1.0, self.TopicsMicro.F1);
        Assert.All(self.Entities.Values.Where(e => e.Support > 0), e => Assert.Equal(1.0, e.F1));
        Assert.True(other.TopicsMicro.F1 < 0.1, $"{other.TopicsMicro.F1}");
        Assert.Equal(0, other.Entities["baseModels"].Tp);
        Assert.Equal(1.0, other.Entities["benchmarks"].F1);
    }

    [Fact]
    public void The_second_reading_of_heldout3_covers_100_of_its_papers()
    {
        var second = DevSet.Load(LabelledPapers.TestDataPath("devset3-second-reader.jsonl"));
        var heldout3 = DevSetPapers.All3.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, second.Count);
        Assert.All(second, p => Assert.Contains(p.Id, heldout3));
    }
}
