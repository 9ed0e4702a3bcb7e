namespace Pipeline.Parsing.Tests;

public sealed class PaperMergerTests
{
    private const string Id = "2507.10541";

    private static (ParsedPaper Hf, ParsedPaper Atom, ParsedPaper Oai) Sources() => (
        TestFiles.Parse("merge", "hf_daily_2025-07-15.json").Papers.Single(p => p.Id == Id),
        TestFiles.Parse("merge", "2026_q_testing_s0_m100.xml").Papers.Single(p => p.Id == Id),
        Assert.Single(TestFiles.Parse("merge", "2507.10541_oai_arXivRaw_derived.xml").Papers));

    [Fact]
    public void The_same_paper_from_hf_atom_and_oai_becomes_one_record_with_versions_merged()
    {
        var (hf, atom, oai) = Sources();

        var merged = Assert.Single(PaperMerger.Merge([hf, oai, atom]));

        Assert.Equal(Id, merged.Id);
        Assert.Equal(2, merged.Version);
        Assert.Equal(
            [new PaperVersion(1, new DateTimeOffset(2025, 7, 14, 17, 58, 47, TimeSpan.Zero)), new PaperVersion(2, new DateTimeOffset(2025, 7, 15, 6, 16, 53, TimeSpan.Zero))],
            merged.Versions);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 17, 58, 47, TimeSpan.Zero), merged.ArxivPublishedAt);
        Assert.Equal(new DateTimeOffset(2025, 7, 15, 6, 16, 53, TimeSpan.Zero), merged.Updated);
        Assert.Equal(["hf-daily", "oai-pmh", "arxiv-atom"], merged.Sources);
    }

    [Fact]
    public void Each_field_comes_from_the_source_that_should_supply_it()
    {
        var (hf, atom, oai) = Sources();

        var merged = PaperMerger.MergeOne([hf, oai, atom]);

        // Text from the newest arXiv version (Atom has v2, OAI only v1); HF's text never wins over arXiv's.
        Assert.Equal("arxiv-atom", merged.FieldSources[PaperFields.Title]);
        Assert.Equal("arxiv-atom", merged.FieldSources[PaperFields.Abstract]);
        Assert.Equal(atom.Abstract, merged.Abstract);
        Assert.Equal(atom.TitleRaw, merged.TitleRaw);
        // Facts arXiv states once: the most complete arXiv format.
        Assert.Equal("oai-pmh", merged.FieldSources[PaperFields.Published]);
        Assert.Equal("oai-pmh", merged.FieldSources[PaperFields.Categories]);
        Assert.Equal("arxiv-atom", merged.FieldSources[PaperFields.Updated]);
        // Community signals from Hugging Face.
        Assert.Equal(10, merged.Upvotes);
        Assert.Equal("hf-daily", merged.FieldSources[PaperFields.Upvotes]);
        Assert.Equal("https://github.com/opendatalab/REST", merged.GithubRepo);
        Assert.Equal("hf-daily", merged.FieldSources[PaperFields.GithubRepo]);
        Assert.Equal("hf-daily", merged.FieldSources[PaperFields.Keywords]);
        Assert.Equal(hf.ListedAt, merged.ListedAt);
        Assert.Equal("hf-daily", merged.FieldSources[PaperFields.ListedAt]);
        Assert.Equal(["cs.CL"], merged.Categories);
        Assert.Equal("arxiv-atom", merged.SourceFormat);
        // Links unioned: the repository from HF's field, the project page from HF and the abstract, once each.
        Assert.Equal(["https://github.com/opendatalab/REST"], merged.Links.Code);
        Assert.Equal(["https://opendatalab.github.io/REST/"], merged.Links.Project);
    }

    [Fact]
    public void A_bare_day_gives_way_to_a_timestamp_of_the_same_day()
    {
        var (hf, atom, _) = Sources();
        var dateOnly = atom with { SourceFormat = OaiPmhParser.Format, Version = null, ArxivPublishedAt = new DateTimeOffset(2025, 7, 14, 0, 0, 0, TimeSpan.Zero), Versions = [new PaperVersion(1, new DateTimeOffset(2025, 7, 14, 0, 0, 0, TimeSpan.Zero))] };

        var merged = PaperMerger.MergeOne([dateOnly, hf, atom]);

        Assert.Equal(new DateTimeOffset(2025, 7, 14, 17, 58, 47, TimeSpan.Zero), merged.ArxivPublishedAt);
        Assert.Equal(new DateTimeOffset(2025, 7, 14, 17, 58, 47, TimeSpan.Zero), merged.Versions[0].Date);
    }

    [Fact]
    public void Hf_text_is_used_only_when_no_arxiv_source_has_the_paper()
    {
        var (hf, _, _) = Sources();

        var merged = PaperMerger.MergeOne([hf]);

        Assert.Equal("hf-daily", merged.FieldSources[PaperFields.Title]);
        Assert.Equal(hf.Title, merged.Title);
    }

    [Fact]
    public void An_rss_replace_adds_a_version_to_the_paper()
    {
        var rss = TestFiles.Parse("arxiv_rss", "rss_excerpt.xml").Papers.Single(p => p.Id == "2202.06515");
        var v1 = rss with { Version = 1, Versions = [new PaperVersion(1, new DateTimeOffset(2022, 2, 14, 0, 0, 0, TimeSpan.Zero))], AnnounceType = "new" };

        var merged = PaperMerger.MergeOne([v1, rss]);

        Assert.Equal(3, merged.Version);
        Assert.Equal([1, 3], merged.Versions.Select(v => v.Version));
        Assert.Equal("cross", merged.AnnounceType);
    }

    [Fact]
    public void A_deleted_oai_record_marks_the_merged_paper_but_keeps_its_text()
    {
        var papers = TestFiles.Parse("oai_pmh", "ListRecordsResponse.xml").Papers.Single(p => p.Id == "0704.0874");
        var deleted = TestFiles.Parse("oai_pmh", "deleted_record_derived.xml").Papers.Single(p => p.Id == "0704.0874");

        var merged = PaperMerger.MergeOne([papers, deleted]);

        Assert.True(merged.Deleted);
        Assert.True(merged.Withdrawn);
        Assert.Equal(papers.Title, merged.Title);
    }
}
