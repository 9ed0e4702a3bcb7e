namespace Pipeline.Classification.Tests;

/// <summary>The labelled dev set (TestData/devset.jsonl, see TestData/DEVSET.md), from the test output folder.</summary>
public static class DevSetPapers
{
    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.FileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers2 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.SecondFileName)));

    public static IReadOnlyList<DevSetPaper> All => Papers.Value;

    /// <summary>The second labelled file (devset2.jsonl: train2, heldout2).</summary>
    public static IReadOnlyList<DevSetPaper> All2 => Papers2.Value;

    public static DevSetPaper Get(string id) => Papers.Value.Single(p => p.Id == id);
}
