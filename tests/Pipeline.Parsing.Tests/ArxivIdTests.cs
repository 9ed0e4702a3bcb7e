
namespace Pipeline.Parsing.Tests;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2406.12345", "2406.12345", null)]
    [InlineData("2406.12345v3", "2406.12345", 3)]
    [InlineData("0704.0001", "0704.0001", null)]
    [InlineData("arXiv:2406.12345v2", "2406.12345", 2)]
    [InlineData("https://arxiv.org/abs/2406.12345v1", "2406.12345", 1)]
    [InlineData("http://arxiv.org/pdf/2406.12345.pdf", "2406.12345", null)]
    [InlineData("10.48550/arXiv.2406.12345", "2406.12345", null)]
    [InlineData("hep-th/9901001", "hep-th/9901001", null)]
    [InlineData("hep-th/9901001v2", "hep-th/9901001", 2)]
    [InlineData("math.AG/0601001", "math.ag/0601001", null)]
    public void Splits_key_and_version(string input, string id, int? version)
    {
        Assert.True(ArxivId.TryParse(input, out var parsed, out var v));
        Assert.Equal(id, parsed);
        Assert.Equal(version, v);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("2406.123")]
    [InlineData("2406.12345 and more")]
    public void Rejects_what_is_not_an_id(string? input) => Assert.False(ArxivId.TryParse(input, out _, out _));
}

public sealed partial class TextNormalizerTests
{
    [Theory]
    [InlineData("Scaling for\n  Contrastive Loss", "Scaling for Contrastive Loss")]
    [InlineData("  two  spaces\tand tab ", "two spaces and tab")]
    [InlineData("para one.\n\npara two", "para one.\npara two")]
    [InlineData("keeps $\\mathcal{O}(n^2)$ math", "keeps $\\mathcal{O}(n^2)$ math")]
    [InlineData("nul\0char", "nulchar")]
    public void Cleans_text(string input, string expected) => Assert.Equal(expected, TextNormalizer.Clean(input));
}
