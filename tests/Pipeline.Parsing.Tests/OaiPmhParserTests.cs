namespace Pipeline.Parsing.Tests;

public sealed class OaiPmhParserTests
{
    private const string Folder = "oai_pmh";

    [Fact]
    public void Reads_arxivraw_version_history_with_dates()
    {
        var papers = TestFiles.Parse(Folder, "ListRecordsResponse.xml", OaiPmhParser.Format).Papers;

        Assert.Equal(6, papers.Count);
        var paper = papers.Single(p => p.Id == "0704.0716");
        Assert.Equal(4, paper.Version);
        Assert.Equal([1, 2, 3, 4], paper.Versions.Select(v => v.Version));
        Assert.Equal(new DateTimeOffset(2007, 4, 5, 12, 45, 3, TimeSpan.Zero), paper.Versions[0].Date);
        Assert.Equal(new DateTimeOffset(2008, 11, 14, 9, 7, 25, TimeSpan.Zero), paper.Versions[3].Date);
        Assert.Equal(paper.Versions[0].Date, paper.ArxivPublishedAt);
        Assert.Equal(paper.Versions[3].Date, paper.Updated);
        Assert.Equal("Christoph Richard", paper.Submitter);
        Assert.Equal(["math-ph", "math.MP"], paper.Categories);
        Assert.Equal(["05A15", "05A16"], paper.OtherClassifications);
        Assert.Equal("http://arxiv.org/licenses/nonexclusive-distrib/1.0/", paper.License);
        Assert.Equal("Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, Dordrecht, 2009", paper.JournalRef);
    }

    [Fact]
    public void Splits_and_joined_arxivraw_authors_and_two_dois_in_one_field()
    {
        var paper = TestFiles.Parse(Folder, "ListRecordsResponse.xml").Papers.Single(p => p.Id == "0704.0471");

        Assert.Equal(["D.V. Shetty", "S.J. Yennello", "G.A. Souliotis"], paper.Authors);
        Assert.Equal(["10.1103/PhysRevC.76.024606", "10.1103/PhysRevC.76.039902"], paper.Dois);
        Assert.Equal(["nucl-ex", "nucl-th"], paper.Categories);
        Assert.Equal("Density dependence of the symmetry energy and the nuclear equation of state: A Dynamical and Statistical model perspective", paper.Title);
    }

