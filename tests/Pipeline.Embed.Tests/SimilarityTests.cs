using Pipeline.Embed.Lane;

namespace Pipeline.Embed.Tests;

/// <summary>Cosine and top-k: the pure logic of the fallback search.</summary>
public sealed class SimilarityTests
{
    [Fact]
    public void Cosine_is_one_for_the_same_direction_zero_for_orthogonal_and_minus_one_for_opposite()
    {
        float[] a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        var scaled = a.Select(x => x * 3.5f).ToArray();
        var opposite = a.Select(x => -x).ToArray();
        Assert.Equal(1, Similarity.Cosine(a, scaled), 6);
        Assert.Equal(-1, Similarity.Cosine(a, opposite), 6);
        Assert.Equal(0, Similarity.Cosine([1, 0, 0], [0, 1, 0]), 6);
        Assert.Equal(0, Similarity.Cosine([0, 0, 0], [0, 1, 0]), 6);
    }

    [Fact]
    public void Cosine_matches_the_textbook_formula_on_long_vectors()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var expected = a.Zip(b, (x, y) => (double)x * y).Sum()
            / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));
        Assert.Equal(expected, Similarity.Cosine(a, b), 5);
    }

    [Fact]
    public void Cosine_rejects_vectors_of_different_lengths() =>
        Assert.Throws<ArgumentException>(() => Similarity.Cosine([1, 2], [1, 2, 3]));

    [Fact]
    public void TopK_returns_the_k_best_best_first_without_the_excluded_paper_or_those_not_above_the_minimum()
    {
        (string, float[])[] candidates =
        [
            ("self", [1, 0]),
            ("close", [0.9f, 0.1f]),
            ("closer", [0.99f, 0.01f]),
            ("far", [0.1f, 0.9f]),
            ("opposite", [-1, 0]),
            ("orthogonal", [0, 1]),
        ];

        var top = Similarity.TopK([1, 0], candidates, k: 3, minSimilarity: 0, excludeId: "self");

        Assert.Equal(["closer", "close", "far"], top.Select(n => n.PaperId));
        Assert.True(top[0].Similarity >= top[1].Similarity && top[1].Similarity >= top[2].Similarity);
        Assert.All(top, n => Assert.InRange(n.Similarity, double.Epsilon, 1));

        var strict = Similarity.TopK([1, 0], candidates, k: 10, minSimilarity: 0.5, excludeId: "self");
        Assert.Equal(["closer", "close"], strict.Select(n => n.PaperId));
    }

    [Fact]
    public void TopK_breaks_ties_by_paper_id_ordinal()
    {
        (string, float[])[] candidates = [("b", [1, 0]), ("a", [1, 0]), ("B", [1, 0])];
        var top = Similarity.TopK([1, 0], candidates, k: 2, minSimilarity: 0);
        Assert.Equal(["B", "a"], top.Select(n => n.PaperId));
    }

    [Fact]
    public void Streaming_top_k_equals_sorting_everything()
    {
        var random = new Random(42);
        var vectors = Enumerable.Range(0, 500)
            .Select(i => ($"p{i:D3}", Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.3f).ToArray()))
            .ToList();
        var query = vectors[0].Item2;

        var top = Similarity.TopK(query, vectors, k: 10, minSimilarity: 0, excludeId: "p000");

        var expected = vectors
            .Where(v => v.Item1 != "p000")
            .Select(v => new Neighbour(v.Item1, Similarity.Cosine(query, v.Item2)))
            .Where(n => n.Similarity > 0)
            .Order(Similarity.BestFirst)
            .Take(10)
            .ToList();
        Assert.Equal(expected, top);
    }

    [Fact]
    public void Embedded_text_is_title_and_abstract_and_its_hash_changes_with_either()
    {
        Assert.Equal("A title\nAn abstract.", EmbedText.Compose(" A title ", "An abstract.\n"));
        Assert.Equal("Only a title", EmbedText.Compose("Only a title", "  "));
        Assert.Equal("ab", EmbedText.Compose("a\0b", null));
        var hash = EmbedText.Hash(EmbedText.Compose("T", "A"));
        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, EmbedText.Hash(EmbedText.Compose("T", "A")));
        Assert.NotEqual(hash, EmbedText.Hash(EmbedText.Compose("T", "B")));
        Assert.NotEqual(hash, EmbedText.Hash(EmbedText.Compose("U", "A")));
    }
}
