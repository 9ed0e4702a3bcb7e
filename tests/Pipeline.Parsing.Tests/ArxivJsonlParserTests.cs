using System.Text;

namespace Pipeline.Parsing.Tests;

public sealed class ArxivJsonlParserTests
{
    private const string Folder = "jsonl";
    private const string File200 = "arxiv-metadata-oai-snapshot-first200.jsonl";

    private static ParsedPaper Record(string id) => TestFiles.Parse(Folder, File200, ArxivJsonlParser.Format).Papers.Single(p => p.Id == id);

    [Fact]
    public void Reads_every_line_of_the_kaggle_snapshot()
    {
        var result = TestFiles.Parse(Folder, File200);

        Assert.Empty(result.Errors);
        Assert.Equal(200, result.Papers.Count);
        Assert.All(result.Papers, p => Assert.Equal(ArxivJsonlParser.Format, p.SourceFormat));
    }

    [Fact]
    public void Decodes_tex_accents_in_the_authors_string_and_reads_versions()
    {
        var paper = Record("0704.0001");

        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], paper.Authors);
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", paper.Title);
        Assert.Equal(2, paper.Version);
        Assert.Equal([new PaperVersion(1, new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero)), new PaperVersion(2, new DateTimeOffset(2007, 7, 24, 20, 10, 27, TimeSpan.Zero))], paper.Versions);
        Assert.Equal(new DateTimeOffset(2008, 11, 26, 0, 0, 0, TimeSpan.Zero), paper.Updated);
        Assert.Equal(["10.1103/PhysRevD.76.013009"], paper.Dois);
        Assert.Equal("Phys.Rev.D76:013009,2007", paper.JournalRef);
        Assert.Equal("ANL-HEP-PR-07-12", paper.ReportNumber);
        Assert.Equal("Pavel Nadolsky", paper.Submitter);
        Assert.Null(paper.License);
    }

    [Fact]
    public void Keeps_name_suffixes_and_and_before_the_last_author()
    {
        Assert.Equal(["Paul Harvey", "Bruno Merin", "Tracy L. Huard", "Luisa M. Rebull", "Nicholas Chapman", "Neal J. Evans II", "Philip C. Myers"], Record("0704.0009").Authors);
        Assert.Equal(["Ileana Streinu", "Louis Theran"], Record("0704.0002").Authors);
    }

    [Fact]
    public void Drops_nested_affiliations_in_parentheses()
    {
        var paper = TestFiles.Parse(Folder, File200).Papers.Single(p => p.Authors.Contains("A. S. Mishchenko"));

        Assert.Equal(["A. S. Mishchenko", "N. Nagaosa"], paper.Authors);
    }

    [Fact]
    public void Falls_back_to_authors_parsed_when_the_authors_string_is_missing()
    {
        var line = TestFiles.Text(Folder, File200).Split('\n')[0];
        var withoutString = line.Replace("\"authors\":\"C. Bal\\\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan\",", string.Empty, StringComparison.Ordinal);

        var paper = Assert.Single(PayloadParser.Parse(Encoding.UTF8.GetBytes(withoutString), ArxivJsonlParser.Format).Papers);

        Assert.NotEqual(line, withoutString);
        Assert.Equal(["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"], paper.Authors);
    }

    [Fact]
    public void Categories_keep_the_primary_first()
    {
        var paper = Record("0704.0002");

        Assert.Equal(["math.CO", "cs.CG"], paper.Categories);
        Assert.Equal("math.CO", paper.PrimaryCategory);
        Assert.Equal("http://arxiv.org/licenses/nonexclusive-distrib/1.0/", paper.License);
    }

    [Fact]
    public void A_broken_line_is_a_record_error_and_the_rest_goes_on()
    {
        var lines = TestFiles.Text(Folder, File200).Split('\n').Take(3).ToList();
        var payload = string.Join('\n', lines[0], "{\"id\": \"0704.0002\", \"title\": ", lines[2]);

        var result = PayloadParser.Parse(Encoding.UTF8.GetBytes(payload), PayloadParser.AutoFormat);

        Assert.Equal(2, result.Papers.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains("not valid JSON", error.Reason, StringComparison.Ordinal);
    }
}
