namespace Pipeline.Classification.Tests;

/// <summary>Each extractor on real abstracts of the dev set (TestData/devset.jsonl) and on the examples.</summary>
public sealed class ExtractorTests
{
    private static DevSetPaper Paper(string id) => DevSetPapers.Get(id);

    private static IReadOnlyList<(string Family, string? Version, string? Size, string? Variant)> Models(string text) =>
        [.. ModelExtractor.Extract(null, text).Select(m => (m.Family, m.Version, m.Size, m.Variant))];

    [Theory]
    [InlineData("We fine-tune LLaMA 2 13B chat on it.", "llama", "2", "13B", "chat")]
    [InlineData("Llama-3.1-70B-Instruct is the teacher.", "llama", "3.1", "70B", "instruct")]
    [InlineData("compared with Mistral-7B and others", "mistral", null, "7B", null)]
    [InlineData("Qwen-2.5-72B-Instruct serves as judge", "qwen", "2.5", "72B", "instruct")]
    [InlineData("built on Qwen2.5-VL-7B.", "qwen", "2.5", "7B", "vl")]
    [InlineData("GPT-4 annotates the data", "gpt", "4", null, null)]
    [InlineData("as good as GPT-4o on charts", "gpt", "4o", null, null)]
    [InlineData("Code Llama is fine-tuned", "code-llama", null, null, null)]
    [InlineData("DeepSeek-V3 and others", "deepseek", "3", null, null)]
    [InlineData("Mixtral 8x7B experts", "mixtral", null, "8x7B", null)]
    [InlineData("Claude 3.5 Sonnet refuses", "claude", "3.5", null, "sonnet")]
    [InlineData("Gemini 2.5 Pro achieves", "gemini", "2.5", null, "pro")]
    [InlineData("Whisper large-v3 transcribes", "whisper", "3", null, "large")]
    [InlineData("o3-mini reasons", "openai-o", "3", null, "mini")]
    public void Normalizes_model_names_to_family_version_size_variant(string text, string family, string? version, string? size, string? variant) =>
        Assert.Contains((family, version, size, variant), Models(text));

    [Fact]
    public void Keeps_the_name_as_written()
    {
        var mention = Assert.Single(ModelExtractor.Extract(null, "We use Llama-3.1-70B-Instruct."));

        Assert.Equal("Llama-3.1-70B-Instruct", mention.Name);
    }

    [Fact]
    public void Finds_the_models_of_a_real_abstract()
    {
        // KodCode: "... from a reasoning model (DeepSeek R1) ... surpassing models like Qwen2.5-Coder-32B-Instruct and DeepSeek-R1-Distill-Llama-70B."
        var models = ModelExtractor.Extract(Paper("2503.02951").Title, Paper("2503.02951").Abstract);

        Assert.Contains(models, m => m is { Family: "deepseek", Version: "r1", Size: null });
        Assert.Contains(models, m => m is { Family: "qwen", Version: "2.5", Size: "32B", Variant: "coder-instruct" });
        Assert.Contains(models, m => m is { Family: "deepseek", Version: "r1", Size: "70B", Variant: "distill-llama" });
    }

    [Fact]
    public void Reads_a_second_size_after_a_slash()
    {
        // Meeting delegate: "... Gemini 1.5 Flash and Llama3-8B/70B display more active tendencies."
        var models = ModelExtractor.Extract(null, Paper("2502.04376").Abstract);

        Assert.Contains(models, m => m is { Family: "llama", Version: "3", Size: "8B" });
        Assert.Contains(models, m => m is { Family: "llama", Version: "3", Size: "70B" });
        Assert.Contains(models, m => m is { Family: "gpt", Version: "4o" });
    }

    [Theory]
    [InlineData("We use GPT-style prompts and a Phi function.")]
    [InlineData("The LLaMA-Factory toolkit and ShareGPT data.")]
    [InlineData("Our phi coefficient and a gpt-style tokenizer.")]
    public void Does_not_take_ambiguous_words_for_models(string text) =>
        Assert.DoesNotContain(ModelExtractor.Extract(null, text), m => m.Family is "gpt" or "phi" or "llama");

    [Theory]
    [InlineData("accuracy on GSM8k rises", "GSM8K")]
    [InlineData("results on ArenaHard and", "Arena-Hard")]
    [InlineData("scores on MT-bench improve", "MT-Bench")]
    [InlineData("pass@1 on AIME'24 reaches", "AIME 2024")]
    [InlineData("on HumanEval+ and", "HumanEval+")]
    [InlineData("evaluated on SWE-bench Verified.", "SWE-bench Verified")]
    public void Maps_aliases_to_canonical_benchmark_names(string text, string canonical) =>
        Assert.Contains(canonical, BenchmarkExtractor.Extract(null, text).Select(b => b.Canonical));