    [Fact]
    public void Reads_reindented_arxivraw_with_acm_class()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "litpuvn_GetRecord.xml").Papers);

        Assert.Equal("0804.2273", paper.Id);
        Assert.Equal("Object Re-Use & Exchange: A Resource-Centric Approach", paper.Title);
        Assert.Equal(["Carl Lagoze", "Herbert Van de Sompel", "Michael L. Nelson", "Simeon Warner", "Robert Sanderson", "Pete Johnston"], paper.Authors);
        Assert.Equal(["cs.DL", "cs.NI"], paper.Categories);
        Assert.Equal(["C.2.3"], paper.OtherClassifications);
        Assert.DoesNotContain("  ", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_arxiv_format_keyname_forenames_and_suffix()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "sample_arxiv_record4.xml").Papers);

        Assert.Equal("1603.05976", paper.Id);
        Assert.Contains("P. Ade", paper.Authors);
        Assert.Contains("R. W. IV", paper.Authors);
        Assert.Equal("Keck Array", paper.Authors[0]);
        Assert.Equal(["astro-ph.IM", "astro-ph.CO"], paper.Categories);
    }

    [Fact]
    public void Reads_arxiv_metadata_without_its_namespace_and_a_mixed_doi_list()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "sample_arxiv_record0.xml").Papers);

        Assert.Equal("1601.03238", paper.Id);
        Assert.Equal("Planck Collaboration", paper.Authors[0]);
        Assert.Equal("Jieci Wang", paper.Authors[1]);
        Assert.Equal(["quant-ph", "gr-qc", "hep-th", "chao-dyn", "nlin.CD"], paper.Categories);
        Assert.Equal(["10.1103/PhysRevD.93.016005", "10.1103/PhysRevD.98.079901", "10.1103/PhysRevD.98.079903"], paper.Dois);
        Assert.Equal("YITP-2016-26", paper.ReportNumber);
        Assert.Equal("https://creativecommons.org/licenses/by/3.0/", paper.License);
        Assert.Equal(new DateTimeOffset(2016, 1, 13, 0, 0, 0, TimeSpan.Zero), paper.ArxivPublishedAt);
    }

    [Fact]
    public void Reads_old_style_ids_and_drops_affiliations()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "inspire_oai_arxiv.xml").Papers);

        Assert.Equal("physics/0112006", paper.Id);
        Assert.Equal(["G. Fiorentini", "L. Okun", "M. Vysotsky"], paper.Authors);
        Assert.Equal(["10.1134/1.1533770"], paper.Dois);
    }

    [Fact]
    public void Reads_created_and_updated_of_list_records_in_arxiv_format()
    {
        var paper = TestFiles.Parse(Folder, "arxiv-physics-hep-th.xml").Papers.Single(p => p.Id == "1412.8323");

        Assert.Equal(new DateTimeOffset(2014, 12, 29, 0, 0, 0, TimeSpan.Zero), paper.ArxivPublishedAt);
        Assert.Equal(new DateTimeOffset(2017, 12, 13, 0, 0, 0, TimeSpan.Zero), paper.Updated);
        Assert.Equal(["Philipp A Hoehn"], paper.Authors);
        Assert.Equal("quant-ph", paper.PrimaryCategory);
    }

    [Fact]
    public void Exposes_the_resumption_token_cursor_and_list_size()
    {
        var page = TestFiles.Parse(Folder, "ListRecordsResponse.xml").Page!;

        Assert.Equal("726959|1001", page.ResumptionToken);
        Assert.Equal(0, page.Cursor);
        Assert.Equal(58011, page.CompleteListSize);
        Assert.Equal(6, page.EntriesReturned);
        Assert.True(page.HasMore);
        Assert.Equal(new DateTimeOffset(2015, 1, 6, 20, 49, 59, TimeSpan.Zero), page.ResponseDate);
    }

    [Fact]
    public void A_deleted_record_is_marked_not_an_error_and_an_empty_token_ends_the_list()
    {
        var result = TestFiles.Parse(Folder, "deleted_record_derived.xml");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Papers.Count);
        var deleted = result.Papers.Single(p => p.Id == "0704.0874");
        Assert.True(deleted.Deleted);
        Assert.True(deleted.Withdrawn);
        Assert.Empty(deleted.Title);
        Assert.False(result.Papers.Single(p => p.Id == "0704.0716").Deleted);
        Assert.Null(result.Page!.ResumptionToken);
        Assert.False(result.Page.HasMore);
        Assert.Equal(1003, result.Page.CompleteListSize);
    }

    [Fact]
    public void No_records_match_is_an_empty_result_not_a_failure()
    {
        var result = TestFiles.Parse(Folder, "ErrorResponseNoRecordsMatch.xml", OaiPmhParser.Format);

        Assert.Empty(result.Papers);
        Assert.Empty(result.Errors);
        Assert.False(result.Page!.HasMore);
    }

    [Theory]
    [InlineData("ErrorResponseBadArgument.xml", "badArgument", "illegal argument 'identifier'")]
    [InlineData("ErrorResponseBadResumptionToken.xml", "badResumptionToken", "resumptionToken supplied is illegal")]
    [InlineData("ErrorResponseBadVerb.xml", "badVerb", "Verb 'wah' not implemented")]
    [InlineData("ErrorResponseIdDoesNotExist.xml", "idDoesNotExist", "oai:arXiv.org:0813.2274")]
    [InlineData("inspire_1305.0014v1.xml", "idDoesNotExist", "must not include the 'v1'")]
    public void Other_error_codes_reject_with_code_and_message(string file, string code, string message)
    {
        var ex = TestFiles.Rejected(Folder, file);

        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
