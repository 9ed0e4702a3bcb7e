using System.Text.Json;

namespace Pipeline.Classification.Tests;

/// <summary>The keyword prefilter (RegexPrefilter, KeywordScanner and '.'-segment windows) must not change any output.</summary>
public sealed class PrefilterTests
{
    [Theory]
    [InlineData(@"\b(?:(?:neural\s+)?machine\s+translation)\b", "translation")]
    [InlineData(@"\b(?:LoRA|QLoRA)\b", "lora,qlora")]
    [InlineData(@"\b(?:[\w-]*Bench(?:-\w+)?|\w+-Eval)\b", "-eval,bench")]
    [InlineData(@"\bpre(?:\s*[-‐–]\s*|\s+)?training(?:s|es)?\b", "training,traininges,trainings")]
    [InlineData(@"\b(?:EHRs?)\b", "ehr,ehrs")]
    public void Derives_the_literals_every_match_contains(string pattern, string expected) =>
        Assert.Equal(expected.Split(','), RegexPrefilter.RequiredLiterals(pattern));

    [Theory]
    [InlineData(@"\b(?:\w+)\b")]
    [InlineData(@"\b(?:W\dA\d+)\b")] // only one-letter literals: no useful filter
    [InlineData(@"(a)\1")]          // backreference: not analysed
    public void Gives_no_prefilter_when_none_is_safe(string pattern) => Assert.Null(RegexPrefilter.RequiredLiterals(pattern));

    [Theory]
    [InlineData(@"\b(?:low-rank\s+adaptation)\b", true)]
    [InlineData(@"\b(?:e\.g\.)\b", false)]
    [InlineData(@"(?<!our\s)code", false)]
    [InlineData(@"\d+(?:\.\d+)?T", false)]
    [InlineData(@"a.b", false)]
    [InlineData(@"[^a]b", false)]
    public void Windows_only_patterns_that_cannot_span_a_full_stop(string pattern, bool windowed) =>
        Assert.Equal(windowed, KeywordMatcher.CannotSpanAFullStop(pattern));

    [Fact]
    public void Prefiltered_topics_equal_running_every_regex_on_the_dev_set_and_the_legacy_papers()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var fast = new TopicClassifier(taxonomy);
        var reference = new TopicClassifier(taxonomy) { UsePrefilter = false };
        var inputs = DevSetPapers.All.Select(p => p.ToInput()).Concat(LabelledPapers.All.Select(p => p.ToInput())).ToList();

        Assert.All(inputs, input => Assert.Equal(JsonSerializer.Serialize(reference.ClassifyTopics(input)), JsonSerializer.Serialize(fast.ClassifyTopics(input))));
    }

    [Fact]
    public void Prefiltered_topics_equal_the_reference_on_text_built_to_stress_segments()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var fast = new TopicClassifier(taxonomy);
        var reference = new TopicClassifier(taxonomy) { UsePrefilter = false };
        var text = string.Concat(Enumerable.Repeat("A. LoRA.QLoRA..low-rank adaptation. e.g. GPT-4.5 and 1.5T tokens. ", 40)) + "Final LoRA";
        var input = new ClassifierInput { Title = "LoRA.Quantization", Abstract = text, Keywords = ["LoRA", "quantization."] };

        Assert.Equal(JsonSerializer.Serialize(reference.ClassifyTopics(input)), JsonSerializer.Serialize(fast.ClassifyTopics(input)));
    }
}

/// <summary>ModelExtractor tries a word only against the families its first character can begin.</summary>
public sealed class HeadFirstCharsTests
{
    [Theory]
    [InlineData("(?i:code[\\s-]?llama)", "cC", "lLoO")]
    [InlineData("(?:OpenAI\\s+)?[oO](?=[1-9]\\b)", "OoO", "1")]
    [InlineData("(?:Instruct)?BLIP", "IB", "b")]
    [InlineData("(?:π|pi_?)(?=0\\b)", "πp", "P")]
    [InlineData("SAM|Segment\\s+Anything", "SS", "s")]
    [InlineData("GLM(?=-\\d)", "G", "-")]
    public void Knows_which_characters_a_head_can_start_with(string head, string starts, string notStarts)
    {
        var first = HeadFirstChars.Of(head);

        Assert.All(starts, c => Assert.Contains(c, first));
        Assert.All(notStarts, c => Assert.DoesNotContain(c, first));
    }

    [Fact]
    public void An_unreadable_head_may_start_anywhere() => Assert.Equal(char.MaxValue + 1, HeadFirstChars.Of(@"\w+x").Count);
}
