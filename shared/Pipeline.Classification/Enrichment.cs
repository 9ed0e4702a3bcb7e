namespace Pipeline.Classification;

/// <summary>What the classifier reads.</summary>
public sealed record ClassifierInput
{
    public required string Title { get; init; }

    public required string Abstract { get; init; }

    /// <summary>Hugging Face <c>ai_keywords</c>, if any.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? GithubRepo { get; init; }

    public string? ProjectPage { get; init; }
}

/// <summary>A phrase that contributed to a topic: the matched text, its field (<see cref="ClassifierFields"/>) and its
/// character offset in <see cref="ClassifierFields.GetText"/> of that field.</summary>
public sealed record Evidence(string Phrase, string Field, int Offset);

/// <summary>An assigned topic: its taxonomy id, its score in [0,1] (with the shipped model: the calibrated chance that
/// the topic is right) and the phrases that produced it (none for the catch-all topic).</summary>
public sealed record TopicScore(string Id, double Score, IReadOnlyList<Evidence> Evidence);

/// <summary>Everything the classifier derives from one paper.</summary>
public sealed record Enrichment
{
    /// <summary>Classifier and taxonomy version, e.g. <c>rules-2+tax-3f2a9c1b</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Assigned topics only, highest score first.</summary>
    public required IReadOnlyList<TopicScore> Topics { get; init; }

    /// <summary>GitHub (and other code host) repository URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> CodeUrls { get; init; }

    /// <summary>Hugging Face model, dataset and space URLs, normalized, de-duplicated.</summary>
    public required IReadOnlyList<string> HuggingFaceUrls { get; init; }

    /// <summary>Pretrained models named in the title or abstract, normalized (<see cref="ModelExtractor"/>), in order of
    /// first appearance, without duplicates.</summary>
    public IReadOnlyList<ModelMention> BaseModels { get; init; } = [];

    /// <summary>Benchmarks named, with canonical names, including ones the paper introduces (<see cref="BenchmarkExtractor"/>).</summary>
    public IReadOnlyList<BenchmarkMention> Benchmarks { get; init; } = [];

    /// <summary>Absolute results stated for a named benchmark (<see cref="ScoreExtractor"/>).</summary>
    public IReadOnlyList<ReportedScore> Scores { get; init; } = [];

    /// <summary>Deltas ("+6.8 points", "improves by 5%"), kept apart from <see cref="Scores"/>.</summary>
    public IReadOnlyList<ReportedImprovement> Improvements { get; init; } = [];

    /// <summary>Non-English natural languages that are a subject of the paper, by English name ("Chinese").</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Model parameter counts stated, normalized ("7B", "1.3B", "8x7B", "350M").</summary>
    public IReadOnlyList<string> ParamSizes { get; init; } = [];
}

/// <summary>A pretrained model named in the text: <paramref name="Name"/> as written, the lowercase
/// <paramref name="Family"/> ("llama", "qwen", "gpt", "code-llama"), and, when written, the <paramref name="Version"/>
/// ("3.1", "4o", "r1"), parameter <paramref name="Size"/> ("70B", "8x7B") and <paramref name="Variant"/>
/// ("instruct", "chat", "vl", "coder-instruct"), all lowercase except the size.</summary>
public sealed record ModelMention(string Name, string Family, string? Version, string? Size, string? Variant);

/// <summary>A benchmark named in the text: <paramref name="Name"/> as written and its <paramref name="Canonical"/> name
/// (the lexicon's spelling, or the name as written for a benchmark the lexicon does not know).</summary>
public sealed record BenchmarkMention(string Name, string Canonical);

/// <summary>An absolute result on a benchmark: canonical <paramref name="Benchmark"/>, <paramref name="Value"/> as
/// written and <paramref name="Unit"/> ("%" or null).</summary>
public sealed record ReportedScore(string Benchmark, double Value, string? Unit);

/// <summary>A stated improvement (delta), with the benchmark it refers to when one is named in the same clause.</summary>
public sealed record ReportedImprovement(string? Benchmark, double Value, string? Unit);
