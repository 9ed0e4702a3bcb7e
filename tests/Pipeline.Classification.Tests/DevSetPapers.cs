namespace Pipeline.Classification.Tests;

/// <summary>The labelled dev set (TestData/devset.jsonl, see TestData/DEVSET.md), from the test output folder.</summary>
public static class DevSetPapers
{
    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.FileName)));

    public static IReadOnlyList<DevSetPaper> All => Papers.Value;

    public static DevSetPaper Get(string id) => Papers.Value.Single(p => p.Id == id);
}
