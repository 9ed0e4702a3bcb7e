namespace Pipeline.Classification.Tests;

/// <summary>The labelled dev set (TestData/devset.jsonl, see TestData/DEVSET.md), from the test output folder.</summary>
public static class DevSetPapers
{
    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.FileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers2 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.SecondFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers3 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.ThirdFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers4 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.FourthFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers5 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.FifthFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers6 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.SixthFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers7 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.SeventhFileName)));

    private static readonly Lazy<IReadOnlyList<DevSetPaper>> Papers8 = new(() => DevSet.Load(LabelledPapers.TestDataPath(DevSet.EighthFileName)));

    public static IReadOnlyList<DevSetPaper> All => Papers.Value;

    /// <summary>The eighth labelled file (devset8.jsonl: heldout8, the split reported since rules-10).</summary>
    public static IReadOnlyList<DevSetPaper> All8 => Papers8.Value;

    /// <summary>The seventh labelled file (devset7.jsonl: heldout7, reported once with rules-9, tuning data since).</summary>
    public static IReadOnlyList<DevSetPaper> All7 => Papers7.Value;

    /// <summary>The sixth labelled file (devset6.jsonl: heldout6, reported once with rules-8, tuning data since).</summary>
    public static IReadOnlyList<DevSetPaper> All6 => Papers6.Value;

    /// <summary>The fifth labelled file (devset5.jsonl: heldout5, reported once with rules-7, tuning data since).</summary>
    public static IReadOnlyList<DevSetPaper> All5 => Papers5.Value;

    /// <summary>The fourth labelled file (devset4.jsonl: heldout4, reported once with rules-6, tuning data since).</summary>
    public static IReadOnlyList<DevSetPaper> All4 => Papers4.Value;

    /// <summary>The third labelled file (devset3.jsonl: heldout3, reported once with rules-5, tuning data since).</summary>
    public static IReadOnlyList<DevSetPaper> All3 => Papers3.Value;

    /// <summary>The second labelled file (devset2.jsonl: train2, heldout2).</summary>
    public static IReadOnlyList<DevSetPaper> All2 => Papers2.Value;

    public static DevSetPaper Get(string id) => Papers.Value.Single(p => p.Id == id);
}
