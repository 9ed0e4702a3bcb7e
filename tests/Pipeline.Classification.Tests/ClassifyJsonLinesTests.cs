using System.Text.Json;

namespace Pipeline.Classification.Tests;

/// <summary>The JSON lines of <c>pipeline classify</c>.</summary>
public sealed class ClassifyJsonLinesTests
{
    private static readonly TopicClassifier Classifier = new(Taxonomy.LoadDefault());

    private static async Task<List<JsonElement>> Run(string input)
    {
        using var reader = new StringReader(input);
        await using var writer = new StringWriter();
        await ClassifyJsonLines.RunAsync(Classifier, reader, writer, TestContext.Current.CancellationToken);
        return [.. writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    [Fact]
    public async Task Writes_one_camel_case_line_per_input_with_every_field()
    {
        var paper = DevSetPapers.Get("2503.02951"); // KodCode
        var line = JsonSerializer.Serialize(new { id = paper.Id, title = paper.Title, @abstract = paper.Abstract, keywords = paper.Keywords, githubRepo = paper.GithubRepo });

        var output = Assert.Single(await Run(line));

        Assert.Equal(
            ["id", "topics", "baseModels", "benchmarks", "scores", "improvements", "languages", "paramSizes", "codeUrls", "hfUrls"],
            output.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2503.02951", output.GetProperty("id").GetString());
        var topic = output.GetProperty("topics")[0];
        Assert.Equal(["id", "score", "evidence"], topic.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["phrase", "field", "offset"], topic.GetProperty("evidence")[0].EnumerateObject().Select(p => p.Name));
        var model = output.GetProperty("baseModels").EnumerateArray().First(m => m.GetProperty("size").GetString() == "32B");
        Assert.Equal(["name", "family", "version", "size", "variant"], model.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Qwen2.5-Coder-32B-Instruct", model.GetProperty("name").GetString());
        Assert.Contains(output.GetProperty("benchmarks").EnumerateArray(), b => b.GetProperty("canonical").GetString() == "LiveCodeBench");
        Assert.Contains("https://github.com/KodCode-AI/kodcode", output.GetProperty("codeUrls").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("32B", output.GetProperty("paramSizes").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact]
    public async Task A_malformed_line_yields_an_error_with_its_number_and_the_rest_go_on()
    {
        var output = await Run("""
            {"id": "a", "title": "LoRA for everyone", "abstract": "We study low-rank adaptation."}
            {"id": "b", "title": "no abstract"}
            not json at all

            {"id": 7, "title": "Quantization", "abstract": "We quantize to 4 bits.", "keywords": ["quantization"]}
            """);

        Assert.Equal(4, output.Count);
        Assert.Equal("a", output[0].GetProperty("id").GetString());
        Assert.Equal(2, output[1].GetProperty("line").GetInt32());
        Assert.Contains("abstract", output[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, output[2].GetProperty("line").GetInt32());
        Assert.Equal("7", output[3].GetProperty("id").GetString());
        Assert.Equal("compression", output[3].GetProperty("topics")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_input_without_id_gets_a_null_id_and_only_assigned_topics()
    {
        var output = Assert.Single(await Run("""{"title": "A study", "abstract": "We describe our approach."}"""));

        Assert.Equal(JsonValueKind.Null, output.GetProperty("id").ValueKind);
        var topic = Assert.Single(output.GetProperty("topics").EnumerateArray());
        Assert.Equal("applications", topic.GetProperty("id").GetString());
    }
}
