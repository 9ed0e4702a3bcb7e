namespace Pipeline.Classification.Tests;

public sealed class LinkExtractorTests
{
    private static (IReadOnlyList<string> Code, IReadOnlyList<string> HuggingFace) Extract(string id) =>
        LinkExtractor.Extract(LabelledPapers.Get(id).ToInput());

    private static (IReadOnlyList<string> Code, IReadOnlyList<string> HuggingFace) ExtractText(string text, string? githubRepo = null, string? projectPage = null) =>
        LinkExtractor.Extract(new ClassifierInput { Title = "t", Abstract = text, GithubRepo = githubRepo, ProjectPage = projectPage });

    [Fact]
    public void Finds_scheme_less_links_and_trims_sentence_punctuation()
    {
        // CheXmask-U: "(huggingface.co/datasets/mcosarinsky/CheXmask-U), …", "… at huggingface.co/spaces/matiasky/CheXmask-U and
        // the source code at github.com/mcosarinsky/CheXmask-U."
        var (code, hf) = Extract("2512.10715");

        Assert.Equal(["https://github.com/mcosarinsky/CheXmask-U"], code);
        Assert.Equal(["https://huggingface.co/datasets/mcosarinsky/CheXmask-U", "https://huggingface.co/spaces/matiasky/CheXmask-U"], hf);
    }

    [Fact]
    public void Merges_the_github_field_with_the_same_repository_in_the_abstract()
    {
        // Denario: githubRepo field plus "… the code at https://github.com/AstroPilot-AI/Denario." and a space followed by ",".
        var (code, hf) = Extract("2510.26887");

        Assert.Equal(["https://github.com/AstroPilot-AI/Denario"], code);
        Assert.Equal(["https://huggingface.co/spaces/astropilot-ai/Denario"], hf);
    }

    [Fact]
    public void Reduces_a_tree_path_to_the_repository_root()
    {
        // UI-S1: githubRepo and abstract both point at https://github.com/X-PLUG/MobileAgent/tree/main/UI-S1(.)
        var (code, hf) = Extract("2509.11543");

        Assert.Equal(["https://github.com/X-PLUG/MobileAgent"], code);
        Assert.Empty(hf);
    }

    [Fact]
    public void Reports_a_latex_href_duplicate_once()
    {
        // LoLDU: "https://github.com/SKDDJ/LoLDU{https://github.com/SKDDJ/LoLDU}."
        Assert.Equal(["https://github.com/SKDDJ/LoLDU"], Extract("2410.13618").Code);
    }

    [Fact]
    public void Ignores_a_hugging_face_organization_page()
    {
        // RWKV-7: "… at https://huggingface.co/RWKV, and our training and inference code at https://github.com/RWKV/RWKV-LM".
        var (code, hf) = Extract("2503.14456");

        Assert.Equal(["https://github.com/RWKV/RWKV-LM"], code);
        Assert.Empty(hf);
    }

    [Fact]
    public void Trims_the_final_period_of_a_dataset_link_and_ignores_paper_pages()
    {
        // MMLU-Redux: "… for additional annotation https://huggingface.co/datasets/edinburgh-dawg/mmlu-redux." The project page
        // is set to the paper's Hugging Face paper page here, which is not an artifact.
        var paper = LabelledPapers.Get("2406.04127");

        var (code, hf) = LinkExtractor.Extract(paper.ToInput() with { ProjectPage = "https://huggingface.co/papers/2406.04127" });

        Assert.Empty(code);
        Assert.Equal(["https://huggingface.co/datasets/edinburgh-dawg/mmlu-redux"], hf);
    }

    [Fact]
    public void Finds_nothing_when_there_are_no_links()
    {
        var (code, hf) = Extract("2409.02060"); // OLMoE: no URL in the abstract, no repository field

        Assert.Empty(code);
        Assert.Empty(hf);
    }

    [Theory]
    [InlineData("http://www.GitHub.com/Owner/Repo.git/", "https://github.com/Owner/Repo")]
    [InlineData("see https://github.com/owner/repo#readme for details", "https://github.com/owner/repo")]
    [InlineData("https://github.com/owner/repo/blob/main/README.md?plain=1", "https://github.com/owner/repo")]
    [InlineData("(code: https://github.com/owner/repo.js).", "https://github.com/owner/repo.js")]
    [InlineData("released at https: //github.com/MTU-Bench-Team/MTU-Bench.git.", "https://github.com/MTU-Bench-Team/MTU-Bench")]
    public void Normalizes_github_links(string text, string expected) =>
        Assert.Equal([expected], ExtractText(text).Code);

    [Theory]
    [InlineData("https://gist.github.com/owner/abc123")]
    [InlineData("https://github.com/orgs/owner/repositories")]
    [InlineData("https://github.com/owner")]
    [InlineData("https://owner.github.io/project")]
    public void Ignores_what_is_not_a_github_repository(string text) => Assert.Empty(ExtractText(text).Code);

    [Theory]
    [InlineData("https://huggingface.co/Qwen/Qwen2.5-7B-Instruct.", "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct")]
    [InlineData("hf.co/PowerInfer/SmallThinker-4BA0.6B-Instruct", "https://huggingface.co/PowerInfer/SmallThinker-4BA0.6B-Instruct")]
    [InlineData("https://HuggingFace.co/Datasets/nvidia/HelpSteer2/viewer/default/train", "https://huggingface.co/datasets/nvidia/HelpSteer2")]
    [InlineData("https://huggingface.co/alexgambashidze/SDXL\\_NCP-DPO\\_v0.1", "https://huggingface.co/alexgambashidze/SDXL_NCP-DPO_v0.1")]
    public void Normalizes_hugging_face_links(string text, string expected) =>
        Assert.Equal([expected], ExtractText(text).HuggingFace);

    [Theory]
    [InlineData("https://huggingface.co/papers/2406.04127")]
    [InlineData("https://huggingface.co/blog/owner/post")]
    [InlineData("https://huggingface.co/collections/Salesforce/xlam-2-67ef5be12949d8dcdae354c4")]
    [InlineData("https://huggingface.co/docs/transformers/index")]
    [InlineData("https://huggingface.co/THUDM.")]
    public void Ignores_what_is_not_a_hugging_face_artifact(string text) => Assert.Empty(ExtractText(text).HuggingFace);

    [Fact]
    public void Removes_duplicates_case_insensitively_in_order_of_first_appearance()
    {
        var (code, hf) = ExtractText(
            "Code: https://github.com/b/two and https://github.com/A/One. Mirror: https://github.com/a/one/. Models: https://huggingface.co/x/m, https://huggingface.co/X/M.",
            githubRepo: "https://github.com/A/One");

        Assert.Equal(["https://github.com/A/One", "https://github.com/b/two"], code);
        Assert.Equal(["https://huggingface.co/x/m"], hf);
    }
}
