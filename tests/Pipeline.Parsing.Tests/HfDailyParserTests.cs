using System.Text.Json;

namespace Pipeline.Parsing.Tests;

public sealed class HfDailyParserTests
{
    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "hf_daily", name));

    [Fact]
    public void Parses_every_paper_of_a_real_day()
    {
        var result = PayloadParser.Parse(Sample("2024-06-17.json"), PayloadParser.AutoFormat);

        Assert.Equal(18, result.Papers.Count);
        Assert.Empty(result.Errors);
        Assert.All(result.Papers, p => Assert.Matches(@"^\d{4}\.\d{4,5}$", p.Id));
        Assert.Equal(result.Papers.Count, result.Papers.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Unfolds_hard_wrapped_titles_and_abstracts_but_keeps_the_raw_text()
    {
        var papers = PayloadParser.Parse(Sample("2024-06-17.json"), "hf-daily").Papers;

        var wrapped = papers.Where(p => p.TitleRaw.Contains('\n', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(wrapped);
        Assert.All(papers, p =>
        {
            Assert.DoesNotContain('\n', p.Title);
            Assert.DoesNotContain("  ", p.Title, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', p.Abstract);
        });
        Assert.Contains(papers, p => p.AbstractRaw.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Drops_hidden_authors()
    {
        var raw = JsonDocument.Parse(Sample("2024-06-17.json")).RootElement.EnumerateArray()
            .Single(i => i.GetProperty("paper").GetProperty("id").GetString() == "2406.06263").GetProperty("paper").GetProperty("authors");
        var hidden = raw.EnumerateArray().Where(a => a.GetProperty("hidden").GetBoolean()).Select(a => a.GetProperty("name").GetString()).ToList();
        var visible = raw.EnumerateArray().Count() - hidden.Count;

        var paper = PayloadParser.Parse(Sample("2024-06-17.json"), "hf-daily").Papers.Single(p => p.Id == "2406.06263");

        Assert.NotEmpty(hidden);
        Assert.Equal(visible, paper.Authors.Count);
        Assert.All(hidden, name => Assert.DoesNotContain(name, paper.Authors));
    }

    [Fact]
    public void Keeps_the_arxiv_date_apart_from_the_listing_date()
    {
        var paper = PayloadParser.Parse(Sample("2025-06-05.json"), "hf-daily").Papers.Single(p => p.Id == "2506.03569");

        Assert.Equal(new DateTimeOffset(2025, 6, 4, 4, 32, 54, TimeSpan.Zero), paper.ArxivPublishedAt);
        Assert.Equal(new DateTimeOffset(2025, 6, 4, 0, 32, 54, TimeSpan.Zero), paper.ListedAt);
        Assert.Equal("MiMo-VL Technical Report", paper.Title);
        Assert.Equal(36, paper.Upvotes);
        Assert.Equal("https://github.com/XiaomiMiMo/MiMo-VL", paper.GithubRepo);
        Assert.Contains("Chain-of-Thought", paper.Keywords);
        Assert.StartsWith("We open-source MiMo-VL-7B-SFT and MiMo-VL-7B-RL, two powerful vision-language models delivering", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_day_of_python_repr_strings_with_a_readable_reason()
    {
        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(Sample("2024-12-11.json"), PayloadParser.AutoFormat));

        Assert.Contains("Python repr() strings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_envelope_wrapped_day()
    {
        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(Sample("2025-01-10.json"), PayloadParser.AutoFormat));

        Assert.Contains("envelope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_entry_does_not_sink_the_rest_of_the_day()
    {
        var day = JsonDocument.Parse(Sample("2025-06-05.json")).RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        var payload = "[" + string.Join(",", day.Take(3).Append("{\"paper\": {\"id\": \"not-an-id\", \"title\": \"x\"}}").Append("42")) + "]";

        var result = PayloadParser.Parse(System.Text.Encoding.UTF8.GetBytes(payload), "hf-daily");

        Assert.Equal(3, result.Papers.Count);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("not an arXiv id", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal(4, result.Errors[1].Index);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>")]
    [InlineData("[{\"paper\": ")]
    [InlineData("plain text")]
    public void Rejects_payloads_that_are_not_a_day(string payload)
    {
        Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(System.Text.Encoding.UTF8.GetBytes(payload), PayloadParser.AutoFormat));
    }

    [Fact]
    public void Rejects_invalid_utf8()
    {
        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(new byte[] { (byte)'[', 0xC3, 0x28, (byte)']' }, PayloadParser.AutoFormat));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }
}
