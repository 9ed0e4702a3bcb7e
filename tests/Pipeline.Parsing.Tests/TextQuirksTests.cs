namespace Pipeline.Parsing.Tests;

public sealed partial class TextNormalizerTests
{
    [Theory]
    [InlineData(@"C. Bal\'azs", "C. Balázs")]
    [InlineData(@"G{\""o}tz", "Götz")]
    [InlineData(@"Schr\""{o}dinger", "Schrödinger")]
    [InlineData(@"Fran\c{c}ois", "François")]
    [InlineData(@"Ga\v{s}per", "Gašper")]
    [InlineData(@"Maru\v sič", "Marušič")]
    [InlineData(@"Espa\~na", "España")]
    [InlineData(@"Gro{\ss}", "Groß")]
    [InlineData(@"Erd\H{o}s", "Erdős")]
    [InlineData(@"Bj{\o}rn", "Bjørn")]
    [InlineData(@"{\L}ukasz", "Łukasz")]
    [InlineData(@"Nu\~{n}ez", "Nuñez")]
    [InlineData(@"Pe\~na \& Co", @"Peña \& Co")]
    [InlineData(@"\'{\i}ndice", "índice")]
    public void Decodes_tex_accents(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData(@"the $\c{c}$ and $\""{o}$ stay", @"the $\c{c}$ and $\""{o}$ stay")]
    [InlineData(@"rate $\tilde{O}(\varepsilon^{-2})$ for Schr\""odinger", @"rate $\tilde{O}(\varepsilon^{-2})$ for Schrödinger")]
    [InlineData(@"$$\vec v \cdot \lambda$$ and \(\v{s}\)", @"$$\vec v \cdot \lambda$$ and \(\v{s}\)")]
    [InlineData(@"\begin{equation}\""a\end{equation} \""a", @"\begin{equation}\""a\end{equation} ä")]
    [InlineData(@"line endings \r and \n", @"line endings \r and \n")]
    public void Leaves_math_and_other_commands_verbatim(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("Dirk WÃ¼bben", "Dirk Wübben")]
    [InlineData("C. LÃ¤mmerzahl", "C. Lämmerzahl")]
    [InlineData("Kroi\u00C3\u009F", "Kroiß")]
    [InlineData("\\tilde \u00CE\u0098", "\\tilde Θ")]
    [InlineData("it\u00E2\u20AC\u2122s", "it’s")]
    [InlineData("São Paulo", "São Paulo")]
    [InlineData("Müller, née Dupré", "Müller, née Dupré")]
    [InlineData("naïve Ångström", "naïve Ångström")]
    public void Repairs_utf8_read_as_latin1_only_when_it_round_trips(string input, string expected) => Assert.Equal(expected, TextNormalizer.RepairMojibake(input));

    [Theory]
    [InlineData("<p>First <b>bold</b> para.</p><p>Second&nbsp;one &amp; more</p>", "First bold para.\nSecond one & more")]
    [InlineData("see <a href=\"https://x.org\">the site</a><br/>now", "see the site now")]
    [InlineData("<script>alert(1)</script>text <!-- c --> here", "text here")]
    [InlineData("math $a<b$ and $c>d$ stays", "math $a<b$ and $c>d$ stays")]
    [InlineData("where $\\frac{1}{3}<s<1$ holds", "where $\\frac{1}{3}<s<1$ holds")]
    [InlineData("x &lt; y &#233;t&eacute;", "x < y été")]
    public void Strips_html_and_decodes_entities(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input, html: true));

    [Fact]
    public void Keeps_latex_verbatim_in_the_plain_form_and_the_raw_form_untouched()
    {
        const string raw = "Core excitation in the elastic scattering and breakup of $^{11}$Be on\n  protons";

        Assert.Equal("Core excitation in the elastic scattering and breakup of $^{11}$Be on protons", TextNormalizer.Normalize(raw));
    }
}

public sealed class AuthorNamesTests
{
    [Theory]
    [InlineData("Jun Wang, Zhaoyang Yin", new[] { "Jun Wang", "Zhaoyang Yin" })]
    [InlineData("Ileana Streinu and Louis Theran", new[] { "Ileana Streinu", "Louis Theran" })]
    [InlineData("D.V. Shetty, S.J. Yennello, and G.A. Souliotis", new[] { "D.V. Shetty", "S.J. Yennello", "G.A. Souliotis" })]
    [InlineData("Carl Lagoze, Herbert Van de Sompel,\n                    Robert Sanderson", new[] { "Carl Lagoze", "Herbert Van de Sompel", "Robert Sanderson" })]
    [InlineData("V. M. Biryukov (Serpukhov, IHEP)", new[] { "V. M. Biryukov" })]
    [InlineData("Arthur Jaffe (1) and Gordon Ritter (1) ((1) Harvard University)", new[] { "Arthur Jaffe", "Gordon Ritter" })]
    [InlineData(@"C. Bal\'azs, E. L. Berger", new[] { "C. Balázs", "E. L. Berger" })]
    [InlineData("John Smith, Jr., Ann Lee", new[] { "John Smith Jr.", "Ann Lee" })]
    [InlineData("A. Author, B. Author, et al.", new[] { "A. Author", "B. Author" })]
    [InlineData("Dirk WÃ¼bben and Ann Lee", new[] { "Dirk Wübben", "Ann Lee" })]
    public void Splits_one_author_string(string input, string[] expected) => Assert.Equal(expected, AuthorNames.Split(input));

    [Theory]
    [InlineData("Evans", "Neal J.", "II", "Neal J. Evans II")]
    [InlineData("Planck Collaboration", null, null, "Planck Collaboration")]
    [InlineData(@"Bal\'azs", "C.", "", "C. Balázs")]
    [InlineData(":", null, null, "")]
    public void Joins_keyname_forenames_and_suffix(string keyname, string? forenames, string? suffix, string expected) =>
        Assert.Equal(expected, AuthorNames.FromParts(keyname, forenames, suffix));

    [Fact]
    public void Turns_inverted_dublin_core_names_around() => Assert.Equal("Carl Lagoze", AuthorNames.FromInverted("Lagoze, Carl"));
}

public sealed class ClassificationsTests
{
    [Theory]
    [InlineData("cs.CL", true)]
    [InlineData("cond-mat.str-el", true)]
    [InlineData("astro-ph", true)]
    [InlineData("physics.flu-dyn", true)]
    [InlineData("q-bio.NC", true)]
    [InlineData("chao-dyn", true)]
    [InlineData("14C20, 14M99", false)]
    [InlineData("C.2.3", false)]
    [InlineData("Machine Learning", false)]
    [InlineData("research", false)]
    public void Recognises_arxiv_categories(string term, bool expected) => Assert.Equal(expected, Classifications.IsArxivCategory(term));

    [Fact]
    public void Sorts_primary_first_and_keeps_msc_and_acm_codes_apart()
    {
        var (categories, others) = Classifications.Sort("math.CO", ["math.CO", "05E99 (Primary), 05E05, 20B30 (Secondary)", "cs.DM", "F.2.2; G.2.1", "math.CO"]);

        Assert.Equal(["math.CO", "cs.DM"], categories);
        Assert.Equal(["05E99", "05E05", "20B30", "F.2.2", "G.2.1"], others);
    }
}

public sealed class LinksTests
{
    [Fact]
    public void Trims_trailing_punctuation_and_removes_duplicates()
    {
        var links = Links.Find(
            "https://github.com/opendatalab/REST",
            "Code: https://github.com/opendatalab/REST. Models at https://huggingface.co/org/model-7B), data at (https://huggingface.co/datasets/org/data-v1); demo: https://huggingface.co/spaces/org/demo!",
            "See https://www.GitHub.com/opendatalab/rest.git, and www.example.org/project/page. Also https://arxiv.org/abs/2507.10541 and https://doi.org/10.1000/xyz.");

        Assert.Equal(["https://github.com/opendatalab/REST"], links.Code);
        Assert.Equal(["https://huggingface.co/org/model-7B", "https://huggingface.co/datasets/org/data-v1", "https://huggingface.co/spaces/org/demo"], links.HuggingFace);
        Assert.Equal(["https://example.org/project/page"], links.Project);
    }

    [Fact]
    public void Reads_latex_urls_and_ignores_site_pages()
    {
        var links = Links.Find(@"Code at \url{https://github.com/ab-lab/c\_d}. See https://github.com/topics/llm and https://huggingface.co/papers/2507.10541 and https://huggingface.co/blog/post");

        Assert.Equal(["https://github.com/ab-lab/c_d"], links.Code);
        Assert.Empty(links.HuggingFace);
        Assert.Empty(links.Project);
    }

    [Fact]
    public void Finds_dois_in_a_mixed_list_and_drops_the_arxiv_doi()
    {
        Assert.Equal(
            ["10.1103/PhysRevD.93.016005", "10.1103/PhysRevD.98.079901", "10.1103/PhysRevD.98.079903"],
            Dois.Find("10.1103/PhysRevD.93.016005, 10.1103/PhysRevD.98.079901;10.1103/PhysRevD.98.079903", "https://doi.org/10.48550/arXiv.2411.17758", "doi:10.1103/physrevd.93.016005."));
    }
}
