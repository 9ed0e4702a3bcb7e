using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Classification.Tests;

public sealed partial class TaxonomyTests
{
    private static Taxonomy Parse(string json) => Taxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string DefaultJson()
    {
        using var stream = typeof(Taxonomy).Assembly.GetManifestResourceStream("Pipeline.Classification.taxonomy.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^\| (?<id>[a-z-]+) \| (?<name>[^|]+?) \| (?<description>[^|]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [Fact]
    public void Default_taxonomy_mirrors_the_table_in_config_taxonomy_md()
    {
        var rows = TableRow().Matches(File.ReadAllText(LabelledPapers.TestDataPath("taxonomy.md")))
            .Where(m => m.Groups["id"].Value != "id")
            .Select(m => (Id: m.Groups["id"].Value, Name: m.Groups["name"].Value, Description: m.Groups["description"].Value))
            .ToList();

        var topics = Taxonomy.LoadDefault().Topics;

        Assert.Equal(22, rows.Count);
        Assert.Equal(rows, topics.Select(t => (t.Id, t.Name, t.Description)));
        Assert.All(topics, t => Assert.True(t.Keywords.Count >= 5, $"{t.Id} has only {t.Keywords.Count} keywords"));
    }

    [Fact]
    public void Default_regexes_use_braces_only_as_quantifiers()
    {
        // "(?:\w+\s+){0,3 }" is a valid .NET pattern that matches the literal text "{0,3 }": a silent typo.
        var regexes = Taxonomy.LoadDefault().Topics.SelectMany(t => t.Keywords).Where(k => k.IsRegex).ToList();

        Assert.NotEmpty(regexes);
        Assert.All(regexes, k => Assert.DoesNotMatch(@"\{(?!\d+(?:,\d*)?\})|(?<!\{\d+(?:,\d*)?)\}", WithoutEscapedBraces(k.Text)));
    }

    // Escaped braces (\{ \}) are literal on purpose; drop them before checking.
    private static string WithoutEscapedBraces(string pattern) => pattern.Replace(@"\{", string.Empty, StringComparison.Ordinal).Replace(@"\}", string.Empty, StringComparison.Ordinal);

    [Fact]
    public void Hash_is_eight_hex_characters_and_stable()
    {
        var hash = Taxonomy.LoadDefault().Hash;

        Assert.Matches("^[0-9a-f]{8}$", hash);
        Assert.Equal(hash, Taxonomy.LoadDefault().Hash);
    }

    [Fact]
    public void Hash_ignores_formatting_and_comments_but_not_content()
    {
        const string json = """{"topics":[{"id":"peft","name":"PEFT","description":"d","keywords":[{"phrase":"LoRA","weight":1}]}]}""";
        const string reformatted = """
            // operators' copy
            {
              "about": "notes for editors",
              "topics": [
                { "name": "PEFT", "id": "peft", "description": "d", "keywords": [ { "weight": 1.0, "phrase": "LoRA" }, ] },
              ],
            }
            """;

        Assert.Equal(Parse(json).Hash, Parse(reformatted).Hash);
        Assert.NotEqual(Parse(json).Hash, Parse(json.Replace("\"weight\":1", "\"weight\":0.9", StringComparison.Ordinal)).Hash);
        Assert.NotEqual(Parse(json).Hash, Parse(json.Replace("LoRA", "QLoRA", StringComparison.Ordinal)).Hash);
    }

    [Fact]
    public void Loads_an_operators_file_with_phrases_and_regexes()
    {
        var taxonomy = Parse("""
            {"topics":[{"id":"peft","name":"PEFT","description":"adapters","keywords":[
              {"phrase":"low-rank adaptation","weight":1},
              {"regex":"adapters?","weight":0.5,"caseSensitive":true}]}]}
            """);

        var topic = Assert.Single(taxonomy.Topics);
        Assert.Equal(new TopicKeyword("low-rank adaptation", 1), topic.Keywords[0]);
        Assert.Equal(new TopicKeyword("adapters?", 0.5, IsRegex: true, CaseSensitive: true), topic.Keywords[1]);
    }

    [Fact]
    public void Rejects_malformed_json_with_a_clear_message()
    {
        var truncated = DefaultJson()[..500];

        var ex = Assert.Throws<InvalidDataException>(() => Parse(truncated));

        Assert.StartsWith("Taxonomy JSON is malformed:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "malformed")]
    [InlineData("{}", "\"topics\" array")]
    [InlineData("""{"topics":[]}""", "no topics")]
    [InlineData("""{"topics":[{"id":"Bad Id","name":"n","keywords":[{"phrase":"x","weight":1}]}]}""", "'Bad Id' is invalid")]
    [InlineData("""{"topics":[{"id":"none","name":"n","keywords":[{"phrase":"x","weight":1}]}]}""", "'none' is reserved")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"phrase":"x","weight":1}]},{"id":"a","name":"m","keywords":[{"phrase":"y","weight":1}]}]}""", "'a' is defined twice")]
    [InlineData("""{"topics":[{"id":"a","keywords":[{"phrase":"x","weight":1}]}]}""", "needs an \"id\" and a \"name\"")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[]}]}""", "'a' has no keywords")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"phrase":"x","weight":1.5}]}]}""", "weight 1.5 is outside (0, 1]")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"phrase":"x"}]}]}""", "\"weight\" is missing")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"phrase":"x","regex":"y","weight":1}]}]}""", "exactly one of \"phrase\" or \"regex\"")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"regex":"(unclosed","weight":1}]}]}""", "not a valid regular expression")]
    [InlineData("""{"topics":[{"id":"a","name":"n","keywords":[{"phrase":"x","wieght":1}]}]}""", "wieght")]
    public void Rejects_an_invalid_taxonomy_with_a_clear_message(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Phrases_match_on_word_boundaries_with_flexible_hyphens_and_plurals()
    {
        var taxonomy = Parse("""
            {"topics":[
              {"id":"vlm","name":"n","keywords":[{"phrase":"vision-language model","weight":1}]},
              {"id":"ai","name":"n","keywords":[{"phrase":"AI","weight":1}]}]}
            """);
        var classifier = new TopicClassifier(taxonomy, new ClassifierOptions { Threshold = 0.01 });

        var result = classifier.Classify(new ClassifierInput
        {
            Title = "Vision language models, VISION-LANGUAGE MODEL and visionlanguage models",
            Abstract = "We train on a large dataset with a maintained pipeline.",
        });

        var vlm = Assert.Single(result.Topics);
        Assert.Equal("vlm", vlm.Id);
        Assert.Equal(["Vision language models", "VISION-LANGUAGE MODEL", "visionlanguage models"], vlm.Evidence.Select(e => e.Phrase));
    }
}
