namespace Pipeline.Parsing.Tests;

public sealed class HfParsersTests
{
    [Fact]
    public void Reads_the_papers_page_from_its_escaped_data_props()
    {
        var result = TestFiles.Parse("hf_html", "huggingface_papers_2024-08-01.html", HfHtmlParser.Format);

        Assert.Empty(result.Errors);
        Assert.Equal(13, result.Papers.Count);
        var llama = result.Papers[0];
        Assert.Equal("2407.21783", llama.Id);
        Assert.Equal("The Llama 3 Herd of Models", llama.Title);
        Assert.Contains("Abhimanyu Dubey", llama.Authors);
        Assert.Equal(HfHtmlParser.Format, llama.SourceFormat);
        Assert.NotNull(llama.Upvotes);
        Assert.All(result.Papers, p => Assert.DoesNotContain("&quot;", p.Abstract, StringComparison.Ordinal));
    }

    [Fact]
    public void The_papers_page_finds_project_links_in_abstracts()
    {
        var tora = TestFiles.Parse("hf_html", "huggingface_papers_2024-08-01.html").Papers.Single(p => p.Id == "2407.21705");

        Assert.Equal(["https://ali-videoai.github.io/tora_video"], tora.Links.Project);
    }

    [Fact]
    public void Reads_search_results_in_both_item_shapes()
    {
        var result = TestFiles.Parse("hf_api", "search_derived.json", HfSearchParser.Format);

        Assert.Empty(result.Errors);
        Assert.Equal(["2507.10548", "2507.10541", "2507.09862"], result.Papers.Select(p => p.Id));
        Assert.NotNull(result.Papers[0].ListedAt);
        // A bare paper object has no item-level publishedAt; its submittedOnDailyAt is the listing date.
        Assert.Equal(new DateTimeOffset(2025, 7, 15, 5, 4, 35, 807, TimeSpan.Zero), result.Papers[1].ListedAt);
        Assert.All(result.Papers, p => Assert.Equal(HfSearchParser.Format, p.SourceFormat));
    }

    [Fact]
    public void Reads_a_single_paper_object_with_hf_fields()
    {
        var paper = Assert.Single(TestFiles.Parse("hf_api", "paper_derived.json", HfPaperParser.Format).Papers);

        Assert.Equal("2507.10541", paper.Id);
        Assert.Equal("REST: Stress Testing Large Reasoning Models by Asking Multiple Problems at Once", paper.Title);
        Assert.Equal(10, paper.Upvotes);
        Assert.Equal("https://github.com/opendatalab/REST", paper.GithubRepo);
        Assert.Equal("https://opendatalab.github.io/REST/", paper.ProjectPage);
        Assert.Contains("overthinking trap", paper.Keywords);
        Assert.Equal(["https://github.com/opendatalab/REST"], paper.Links.Code);
        Assert.Equal(["https://opendatalab.github.io/REST/"], paper.Links.Project);
        Assert.Equal(new DateTimeOffset(2025, 7, 15, 5, 4, 35, 807, TimeSpan.Zero), paper.ListedAt);
    }

    [Fact]
    public void Hf_ids_map_to_the_same_key_as_arxiv_ids()
    {
        var hf = Assert.Single(TestFiles.Parse("hf_api", "paper_derived.json").Papers);
        var atom = TestFiles.Parse("merge", "2026_q_testing_s0_m100.xml").Papers.Single(p => p.Id == hf.Id);

        Assert.Equal("2507.10541", atom.Id);
        Assert.True(ArxivId.TryParse("https://huggingface.co/papers/2507.10541", out var fromUrl, out _));
        Assert.Equal(hf.Id, fromUrl);
    }
}
