using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Classification.Tests;

/// <summary>A real Hugging Face daily paper with hand-assigned topics (see TestData/PROVENANCE.md).</summary>
public sealed record LabelledPaper
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

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
    public required IReadOnlyList<string> Topics { get; init; }

    public ClassifierInput ToInput() => new()
    {
        Title = Title,
        Abstract = Abstract,
        Keywords = Keywords,
        GithubRepo = GithubRepo,
        ProjectPage = ProjectPage,
    };
}

/// <summary>Loads TestData/hf_papers.jsonl from the test output folder (never from outside the repository).</summary>
public static class LabelledPapers
{
    private static readonly Lazy<IReadOnlyList<LabelledPaper>> Papers = new(Load);

    /// <summary>In file order.</summary>
    public static IReadOnlyList<LabelledPaper> All => Papers.Value;

    public static LabelledPaper Get(string id) => Papers.Value.Single(p => p.Id == id);

    public static string TestDataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static List<LabelledPaper> Load() =>
        [.. File.ReadLines(TestDataPath("hf_papers.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<LabelledPaper>(line)!)];
}
