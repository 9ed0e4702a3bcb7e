namespace Pipeline.Classification.Tests;

/// <summary>
/// General rules of <see cref="ModelExtractor"/> (and bounds in <see cref="ParamSizeExtractor"/>), each on sentences of
/// real abstracts (Hugging Face daily papers): spellings of known names, sizes written around a name, names glued to more
/// letters, the paper's own model, lists of models, glued versions and the wider family lexicon.
/// </summary>
public sealed class ModelExtractorGeneralisationTests
{
    private static IReadOnlyList<ModelMention> Models(string text, string? title = null) => ModelExtractor.Extract(title, text);

    private static bool Has(IReadOnlyList<ModelMention> models, string family, string? version = null, string? size = null) =>
        models.Any(m => m.Family == family && m.Version == version && m.Size == size);

    [Theory]
    [InlineData("Recent advances in Reasoning LLMs (e.g., DeepSeek-R1 and OpenAI-o1) have showcased", "openai-o", "1", null)]
    [InlineData("Extensive experiments on SD-v1.5, SD-v2.1, and SD-XL demonstrate that LinFusion", "stable-diffusion", "1.5", null)]
    [InlineData("Extensive experiments on SD-v1.5, SD-v2.1, and SD-XL demonstrate that LinFusion", "stable-diffusion", "2.1", null)]
    [InlineData("while other widely regarded strong models, including claude-sonnet-4 and o3, fall below 30%", "claude", "4", null)]
    [InlineData("we compare gemini-2.5-pro with gemma-2-9b on the task", "gemini", "2.5", null)]
    [InlineData("we compare gemini-2.5-pro with gemma-2-9b on the task", "gemma", "2", "9B")]
    [InlineData("Radial Attention maintains video quality across Wan-2.1, HunyuanVideo, and Mochi 1", "wan", "2.1", null)]
    public void Reads_other_spellings_of_known_names(string text, string family, string? version, string? size) =>
        Assert.True(Has(Models(text), family, version, size), string.Join("; ", Models(text)));

    [Theory]
    [InlineData("Even the strongest models -- Qwen-3 (235B) with 77.77% and Mistral (24B) with 79.96%", "qwen", "3", "235B")]
    [InlineData("Even the strongest models -- Qwen-3 (235B) with 77.77% and Mistral (24B) with 79.96%", "mistral", null, "24B")]
    [InlineData("Prism, when configured with a vanilla 2B LLaVA and freely accessible GPT-3.5, delivers", "llava", null, "2B")]
    [InlineData("Llama-3.1-FoundationAI-SecurityLLM-Base-8B Technical Report", "llama", "3.1", "8B")]
    [InlineData("the Llama3-ChatQA-2-70B model achieves accuracy comparable to GPT-4-Turbo", "llama", "3", "70B")]
    public void Reads_a_size_written_around_the_name(string text, string family, string? version, string? size) =>
        Assert.True(Has(Models(text), family, version, size), string.Join("; ", Models(text)));

    [Fact]
    public void A_second_size_is_not_a_version() =>
        Assert.DoesNotContain(Models("We compare with OLMoE-1B-7B and others."), m => m.Version == "7b");

    [Theory]
    [InlineData("We fine-tune on LLaVA-665k and test Yi-9B-200K on long inputs.")]
    [InlineData("We build JanusCode-800K, the largest multimodal code corpus.")]
    public void A_count_after_a_name_is_not_a_version(string text) =>
        Assert.DoesNotContain(ModelExtractor.Extract(null, text), m => m.Version is not null && m.Version.EndsWith('k'));

    [Fact]
    public void A_data_set_size_closing_a_name_is_not_a_model_size() =>
        Assert.DoesNotContain(Models("We train on FLUX-Reason-6M, a data set of six million images."), m => m.Size == "6M");

    [Theory]
    [InlineData("InternVLA-M1 outperforms its variant without spatial guidance by +14.6% on SimplerEnv", "internvl")]
    [InlineData("current evaluation methods, such as CLIPScore and vision-language models (VLMs), often fail", "clip")]
    [InlineData("Notably, MVPaint could generate high-fidelity textures with minimal Janus issues", "janus")]
    [InlineData("avoiding the Janus problem and maintaining semantically global consistency", "janus")]
    public void A_known_name_glued_to_more_letters_or_a_term_is_not_the_model(string text, string family) =>
        Assert.DoesNotContain(Models(text), m => m.Family == family);

