namespace Pipeline.Classification.Tests;

/// <summary>The dev set is well formed, and the held-out figures stay above floors a little under those measured
/// when the rules were frozen (see TestData/DEVSET.md), so that a regression fails. Throughput is measured in
/// bench/Pipeline.Benchmarks, never here.</summary>
public sealed class DevSetTests
{
    private static readonly Lazy<EvaluationReport> Heldout = new(() =>
        Evaluation.Run(new TopicClassifier(Taxonomy.LoadDefault()), DevSet.Select(DevSetPapers.All, DevSet.Heldout)));

    [Fact]
    public void Is_well_formed_with_a_fixed_split()
    {
        var papers = DevSetPapers.All;
        var ids = Taxonomy.LoadDefault().Topics.Select(t => t.Id).ToHashSet();

        Assert.Equal(300, papers.Count);
        Assert.Equal(papers.Count, papers.Select(p => p.Id).Distinct().Count());
        Assert.Equal(180, papers.Count(p => p.Split == DevSet.Train));
        Assert.Equal(120, papers.Count(p => p.Split == DevSet.Heldout));
        Assert.All(papers, p => Assert.NotEmpty(p.Topics));
        Assert.All(papers.SelectMany(p => p.Topics), t => Assert.Contains(t, ids));
        Assert.All(LabelledPapers.All, p => Assert.Equal(DevSet.Train, DevSetPapers.Get(p.Id).Split)); // tuned on: train
    }

    [Theory]
    [InlineData("topics micro", 0.74)]
    [InlineData("topics macro", 0.57)]
    [InlineData("baseModels", 0.78)]
    [InlineData("benchmarks", 0.70)]
    [InlineData("scores", 0.40)]
    [InlineData("paramSizes", 0.90)]
    [InlineData("links", 0.98)]
    public void Heldout_f1_stays_above_its_floor(string what, double floor)
    {
        var report = Heldout.Value;
        var f1 = what switch
        {
            "topics micro" => report.TopicsMicro.F1,
            "topics macro" => report.TopicsMacro.F1,
            _ => report.Entities[what].F1,
        };
        TestContext.Current.TestOutputHelper?.WriteLine(Evaluation.FormatTable(report, "heldout"));

        Assert.True(f1 >= floor, $"{what} F1 {f1:F3} is below {floor}");
    }
}
