using System.Text.Json;

namespace Pipeline.Parsing.Tests;

public sealed class ParseBatchTests
{
    private static ParseBatch.Input File(string folder, string name) => new($"{folder}/{name}", () => TestFiles.Bytes(folder, name));

    private static (int Exit, List<JsonElement> Out, List<JsonElement> Err) Run(string format, params ParseBatch.Input[] inputs)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = ParseBatch.Run(inputs, format, stdout, stderr);
        static List<JsonElement> Lines(string text) =>
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (exit, Lines(stdout.ToString()), Lines(stderr.ToString()));
    }

    [Fact]
    public void Writes_one_camel_case_object_per_paper_merged_across_files()
    {
        var (exit, papers, errors) = Run(
            "auto",
            File("merge", "hf_daily_2025-07-15.json"),
            File("merge", "2026_q_testing_s0_m100.xml"),
            File("merge", "2507.10541_oai_arXivRaw_derived.xml"));

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        Assert.Equal(papers.Count, papers.Select(p => p.GetProperty("id").GetString()).Distinct().Count());
        var rest = papers.Single(p => p.GetProperty("id").GetString() == "2507.10541");
        foreach (var name in new[] { "id", "version", "title", "titleRaw", "abstract", "abstractRaw", "authors", "published", "updated", "categories", "primaryCategory", "doi", "journalRef", "license", "links", "source" })
        {
            Assert.True(rest.TryGetProperty(name, out _), name);
        }

        Assert.Equal(2, rest.GetProperty("version").GetInt32());
        Assert.Equal("cs.CL", rest.GetProperty("primaryCategory").GetString());
        Assert.Equal("https://github.com/opendatalab/REST", rest.GetProperty("links").GetProperty("code")[0].GetString());
        Assert.Equal(2, rest.GetProperty("versions").GetArrayLength());
        Assert.Equal("arxiv-atom", rest.GetProperty("source").GetString());
        Assert.Equal("hf-daily", rest.GetProperty("fieldSources").GetProperty("upvotes").GetString());
        Assert.Equal("2025-07-14T17:58:47+00:00", rest.GetProperty("published").GetString());
    }

    [Fact]
    public void Reports_rejected_files_and_records_on_stderr_and_exits_2()
    {
        var (exit, papers, errors) = Run(
            "auto",
            File("feeds", "jsonfeed_derived.json"),
            File("arxiv_atom", "2026_id_abc_error.xml"),
            new ParseBatch.Input("missing.json", () => throw new FileNotFoundException("Could not find file 'missing.json'.")));

        Assert.Equal(2, exit);
        Assert.Equal(2, papers.Count);
        Assert.Equal(3, errors.Count);
        var record = errors.Single(e => e.TryGetProperty("index", out _));
        Assert.Equal("feeds/jsonfeed_derived.json", record.GetProperty("file").GetString());
        Assert.Equal(2, record.GetProperty("index").GetInt32());
        Assert.Contains("no arXiv id", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(errors, e => e.GetProperty("file").GetString() == "arxiv_atom/2026_id_abc_error.xml" && e.GetProperty("reason").GetString()!.Contains("incorrect id format", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("file").GetString() == "missing.json" && e.GetProperty("reason").GetString()!.Contains("Could not find", StringComparison.Ordinal));
    }

    [Fact]
    public void Exits_0_when_every_file_parsed_even_an_empty_result()
    {
        var (exit, papers, errors) = Run("oai-pmh", File("oai_pmh", "ErrorResponseNoRecordsMatch.xml"));

        Assert.Equal(0, exit);
        Assert.Empty(papers);
        Assert.Empty(errors);
    }

    [Fact]
    public void Keeps_non_ascii_readable_in_the_output()
    {
        var json = PaperJson.Serialize(Assert.Single(TestFiles.Parse("arxiv_atom", "2026_id_1707.08567.xml").Papers));

        Assert.Contains("Dirk Wübben", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', json);
    }
}
