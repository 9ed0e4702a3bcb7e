namespace Pipeline.Parsing.Tests;

public sealed class ArxivRssParserTests
{
    private const string Folder = "arxiv_rss";

    private static ParsedPaper Item(string id) =>
        TestFiles.Parse(Folder, "rss_excerpt.xml", ArxivRssParser.Format).Papers.Single(p => p.Id == id);

    [Fact]
    public void Reads_every_item_of_a_real_listing()
    {
        var result = TestFiles.Parse(Folder, "rss_excerpt.xml");

        Assert.Empty(result.Errors);
        Assert.Equal(11, result.Papers.Count);
        Assert.All(result.Papers, p => Assert.Equal(ArxivRssParser.Format, p.SourceFormat));
    }

    [Fact]
    public void Reads_a_new_announcement_with_the_abstract_packed_in_the_description()
    {
        var paper = Item("2411.17700");

        Assert.Equal("new", paper.AnnounceType);
        Assert.Equal(1, paper.Version);
        Assert.StartsWith("This study investigates the influence of generative artificial intelligence (AI)", paper.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("Announce Type", paper.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("Abstract:", paper.Abstract, StringComparison.Ordinal);
        Assert.Equal(["Jun Cui"], paper.Authors);
        Assert.Equal(["cs.CY"], paper.Categories);
        Assert.Equal("http://creativecommons.org/licenses/by/4.0/", paper.License);
        Assert.Equal(new DateTimeOffset(2024, 11, 28, 5, 0, 0, TimeSpan.Zero), paper.ListedAt);
    }

    [Fact]
    public void A_replace_announcement_carries_the_new_version()
    {
        var paper = Item("1401.3665");

        Assert.Equal("replace", paper.AnnounceType);
        Assert.Equal(4, paper.Version);
        Assert.Equal([new PaperVersion(4, null)], paper.Versions);
        Assert.Equal("The existence of designs", paper.Title);
    }

    [Fact]
    public void A_cross_listing_keeps_its_primary_category_first()
    {
        var paper = Item("2202.06515");

        Assert.Equal("cross", paper.AnnounceType);
        Assert.Equal(3, paper.Version);
        Assert.Equal(["astro-ph.CO", "astro-ph.GA", "physics.flu-dyn"], paper.Categories);
        Assert.Equal("astro-ph.CO", paper.PrimaryCategory);
        Assert.Equal(["10.1063/5.0236964"], paper.Dois);
        Assert.Equal("Physics of Fluids 36, 117158 (2024)", paper.JournalRef);
    }

    [Fact]
    public void Reads_a_replace_cross_announcement()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "replace_cross_derived.xml").Papers);

        Assert.Equal("replace-cross", paper.AnnounceType);
        Assert.Equal("2202.06515", paper.Id);
        Assert.Equal(3, paper.Version);
    }

    [Fact]
    public void Splits_the_one_creator_string_into_authors()
    {
        var paper = Item("2411.17697");

        Assert.Equal(["Shuyuan Tu", "Zhen Xing", "Xintong Han", "Zhi-Qi Cheng", "Qi Dai", "Chong Luo", "Zuxuan Wu"], paper.Authors);
        Assert.Equal(["cs.CV", "cs.AI"], paper.Categories);
    }

    [Fact]
    public void Decodes_tex_accents_in_titles_and_names_but_not_math()
    {
        var schrodinger = Item("2411.17730");
        Assert.Equal("Almost sure well-posedness and orbital stability for Schrödinger equation with potential", schrodinger.Title);
        Assert.Contains(@"Schr\""odinger", schrodinger.TitleRaw, StringComparison.Ordinal);
        Assert.Contains(@"$\frac{1}{3}<s<1$", schrodinger.Abstract, StringComparison.Ordinal);
        Assert.Contains(@"\begin{equation*}", schrodinger.Abstract, StringComparison.Ordinal);

        Assert.Contains("Marušič", Item("2411.17780").Abstract, StringComparison.Ordinal);
        Assert.Contains("Guðmundur K. Stefánsson", Item("2411.18567").Authors);
    }

    [Fact]
    public void Finds_the_code_link_with_git_suffix_and_trailing_punctuation_trimmed()
    {
        var paper = Item("2411.17702");

        Assert.Equal(["https://github.com/mandiehyewon/goodviews_ecg"], paper.Links.Code);
    }

    [Fact]
    public void An_empty_listing_is_zero_papers()
    {
        var result = TestFiles.Parse(Folder, "empty_rss_mock_feed.xml");

        Assert.Empty(result.Papers);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Rejects_the_error_feed_with_its_description()
    {
        var ex = TestFiles.Rejected(Folder, "error_rss_mock_feed.xml", ArxivRssParser.Format);

        Assert.Contains("Bad archive 'astroph'", ex.Message, StringComparison.Ordinal);
    }
}