    [Fact]
    public void A_family_the_abstract_introduces_is_the_paper_s_own_model()
    {
        const string text = "We introduce Magistral, Mistral's first reasoning model and our own scalable reinforcement learning (RL) "
            + "pipeline. We present Magistral Medium, trained for reasoning on top of Mistral Medium 3 with RL alone, and we "
            + "open-source Magistral Small (Apache 2.0) which further includes cold-start data from Magistral Medium.";
        var models = Models(text, "Magistral");

        Assert.DoesNotContain(models, m => m.Family == "magistral");
        Assert.True(Has(models, "mistral", "3"));
    }

    [Fact]
    public void A_sized_model_of_an_introduced_family_is_the_paper_s_own_too()
    {
        const string text = "We introduce SmolVLM, a series of compact multimodal models. Our smallest model, SmolVLM-256M, uses less than 1GB GPU memory.";

        Assert.DoesNotContain(Models(text), m => m.Family == "smolvlm");
    }

    [Theory]
    [InlineData("In this report, we introduce Gemini Embedding, a state-of-the-art embedding model leveraging the power of Gemini.", "gemini")]
    [InlineData("We present Keye-VL-1.5, which addresses fundamental challenges in video comprehension.", "keye-vl")]
    public void A_named_model_built_on_a_family_or_a_new_version_still_counts(string text, string family) =>
        Assert.Contains(Models(text), m => m.Family == family);

    [Fact]
    public void Names_listed_beside_known_models_are_models()
    {
        var dream = Models("Compared to vanilla dLLMs like LLaDA and Dream, the acceleration can be more than 50times.");
        var video = Models("as demonstrated by models such as Gen2, Pika, and Sora, have significantly broadened");

        Assert.True(Has(dream, "dream"));
        Assert.True(Has(dream, "llada"));
        Assert.True(Has(video, "gen", "2"));
    }

    [Theory]
    [InlineData("The common methods such as LoRA and DPO are compared.", "lora")]
    [InlineData("models like GPT-4, Claude-3-Sonnet and Opus are evaluated", "opus")]
    [InlineData("architectures such as ViT and ResNet backbones, and models like CLIP and OpenAI", "openai")]
    public void Methods_variants_and_organisations_in_a_list_are_not_models(string text, string family) =>
        Assert.DoesNotContain(Models(text), m => m.Family == family);

    [Fact]
    public void A_glued_new_version_of_a_named_model_counts_but_a_benchmark_does_not()
    {
        var sgr = Models("SGRv2 excels in RLBench tasks. When evaluated on ManiSkill2, SGRv2's success rate is 2.54 times that of SGR.");
        var vqa = Models("We report accuracy on VQAv2 and on VQA, and on ImageNetV2 and ImageNet.");

        Assert.True(Has(sgr, "sgr", "2"));
        Assert.Empty(vqa);
    }

    [Fact]
    public void A_bare_GPT_is_a_model_but_GPT_style_is_not()
    {
        Assert.True(Has(Models("the success of transformer-based models such as GPT. However, the quadratic memory"), "gpt"));
        Assert.DoesNotContain(Models("We use GPT-style prompts."), m => m.Family == "gpt");
    }

