namespace Pipeline.Parsing.Tests;

public sealed class GenericFeedParserTests
{
    private const string Folder = "feeds";

    [Fact]
    public void Rss_items_with_an_arxiv_link_or_guid_become_papers_and_the_rest_are_record_errors()
    {
        var result = TestFiles.Parse(Folder, "generic_rss_derived.xml", GenericFeedParser.RssFormat);

        Assert.Equal(["2411.17702", "2411.17697"], result.Papers.Select(p => p.Id));
        Assert.Equal(2, result.Papers[1].Version);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Index);
        Assert.Contains("no arXiv id", error.Reason, StringComparison.Ordinal);
        Assert.All(result.Papers, p => Assert.Equal(GenericFeedParser.RssFormat, p.SourceFormat));
    }

    [Fact]
    public void Rss_descriptions_are_stripped_of_html_with_links_kept()
    {
        var paper = TestFiles.Parse(Folder, "generic_rss_derived.xml").Papers[0];

        Assert.StartsWith("Electrocardiograms (ECGs) are an established technique", paper.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("<", paper.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", paper.Abstract, StringComparison.Ordinal);
        Assert.EndsWith("We made our code available in: https://github.com/mandiehyewon/goodviews_ecg.git", paper.Abstract, StringComparison.Ordinal);
        Assert.Equal(["https://github.com/mandiehyewon/goodviews_ecg"], paper.Links.Code);
        Assert.Equal(["cs.LG"], paper.Categories);
        Assert.Equal(["Shuyuan Tu", "Zhen Xing", "Xintong Han", "Zhi-Qi Cheng", "Qi Dai", "Chong Luo", "Zuxuan Wu"], TestFiles.Parse(Folder, "generic_rss_derived.xml").Papers[1].Authors);
    }

    [Fact]
    public void Atom_entries_find_ids_in_hf_urls_and_arxiv_dois()
    {
        var result = TestFiles.Parse(Folder, "generic_atom_derived.xml", GenericFeedParser.AtomFormat);

        Assert.Equal(["2507.10541", "2411.17758"], result.Papers.Select(p => p.Id));
        Assert.Contains("no arXiv id", Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
        var rest = result.Papers[0];
        Assert.StartsWith("Recent Large Reasoning Models (LRMs)", rest.Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", rest.Abstract, StringComparison.Ordinal);
        Assert.Equal(["Zhuoshi Pan", "Qizhi Pei"], rest.Authors);
        Assert.Equal(["10.1016/j.segan.2024.101477"], result.Papers[1].Dois);
    }

    [Fact]
    public void Json_feed_items_become_papers_from_url_or_doi_id()
    {
        var result = TestFiles.Parse(Folder, "jsonfeed_derived.json", GenericFeedParser.JsonFeedFormat);

        Assert.Equal(["2411.17700", "2411.17758"], result.Papers.Select(p => p.Id));
        Assert.Equal(1, result.Papers[0].Version);
        Assert.Equal(["Jun Cui"], result.Papers[0].Authors);
        Assert.Equal(["cs.CY"], result.Papers[0].Categories);
        Assert.DoesNotContain("<p>", result.Papers[1].Abstract, StringComparison.Ordinal);
        Assert.Equal(["10.1016/j.segan.2024.101477"], result.Papers[1].Dois);
        Assert.Equal(2, Assert.Single(result.Errors).Index);
    }
}
