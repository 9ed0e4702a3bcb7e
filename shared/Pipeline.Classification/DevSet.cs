using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Classification;

/// <summary>One hand-labelled paper of the development set (<c>tests/Pipeline.Classification.Tests/TestData/devset.jsonl</c>,
/// described in <c>DEVSET.md</c> beside it): the input fields and the gold labels.</summary>
public sealed record DevSetPaper
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>train</c>, <c>train2</c>, <c>heldout</c>, <c>heldout2</c>, <c>heldout3</c>, <c>heldout4</c>, <c>heldout5</c>, <c>heldout6</c>, <c>heldout7</c> (tuning data:
    /// each "heldout" split was held out for one round of rules and reported once, then folded in) or <c>heldout8</c>
    /// (reported, never tuned on). See <c>DEVSET.md</c>.</summary>
    [JsonPropertyName("split")]
    public required string Split { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("abstract")]
    public required string Abstract { get; init; }

    [JsonPropertyName("keywords")]
    public IReadOnlyList<string> Keywords { get; init; } = [];

    [JsonPropertyName("githubRepo")]
    public string? GithubRepo { get; init; }

    [JsonPropertyName("projectPage")]
    public string? ProjectPage { get; init; }

    [JsonPropertyName("topics")]
    public IReadOnlyList<string> Topics { get; init; } = [];

    [JsonPropertyName("baseModels")]
    public IReadOnlyList<DevSetModel> BaseModels { get; init; } = [];

    [JsonPropertyName("benchmarks")]
    public IReadOnlyList<DevSetBenchmark> Benchmarks { get; init; } = [];

    [JsonPropertyName("scores")]
    public IReadOnlyList<DevSetScore> Scores { get; init; } = [];

    [JsonPropertyName("languages")]
    public IReadOnlyList<string> Languages { get; init; } = [];

    [JsonPropertyName("paramSizes")]
    public IReadOnlyList<string> ParamSizes { get; init; } = [];

    [JsonPropertyName("codeUrls")]
    public IReadOnlyList<string> CodeUrls { get; init; } = [];

    [JsonPropertyName("hfUrls")]
    public IReadOnlyList<string> HfUrls { get; init; } = [];

    /// <summary>This paper's labels as if a classifier had produced them: how a second reader's labelling of the same
    /// papers is scored against the first (<c>pipeline eval --reader</c>), i.e. how far people agree.</summary>
    public Enrichment LabelsAsEnrichment() => new()
    {
        Version = "reader",
        Topics = [.. Topics.Select(t => new TopicScore(t, 1, []))],
        CodeUrls = CodeUrls,
        HuggingFaceUrls = HfUrls,
        BaseModels = [.. BaseModels.Select(m => new ModelMention(m.Name, m.Family, m.Version, m.Size, m.Variant))],
        Benchmarks = [.. Benchmarks.Select(b => new BenchmarkMention(b.Name, b.Canonical))],
        Scores = [.. Scores.Select(x => new ReportedScore(x.Benchmark, x.Value, x.Unit))],
        Languages = Languages,
        ParamSizes = ParamSizes,
    };

    public ClassifierInput ToInput() => new()
    {
        Title = Title,
        Abstract = Abstract,
        Keywords = Keywords,
        GithubRepo = GithubRepo,
        ProjectPage = ProjectPage,
    };
}

public sealed record DevSetModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("variant")] string? Variant);

public sealed record DevSetBenchmark(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("canonical")] string Canonical);

public sealed record DevSetScore(
    [property: JsonPropertyName("benchmark")] string Benchmark,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string? Unit);

/// <summary>Reads the development set.</summary>
public static class DevSet
{
    /// <summary>The file name, under <c>tests/Pipeline.Classification.Tests/TestData/</c>.</summary>
    public const string FileName = "devset.jsonl";

    /// <summary>Where the development set lives relative to the repository root.</summary>
    public static readonly string RelativePath = Path.Combine("tests", "Pipeline.Classification.Tests", "TestData", FileName);

    /// <summary>The second, independently labelled set (same row format, splits <c>train2</c> and <c>heldout2</c>),
    /// beside <see cref="FileName"/>; optional.</summary>
    public const string SecondFileName = "devset2.jsonl";

    /// <summary>The third set (split <c>heldout3</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string ThirdFileName = "devset3.jsonl";

    /// <summary>The fourth set (split <c>heldout4</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string FourthFileName = "devset4.jsonl";

    /// <summary>The fifth set (split <c>heldout5</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string FifthFileName = "devset5.jsonl";

    /// <summary>The sixth set (split <c>heldout6</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string SixthFileName = "devset6.jsonl";

    /// <summary>The seventh set (split <c>heldout7</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string SeventhFileName = "devset7.jsonl";

    /// <summary>The eighth set (split <c>heldout8</c>), beside <see cref="FileName"/>; optional.</summary>
    public const string EighthFileName = "devset8.jsonl";

