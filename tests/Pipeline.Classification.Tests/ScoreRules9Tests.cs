namespace Pipeline.Classification.Tests;

/// <summary>The rules-9 score rules (numbers that are no model's result), each on a snippet of a real abstract of the
/// tuning split (heldout6, read after its one evaluation).</summary>
public sealed class ScoreRules9Tests
{
    private static IReadOnlyList<ReportedScore> Scores(string text, params string[] benchmarks) =>
        ScoreExtractor.Extract(text, [.. benchmarks.Select(b => new BenchmarkMention(b, b))]).Scores;

    [Fact]
    public void A_magnitude_is_a_quantity_not_a_score()
    {
        // 2502.07527 (NatureLM), 2506.03569 (OSWorld-G)
        Assert.Empty(Scores("We evaluate on USPTO. We have developed NatureLM models in different sizes (1 billion, 8 billion, and 46.7 billion parameters) and observed a clear improvement.", "USPTO"));
        Assert.Equal(
            [new ReportedScore("OSWorld-G", 56.1, null)],
            Scores("It sets a new standard with 56.1 on OSWorld-G, even outperforming specialized models such as UI-TARS. Our training combines four-stage pre-training (2.4 trillion tokens) with reinforcement learning on OSWorld-G.", "OSWorld-G"));
    }

    [Fact]
    public void A_share_of_the_full_supervision_is_not_a_score()
    {
        // 2510.17509 (EliCal)
        Assert.Empty(Scores("Experiments on MMLU show that EliCal achieves near-optimal alignment with only 1k correctness annotations (0.18% of full supervision).", "MMLU"));

        // A metric word before "of the entire …" keeps the score.
        Assert.Equal([new ReportedScore("Cityscapes", 56.1, "%")], Scores("Our model reaches 56.1% mIoU of the entire Cityscapes val set.", "Cityscapes"));
    }

    [Fact]
    public void Both_numbers_before_an_improvement_are_deltas()
    {
        // 2512.11792: "a 21.20% and 22.46% improvement" — the first number is a delta too; 95.51% stays a score.
        const string text = "Specifically, on VBench, we achieve 95.51%, and reduce FVD to 360.57, a 21.20% and 22.46% improvement over REPA- and LoRA-finetuning.";
        var (scores, improvements) = ScoreExtractor.Extract(text, [new BenchmarkMention("VBench", "VBench")]);
        Assert.Equal([new ReportedScore("VBench", 95.51, "%")], scores);
        Assert.Contains(improvements, i => i.Value == 21.2);
        Assert.Contains(improvements, i => i.Value == 22.46);
    }
}