    [Fact]
    public void Finds_the_benchmarks_of_a_real_abstract()
    {
        // ChatGLM: "... such as MMLU, GSM8K, MATH, BBH, GPQA, and HumanEval, ... as measured by IFEval, ... AlignBench."
        var benchmarks = BenchmarkExtractor.Extract(Paper("2406.12793").Title, Paper("2406.12793").Abstract).Select(b => b.Canonical).ToList();

        Assert.Equal(["MMLU", "GSM8K", "MATH", "BBH", "GPQA", "HumanEval", "IFEval", "AlignBench"], benchmarks);
    }

    [Theory]
    [InlineData("2409.05177", "WebApp1K")]      // "on the WebApp1K benchmark"
    [InlineData("2503.11495", "V-STaR")]        // "a Video Spatio-Temporal Reasoning (V-STaR) benchmark"
    [InlineData("2510.09507", "PhysToolBench")] // "we present PhysToolBench, the first benchmark"
    [InlineData("2506.18951", "BIRD-CRITIC-PG")] // a subset named after "we introduce BIRD-CRITIC, a new ... benchmark"
    [InlineData("2512.11891", "SafeLIBERO")]    // "a comprehensive safety-critical benchmark SafeLIBERO"
    public void Finds_benchmarks_a_paper_introduces(string id, string name) =>
        Assert.Contains(name, BenchmarkExtractor.Extract(Paper(id).Title, Paper(id).Abstract).Select(b => b.Canonical));

    [Fact]
    public void Does_not_take_a_prefix_of_a_longer_name_for_a_known_benchmark()
    {
        // "BIRD-CRITIC-PG" is not the BIRD text-to-SQL benchmark.
        Assert.DoesNotContain("BIRD", BenchmarkExtractor.Extract(Paper("2506.18951").Title, Paper("2506.18951").Abstract).Select(b => b.Canonical));
    }

    [Fact]
    public void Reads_absolute_scores_and_keeps_deltas_apart()
    {
        const string text = "Our reward model scores 94.1 on RewardBench. GSM8K improves from 84% to 91%, a gain of +6.8 points over the baseline.";
        var benchmarks = BenchmarkExtractor.Extract(null, text);

        var (scores, improvements) = ScoreExtractor.Extract(text, benchmarks);

        Assert.Equal([new ReportedScore("RewardBench", 94.1, null), new ReportedScore("GSM8K", 91, "%")], scores);
        Assert.Contains(improvements, i => i.Value == 6.8);
        Assert.DoesNotContain(scores, s => s.Value is 84 or 6.8);
    }

    [Fact]
    public void Reads_the_final_value_of_a_from_to_result_on_a_real_abstract()
    {
        // VideoAgentTrek: "On OSWorld-Verified, our approach improves task success rates from 9.3% (SFT-only baseline) to 15.8%,
        // a 70% relative improvement. On AgentNetBench, step accuracy increases from 64.1% to 69.3%."
        var paper = Paper("2510.19488");
        var (scores, improvements) = ScoreExtractor.Extract(paper.Abstract, BenchmarkExtractor.Extract(paper.Title, paper.Abstract));

        Assert.Equal([new ReportedScore("OSWorld-Verified", 15.8, "%"), new ReportedScore("AgentNetBench", 69.3, "%")], scores);
        Assert.Contains(improvements, i => i.Value == 70);
    }

    [Fact]
    public void Pairs_respectively_lists_in_order()
    {
        // Ovis-U1: "... it excels with scores of 83.72 and 0.89 on the DPG-Bench and GenEval benchmarks, respectively."
        var paper = Paper("2506.23044");
        var (scores, _) = ScoreExtractor.Extract(paper.Abstract, BenchmarkExtractor.Extract(paper.Title, paper.Abstract));

        Assert.Contains(new ReportedScore("DPG-Bench", 83.72, null), scores);
        Assert.Contains(new ReportedScore("GenEval", 0.89, null), scores);
        Assert.Contains(new ReportedScore("OpenCompass", 69.6, null), scores);
    }

    [Fact]
    public void A_bound_is_not_a_score()
    {
        const string text = "Even the top-performing model achieves less than 60% average accuracy on ShotBench.";

        Assert.Empty(ScoreExtractor.Extract(text, BenchmarkExtractor.Extract(null, text)).Scores);
    }

