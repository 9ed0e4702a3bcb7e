using System.Text;

namespace Pipeline.Parsing.Tests;

public sealed class FormatDetectionTests
{
    [Theory]
    [InlineData("hf_daily", "2024-06-17.json", "hf-daily")]
    [InlineData("hf_api", "search_derived.json", "hf-search")]
    [InlineData("hf_api", "paper_derived.json", "hf-paper")]
    [InlineData("hf_html", "huggingface_papers_2024-08-01.html", "hf-html")]
    [InlineData("arxiv_atom", "2016_quantum_criticality.xml", "arxiv-atom")]
    [InlineData("arxiv_atom", "2024_balconyjh_sample.xml", "arxiv-atom")]
    [InlineData("arxiv_atom", "2026_id_1707.08567.xml", "arxiv-atom")]
    [InlineData("arxiv_atom", "2026_id_0000.0000_empty.xml", "arxiv-atom")]
    [InlineData("arxiv_rss", "rss_excerpt.xml", "arxiv-rss")]
    [InlineData("arxiv_rss", "empty_rss_mock_feed.xml", "arxiv-rss")]
    [InlineData("arxiv_rss", "error_rss_mock_feed.xml", "arxiv-rss")]
    [InlineData("oai_pmh", "ListRecordsResponse.xml", "oai-pmh")]
    [InlineData("oai_pmh", "sample_arxiv_record0.xml", "oai-pmh")]
    [InlineData("oai_pmh", "ErrorResponseBadVerb.xml", "oai-pmh")]
    [InlineData("jsonl", "arxiv-metadata-oai-snapshot-first200.jsonl", "arxiv-jsonl")]
    [InlineData("feeds", "generic_rss_derived.xml", "rss")]
    [InlineData("feeds", "generic_atom_derived.xml", "atom")]
    [InlineData("feeds", "jsonfeed_derived.json", "jsonfeed")]
    public void Detects_every_format_from_content(string folder, string file, string format)
    {
        Assert.Equal(format, PayloadParser.Detect(TestFiles.Bytes(folder, file)));

        // Auto parses exactly as the explicit format does (or rejects the same way).
        var auto = Outcome(() => TestFiles.Parse(folder, file));
        var explicitly = Outcome(() => TestFiles.Parse(folder, file, format));
        Assert.Equal(explicitly, auto);
    }

    [Fact]
    public void Detects_a_single_kaggle_line_and_a_byte_order_mark()
    {
        var line = TestFiles.Text("jsonl", "arxiv-metadata-oai-snapshot-first200.jsonl").Split('\n')[0];
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(line)).ToArray();

        Assert.Equal("arxiv-jsonl", PayloadParser.Detect(withBom));
        Assert.Equal("0704.0001", Assert.Single(PayloadParser.Parse(withBom, "auto").Papers).Id);
    }

    [Fact]
    public void Every_listed_format_is_accepted_by_name()
    {
        Assert.Equal(
            ["auto", "hf-daily", "hf-search", "hf-paper", "hf-html", "arxiv-atom", "arxiv-rss", "oai-pmh", "arxiv-jsonl", "rss", "atom", "jsonfeed"],
            PayloadParser.Formats);
    }

    private static string Outcome(Func<ParseResult> parse)
    {
        try
        {
            var result = parse();
            return $"{result.Papers.Count} papers: {string.Join(",", result.Papers.Select(p => p.Id + "|" + p.Title))}; {result.Errors.Count} errors";
        }
        catch (PayloadRejectedException ex)
        {
            return "rejected: " + ex.Message;
        }
    }
}
