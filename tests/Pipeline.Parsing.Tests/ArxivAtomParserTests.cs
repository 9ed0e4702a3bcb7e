namespace Pipeline.Parsing.Tests;

public sealed class ArxivAtomParserTests
{
    private const string Folder = "arxiv_atom";

    [Fact]
    public void Reads_the_old_format_with_inline_namespaces()
    {
        var result = TestFiles.Parse(Folder, "2016_quantum_criticality.xml", ArxivAtomParser.Format);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Papers.Count);
        var paper = result.Papers[0];
        Assert.Equal("1111.2011", paper.Id);
        Assert.Equal(2, paper.Version);
        Assert.Equal("Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit", paper.Title);
        Assert.Contains("\n  Connectivity", paper.TitleRaw, StringComparison.Ordinal);
        Assert.StartsWith("Theoretical description of anisotropic systems, such as layered superconductors", paper.Abstract, StringComparison.Ordinal);
        Assert.StartsWith("  Theoretical", paper.AbstractRaw, StringComparison.Ordinal);
        Assert.Equal(["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"], paper.Authors);
        Assert.Equal(new DateTimeOffset(2011, 11, 8, 18, 48, 36, TimeSpan.Zero), paper.ArxivPublishedAt);
        Assert.Equal(new DateTimeOffset(2012, 4, 2, 12, 38, 54, TimeSpan.Zero), paper.Updated);
        Assert.Equal([new PaperVersion(1, paper.ArxivPublishedAt), new PaperVersion(2, paper.Updated)], paper.Versions);
        Assert.Equal(ArxivAtomParser.Format, paper.SourceFormat);
    }

    [Fact]
    public void Reads_doi_journal_ref_comment_and_categories_primary_first()
    {
        var paper = TestFiles.Parse(Folder, "2016_quantum_criticality.xml").Papers[0];

        Assert.Equal(["10.1103/PhysRevB.85.115117"], paper.Dois);
        Assert.Equal("Phys. Rev. B 85, 115117 (2012)", paper.JournalRef);
        Assert.Equal("8 pages, 3 figures. Published version", paper.Comments);
        Assert.Equal(["cond-mat.str-el", "cond-mat.stat-mech"], paper.Categories);
        Assert.Equal("cond-mat.str-el", paper.PrimaryCategory);
        Assert.Equal("10.48550/arXiv.1111.2011", paper.ArxivDoi);
    }

    [Fact]
    public void Keeps_old_style_ids_with_their_archive()
    {
        var old = TestFiles.Parse(Folder, "2016_quantum_criticality.xml").Papers[1];
        Assert.Equal("cond-mat/0607501", old.Id);
        Assert.Equal(2, old.Version);

        var renewed = Assert.Single(TestFiles.Parse(Folder, "2026_id_astro-ph_0601001.xml").Papers);
        Assert.Equal("astro-ph/0601001", renewed.Id);
        Assert.Equal(1, renewed.Version);
    }

    [Fact]
    public void Reads_the_new_format_and_repairs_mojibake_in_author_names()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "2026_id_1707.08567.xml", ArxivAtomParser.Format).Papers);

        Assert.Equal("1707.08567", paper.Id);
        Assert.Equal("Proceedings of Workshop AEW10: Concepts in Information Theory and Communications", paper.Title);
        Assert.Contains("Dirk Wübben", paper.Authors);
        Assert.DoesNotContain(paper.Authors, a => a.Contains('Ã', StringComparison.Ordinal));
        Assert.Equal(34, paper.Authors.Count);
        Assert.Equal("44 pages, editors for the proceedings: Yanling Chen and A. J. Han Vinck", paper.Comments);
        Assert.Equal(["cs.IT"], paper.Categories);
    }

    [Fact]
    public void Drops_affiliations_from_author_names()
    {
        var paper = Assert.Single(TestFiles.Parse(Folder, "2024_balconyjh_sample.xml").Papers);

        Assert.Equal("cond-mat/0102536", paper.Id);
        Assert.Equal(["David Prendergast", "M. Nolan", "Claudia Filippi", "Stephen Fahy", "J. C. Greer"], paper.Authors);
        Assert.Equal("11 pages, 6 figures, 3 tables, LaTeX209, submitted to The Journal of Chemical Physics", paper.Comments);
        Assert.StartsWith("The effect of the electron-electron cusp on the convergence of configuration interaction (CI) wave functions", paper.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_msc_codes_apart_from_arxiv_categories()
    {
        var papers = TestFiles.Parse(Folder, "2017_deep_dream-0.atom").Papers;

        var ito = papers.Single(p => p.Id == "1304.8005");
        Assert.Equal(["math.AG"], ito.Categories);
        Assert.Equal(["14C20", "14M99"], ito.OtherClassifications);
        var jia = papers.Single(p => p.Id == "0706.3031");
        Assert.Equal(["math.CO"], jia.Categories);
        Assert.Equal(["05E99", "05E05", "20B30"], jia.OtherClassifications);
        Assert.All(papers, p => Assert.All(p.Categories, c => Assert.True(Classifications.IsArxivCategory(c), c)));
    }

    [Fact]
    public void Rejects_the_error_feed_with_the_error_summary()
    {
        var ex = TestFiles.Rejected(Folder, "2026_id_abc_error.xml");

        Assert.Contains("incorrect id format for abc", ex.Message, StringComparison.Ordinal);
        Assert.Contains("arXiv API error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_result_is_zero_papers_not_an_error()
    {
        var result = TestFiles.Parse(Folder, "2026_id_0000.0000_empty.xml", ArxivAtomParser.Format);

        Assert.Empty(result.Papers);
        Assert.Empty(result.Errors);
        Assert.Equal(0, result.Page!.TotalResults);
        Assert.False(result.Page.HasMore);
    }

    [Fact]
    public void Exposes_the_paging_numbers_and_advances_by_what_came_back()
    {
        var first = TestFiles.Parse(Folder, "2026_q_testing_s0_m10.xml").Page!;
        var overlapping = TestFiles.Parse(Folder, "2026_q_testing_s5_m10.xml").Page!;
        var old = TestFiles.Parse(Folder, "2016_quantum_criticality.xml").Page!;

        Assert.Equal((214881, 0, 10, 10), (first.TotalResults!.Value, first.StartIndex!.Value, first.ItemsPerPage!.Value, first.EntriesReturned));
        Assert.Equal(10, first.NextStart);
        Assert.True(first.HasMore);
        Assert.Equal(5, overlapping.StartIndex);
        Assert.Equal(15, overlapping.NextStart);
        Assert.Equal((2, 0, 10, 2), (old.TotalResults!.Value, old.StartIndex!.Value, old.ItemsPerPage!.Value, old.EntriesReturned));
        Assert.False(old.HasMore);
    }

    [Fact]
    public void Overlapping_pages_merge_into_one_record_per_paper()
    {
        var papers = TestFiles.Parse(Folder, "2026_q_testing_s0_m10.xml").Papers.Concat(TestFiles.Parse(Folder, "2026_q_testing_s5_m10.xml").Papers).ToList();

        var merged = PaperMerger.Merge(papers);

        Assert.Equal(20, papers.Count);
        Assert.Equal(15, merged.Count);
        Assert.Equal(merged.Count, merged.Select(p => p.Id).Distinct().Count());
    }
}
