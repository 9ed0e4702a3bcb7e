namespace Pipeline.Classification.Tests;

/// <summary>
/// Rules added in the rules-7 round to <see cref="ModelExtractor"/>, <see cref="ParamSizeExtractor"/> and
/// <see cref="LanguageExtractor"/>, each on sentences of real abstracts from the tuning split.
/// </summary>
public sealed class ModelExtractorRules7Tests
{
    private static IReadOnlyList<ModelMention> Models(string text, string? title = null) => ModelExtractor.Extract(title, text);

    private static bool Has(IReadOnlyList<ModelMention> models, string family, string? version = null, string? size = null) =>
        models.Any(m => m.Family == family && m.Version == version && m.Size == size);

    [Theory]
    [InlineData("We evaluate the performance of models such as Mistral, TowerInstruct, OpenHathi, Tamil-Llama, and Kan-Llama across languages", "llama", null, null)]
    [InlineData("Swan includes two variants: Swan-Small, based on ARBERTv2, and Swan-Large, built on ArMistral, a pretrained Arabic large language model.", "mistral", null, null)]
    [InlineData("We release model weights to support further research: https://huggingface.co/nvidia/Nemotron-Research-Reasoning-Qwen-1.5B", "qwen", null, "1.5B")]
    [InlineData("We present TheoremLlama, an end-to-end framework to train a general-purpose LLM to become a Lean4 expert.", "llama", null, null)]
    public void A_family_named_inside_another_model_s_name_is_that_family(string text, string family, string? version, string? size) =>
        Assert.True(Has(Models(text), family, version, size), string.Join("; ", Models(text)));

    [Theory]
    [InlineData("we introduce Text-Aware Transformer-based 1-Dimensional Tokenizer (TA-TiTok), an efficient and powerful image tokenizer", "titok")]
    [InlineData("Swan-Large achieves state-of-the-art results, outperforming Multilingual-E5-large in most Arabic tasks", "e5")]
    public void A_family_after_a_hyphen_inside_a_name_is_that_family(string text, string family) =>
        Assert.Contains(Models(text), m => m.Family == family);

    [Fact]
    public void A_version_after_a_family_inside_a_name_belongs_to_the_whole_name()
    {
        var models = Models("To address these challenges, we introduce FG-CLIP 2, a bilingual vision-language model");
        Assert.True(Has(models, "clip"), string.Join("; ", models));
        Assert.DoesNotContain(models, m => m.Family == "clip" && m.Version == "2");
    }

    [Fact]
    public void GPT_after_a_hyphen_is_a_style_not_the_model() =>
        Assert.DoesNotContain(Models("We pre-train Moto-GPT through motion token autoregression"), m => m.Family == "gpt");

    [Fact]
    public void A_name_qualifying_the_name_before_it_is_not_a_model_of_its_own() =>
        Assert.DoesNotContain(Models("it enables contrastive training of a CLIP-ViT-L/14 model with a batch size of 4M"), m => m.Family == "vit");

    [Theory]
    [InlineData("achieving performance comparable to or exceeding proprietary systems such as GPT-Image and Nano-Banana.", "gpt", null)]
    [InlineData("Experiments show that even state-of-the-art models such as GPT-Image-1 and Gemini-2.5-Flash-Image achieve", "gpt-image", "1")]
    public void GPT_Image_is_read(string text, string family, string? version) =>
        Assert.True(Has(Models(text), family, version), string.Join("; ", Models(text)));

    [Fact]
    public void A_name_built_on_a_family_is_not_a_family_of_its_own()
    {
        var models = Models("We evaluate the performance of models such as Mistral, TowerInstruct, OpenHathi, Tamil-Llama, and Kan-Llama across languages");
        Assert.DoesNotContain(models, m => m.Family is "tamil-llama" or "kan-llama");
    }

    [Fact]
    public void The_paper_s_own_model_named_after_a_family_in_the_title_keeps_the_family() =>
        Assert.Contains(
            Models("Rare diseases present unique challenges in healthcare.", "Zebra-Llama: A Context-Aware Large Language Model for Democratizing Rare Disease Knowledge"),
            m => m.Family == "llama");

    [Theory]
    [InlineData("We release the LlamaIndex integration and run ollama locally.")]
    [InlineData("a state-of-the-art-llama pipeline")]
    public void Lower_case_or_tool_names_are_not_an_embedded_family(string text) =>
        Assert.DoesNotContain(Models(text), m => m.Family == "llama");

    [Theory]
    [InlineData("While existing open moderation tools such as Llama-Guard2 score reasonably well in classifying straightforward model interactions", "2")]
    [InlineData("we compare with Llama Guard 3 and ShieldGemma on the prompt harmfulness task", "3")]
    public void Llama_Guard_is_a_family_of_its_own(string text, string version)
    {
        var models = Models(text);
        Assert.True(Has(models, "llama-guard", version), string.Join("; ", models));
        Assert.DoesNotContain(models, m => m.Family == "llama");
    }

    [Theory]
    [InlineData("We scale Samba up to 3.8B parameters with 3.2T training tokens and show that Samba substantially outperforms", "3.8B")]
    [InlineData("we present Open-MAGVIT2, a family of auto-regressive image generation models ranging from 300M to 1.5B.", "300M")]
    [InlineData("we present Open-MAGVIT2, a family of auto-regressive image generation models ranging from 300M to 1.5B.", "1.5B")]
    public void Sizes_the_paper_trains(string text, string size) =>
        Assert.Contains(size, ParamSizeExtractor.Extract(null, text));

    [Theory]
    [InlineData("We pre-train Sigma on 6T tokens from various sources, including 19.5B system domain data that we carefully collect", "19.5B")]
    [InlineData("attaining the best performance among models up to 100B parameters on WebWalkerQA and FRAMES", "100B")]
    public void Data_counts_and_bounds_are_not_sizes(string text, string size) =>
        Assert.DoesNotContain(size, ParamSizeExtractor.Extract(null, text));

    [Fact]
    public void A_size_followed_by_a_preposition_and_data_is_still_a_size() =>
        Assert.Contains("7B", ParamSizeExtractor.Extract(null, "We fine-tune a 7B model on math data and compare."));

    [Fact]
    public void A_language_code_after_a_benchmark_name_is_its_language() =>
        Assert.Contains("Chinese", LanguageExtractor.Extract(null, "achieving higher accuracy than WebSailor-72B on BrowseComp-en/zh and attaining the best performance"));

    [Theory]
    [InlineData("We evaluate Gemma-2-it and Qwen-chat on the tasks.")]
    [InlineData("a state-of-the-art-de facto approach")]
    public void Other_suffixes_are_not_languages(string text) =>
        Assert.Empty(LanguageExtractor.Extract(null, text));
}