    [Theory]
    [InlineData("2506.23394", "Bulgarian")] // "using Bulgarian as a case study ... established Bulgarian benchmarks"
    [InlineData("2406.12793", "Chinese")]   // "mostly in Chinese and English ... Chinese alignments"
    public void Finds_a_language_that_is_a_subject(string id, string language) =>
        Assert.Equal([language], LanguageExtractor.Extract(Paper(id).Title, Paper(id).Abstract));

    [Theory]
    // 2406.11139: an enumeration of the evaluated languages.
    [InlineData("We evaluate models across languages including English, German, French, Italian, Spanish, Hindi, Tamil, and Kannada.",
        "German,French,Italian,Spanish,Hindi,Tamil,Kannada")]
    // 2509.09716 VStyle: a bilingual benchmark.
    [InlineData("To study this task, we present VStyle, a bilingual (Chinese & English) benchmark covering four categories.", "Chinese")]
    // 2408.05101 MooER: a translation direction written as language codes.
    [InlineData("Experiments conducted on Covost2 Zh2en testset suggest that our model outperforms other Speech LLMs.", "Chinese")]
    public void Finds_enumerated_languages_and_translation_codes(string text, string expected) =>
        Assert.Equal(expected.Split(','), LanguageExtractor.Extract("A study", text));

    [Theory]
    [InlineData("Our model supports 24 languages and outperforms multilingual baselines.")]
    [InlineData("The encoder is pretrained on English text; the en-us locale is used throughout.")]
    [InlineData("We compare with Indian and European baselines on English data.")]
    [InlineData("The model is trained on English text and evaluated with Python code.")]
    [InlineData("A tool once used by a German company.")]
    public void Ignores_demonyms_English_programming_languages_and_passing_mentions(string text) =>
        Assert.Empty(LanguageExtractor.Extract("A study", text));

    [Theory]
    // 2409.00492, 2511.06174, 2503.15485: bounds, not stated sizes.
    [InlineData("We show that the diffusion models of 2B+ parameters compressed to around 3 bits keep quality.")]
    [InlineData("We present LUT-LLM, the first FPGA accelerator enabling 1B+ LLM inference.")]
    [InlineData("Our approach, scaling to over 1B parameters, outperforms existing methods.")]
    // 2509.09680, 2508.13154: a count inside a dataset's name.
    [InlineData("We introduce FLUX-Reason-6M and PRISM-Bench. FLUX-Reason-6M is a massive dataset consisting of 6 million images.")]
    [InlineData("To alleviate the scarcity of 4D data, we construct 4DNeX-10M, a large-scale dataset with high-quality labels.")]
    public void Bounds_and_dataset_names_are_not_sizes(string text) =>
        Assert.Empty(ParamSizeExtractor.Extract("A study", text));

    [Fact]
    public void Finds_parameter_sizes_but_not_token_counts()
    {
        // OLMoE: "OLMoE-1B-7B has 7 billion (B) parameters but uses only 1B per input token. We pretrain it on 5 trillion tokens ...
        // surpassing larger ones like Llama2-13B-Chat and DeepSeekMoE-16B."
        var sizes = ParamSizeExtractor.Extract(Paper("2409.02060").Title, Paper("2409.02060").Abstract);

        Assert.Equal(["1B", "7B", "13B", "16B"], sizes);
    }

    [Theory]
    [InlineData("a 3-billion-parameter unified model", "3B")]
    [InlineData("models ranging from 0.19 billion to 2.9 billion parameters", "0.19B")]
    [InlineData("a 157M flow matching head", "157M")]
    [InlineData("Mixtral-8x7B", "8x7B")]
    [InlineData("Qwen3-30B-A3B", "30B")]
    public void Normalizes_sizes(string text, string size) =>
        Assert.Contains(size, ParamSizeExtractor.Extract(null, text));

    [Theory]
    [InlineData("trained on 500B tokens")]
    [InlineData("a corpus of 3.87M axial CT slices")]
    [InlineData("batch size of 4M or 12M")]
    [InlineData("worth $1B in 2024")]
    [InlineData("the active A3B experts")]
    public void Ignores_counts_that_are_not_sizes(string text) =>
        Assert.Empty(ParamSizeExtractor.Extract(null, text));

    [Fact]
    public void Classify_fills_every_entity()
    {
        var paper = Paper("2510.19488");

        var result = new TopicClassifier(Taxonomy.LoadDefault()).Classify(paper.ToInput());

        Assert.Contains(result.Benchmarks, b => b.Canonical == "OSWorld-Verified");
        Assert.Contains(new ReportedScore("AgentNetBench", 69.3, "%"), result.Scores);
        Assert.NotEmpty(result.Improvements);
    }
}