    [Theory]
    [InlineData("simple methods such as TransFuser can match recent large-scale end-to-end driving architectures such as UniAD", "transfuser", null)]
    [InlineData("simple methods such as TransFuser can match recent large-scale end-to-end driving architectures such as UniAD", "uniad", null)]
    [InlineData("Dense matching methods like DUSt3R regress pairwise pointmaps for 3D reconstruction", "dust3r", null)]
    [InlineData("Building on the TimeSformer backbone, SkillFormer introduces a CrossViewFusion module", "timesformer", null)]
    [InlineData("surpassing leading models such as π_0 and GR00T-N1", "gr00t", null)]
    [InlineData("maintains video quality across Wan2.1-14B, HunyuanVideo, and Mochi 1", "hunyuanvideo", null)]
    [InlineData("LLaMA-Omni 2 is built upon the Qwen2.5 series models", "llama-omni", "2")]
    [InlineData("by pretraining ModernBERT on the same dataset as CamemBERTaV2, a DeBERTaV3 French model", "camemberta", "2")]
    [InlineData("4.5 times faster than the GLaMM.", "glamm", null)]
    [InlineData("Built on top of a recent learning-based part decomposition method PartField, PartUV combines", "partfield", null)]
    [InlineData("including the FID, CLIP, DreamSim, and GenEval scores", "dreamsim", null)]
    [InlineData("retrieval with BGE-M3 and a reranker", "bge", null)]
    [InlineData("policy classes such as Behavior Transformer, Diffusion Policy, MLP, and nearest neighbors", "diffusion-policy", null)]
    [InlineData("we evaluate the performance of DenseNet-201, ResNet-152, EfficientNet-B4", "resnet", "152")]
    public void Knows_model_families_beyond_language_models(string text, string family, string? version) =>
        Assert.Contains(Models(text), m => m.Family == family && m.Version == version);

    [Theory]
    [InlineData("attaining the best performance among models up to 100B parameters on WebWalkerQA", "100B")]
    [InlineData("models under 10B parameters", "10B")]
    [InlineData("it beats models with fewer than 3B parameters", "3B")]
    public void A_bound_is_not_a_stated_size(string text, string size) =>
        Assert.DoesNotContain(size, ParamSizeExtractor.Extract(null, text));

    [Fact]
    public void A_range_of_sizes_is_still_read() =>
        Assert.Equal(["0.5B", "14B"], ParamSizeExtractor.Extract(null, "a series of speech language models ranging from 0.5B to 14B parameters"));
}

/// <summary>Product lines named by a word and a version, and names of data sets, on real abstract sentences.</summary>
public sealed class ModelProductLineTests
{
    [Theory]
    [InlineData("We introduce Nemotron-Parse-1.1, a lightweight document parsing and OCR model", "nemotron-parse", "1.1")]
    [InlineData("We present InternLM-XComposer-2.5 (IXC-2.5), a versatile large-vision language model", "internlm-xcomposer", "2.5")]
    [InlineData("Mistral-Small-3.1 is the judge.", "mistral", "3.1")]
    [InlineData("the Claude Sonnet 4 model", "claude", "4")]
    public void A_word_and_a_version_after_a_family_name_a_product_line_unless_the_word_is_a_variant(string text, string family, string version) =>
        Assert.Contains(ModelExtractor.Extract(null, text), m => m.Family == family && m.Version == version);

    [Fact]
    public void A_family_name_with_a_product_word_is_the_family() =>
        Assert.Contains(ModelExtractor.Extract("Phi-Ground Tech Report: Advancing Perception in GUI Grounding", "An abstract."), m => m.Family == "phi");

    [Fact]
    public void A_data_set_named_after_a_model_is_not_the_model() =>
        Assert.DoesNotContain(
            ModelExtractor.Extract(null, "along with a subset of the training data as part of the broader Nemotron-VLM-v2 dataset."),
            m => m.Family.StartsWith("nemotron", StringComparison.Ordinal));

    [Theory]
    // heldout3 conventions: a family's Greek-letter release is its version (PixArt-alpha), an edit model is a variant of
    // its family (Step1X-Edit -> step1x), and well-known generative, tokenizer and embedding models are families.
    [InlineData("scaling PixArt-alpha from 0.04B to 0.61B and MMDiT from 0.18B to 18B", "pixart", "alpha")]
    [InlineData("editing diffusion models such as Step1X-Edit and FLUX.1 Kontext dev", "step1x", null)]
    [InlineData("the performance of layout-to-image models like GLIGEN and 3DIS by up to 26.8%", "gligen", null)]
    [InlineData("We fine-tune Bagel on this dataset and develop UniREdit-Bagel", "bagel", null)]
    [InlineData("exceeding proprietary systems such as GPT-Image and Nano-Banana.", "nano-banana", null)]
    [InlineData("evaluates new 2024 English GloVe (Global Vectors for Word Representation) models", "glove", null)]
    public void Knows_widely_used_generative_and_embedding_families(string text, string family, string? version) =>
        Assert.Contains(ModelExtractor.Extract(null, text), m => m.Family == family && m.Version == version);
}