    /// <summary>The files loaded beside <see cref="FileName"/> when present, in this order.</summary>
    public static readonly IReadOnlyList<string> CompanionFileNames = [SecondFileName, ThirdFileName, FourthFileName, FifthFileName, SixthFileName, SeventhFileName, EighthFileName];

    public const string Train = "train";

    public const string Heldout = "heldout";

    public const string Train2 = "train2";

    public const string Heldout2 = "heldout2";

    /// <summary>The held-out split of rules-5, reported once, tuning data since rules-6.</summary>
    public const string Heldout3 = "heldout3";

    /// <summary>The held-out split of rules-6, reported once, tuning data since rules-7.</summary>
    public const string Heldout4 = "heldout4";

    /// <summary>The held-out split of rules-7, reported once, tuning data since rules-8.</summary>
    public const string Heldout5 = "heldout5";

    /// <summary>The held-out split of rules-8, reported once, tuning data since rules-9.</summary>
    public const string Heldout6 = "heldout6";

    /// <summary>The held-out split of rules-9, reported once, tuning data since rules-10.</summary>
    public const string Heldout7 = "heldout7";

    /// <summary>The held-out split reported since rules-10: never tuned on, never listed by <c>--errors</c>.</summary>
    public const string Heldout8 = "heldout8";

    /// <summary>Every tuning split joined: <c>train+train2+heldout+heldout2+heldout3+heldout4+heldout5+heldout6+heldout7</c>.</summary>
    public const string Tune = "tune";

    /// <summary>Every split name <see cref="Select"/> accepts on its own (besides <c>all</c> and <see cref="Tune"/>);
    /// several may be joined with '+' (<c>train+train2</c>).</summary>
    public static readonly IReadOnlyList<string> Splits = [Train, Heldout, Train2, Heldout2, Heldout3, Heldout4, Heldout5, Heldout6, Heldout7, Heldout8];

    /// <summary>The splits rules and models may be tuned or trained on (what <see cref="Tune"/> selects).</summary>
    public static readonly IReadOnlyList<string> TuningSplits = [Train, Train2, Heldout, Heldout2, Heldout3, Heldout4, Heldout5, Heldout6, Heldout7];

    /// <summary>Whether <paramref name="split"/> (as <see cref="Select"/> takes it) includes held-out papers, whose
    /// per-paper errors must never be listed.</summary>
    public static bool IncludesHeldOut(string split) =>
        split == "all" || split.Split('+').Any(s => s == Heldout8);

    /// <summary>The papers of <paramref name="path"/> and of each of <see cref="CompanionFileNames"/> that exists in
    /// the same folder.</summary>
    /// <exception cref="InvalidDataException">A line is not a valid dev-set record.</exception>
    public static IReadOnlyList<DevSetPaper> LoadWithSecond(string path)
    {
        var papers = new List<DevSetPaper>(Load(path));
        foreach (var name in CompanionFileNames)
        {
            var companion = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", name);
            if (File.Exists(companion) && !string.Equals(Path.GetFullPath(companion), Path.GetFullPath(path), StringComparison.Ordinal))
            {
                papers.AddRange(Load(companion));
            }
        }

        return papers;
    }

    /// <summary>Whether <paramref name="split"/> is <c>all</c>, <c>tune</c> or one or more known split names joined by '+'.</summary>
    public static bool IsValidSplit(string split) =>
        split is "all" or Tune || (!string.IsNullOrEmpty(split) && split.Split('+').All(s => Splits.Contains(s, StringComparer.Ordinal)));

    /// <exception cref="InvalidDataException">A line is not a valid dev-set record.</exception>
    public static IReadOnlyList<DevSetPaper> Load(string path)
    {
        var papers = new List<DevSetPaper>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                papers.Add(JsonSerializer.Deserialize(line, DevSetJsonContext.Default.DevSetPaper)
                    ?? throw new InvalidDataException($"{path}:{number}: null record"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: {ex.Message}", ex);
            }
        }

        return papers;
    }

    /// <summary>Papers of <paramref name="split"/>: <c>train</c>, <c>heldout</c>, <c>train2</c>, <c>heldout2</c>,
    /// <c>heldout3</c> … <c>heldout8</c>, several joined by '+' (<c>train+train2</c>), <c>tune</c> (every tuning split) or
    /// <c>all</c>.</summary>
    public static IReadOnlyList<DevSetPaper> Select(IEnumerable<DevSetPaper> papers, string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split == "all")
        {
            return [.. papers];
        }

        var wanted = split == Tune ? [.. TuningSplits] : split.Split('+');
        return [.. papers.Where(p => wanted.Contains(p.Split, StringComparer.Ordinal))];
    }

    /// <summary>Looks for <see cref="RelativePath"/> in <paramref name="start"/> and its parents.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

[JsonSerializable(typeof(DevSetPaper))]
internal sealed partial class DevSetJsonContext : JsonSerializerContext;
