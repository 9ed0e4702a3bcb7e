using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Classification;
using Pipeline.Embed.Lane;

namespace Pipeline.Embed.Tests;

/// <summary>
/// How good "related papers" are, judged by people: over every hand-labelled paper of the dev set
/// (Pipeline.Classification.Tests/TestData/devset*.jsonl), the share of each paper's 5 nearest papers (MiniLM, as the
/// Embed lane ranks them) that share at least one labelled topic with it, against the share expected by chance and a
/// plain bag-of-words ranking. The model is not trained on these labels, so every paper counts.
/// </summary>
public sealed class RelatedPapersQualityTests
{
    private const int K = 5;

    [Fact]
    public void The_five_nearest_papers_share_a_labelled_topic_far_more_often_than_chance_and_than_bag_of_words()
    {
        var ct = TestContext.Current.CancellationToken;
        var papers = DevSet.LoadWithSecond(Path.Combine(AppContext.BaseDirectory, "DevSet", DevSet.FileName));
        Assert.True(papers.Count >= 700, $"{papers.Count} labelled papers"); // every dev-set file, 900 papers as of devset4
        var topics = papers.Select(p => p.Topics.ToHashSet(StringComparer.Ordinal)).ToList();

        using var encoder = new MiniLmTextEncoder(Options.Create(new EmbedOptions()), NullLogger<MiniLmTextEncoder>.Instance);
        var vectors = encoder.Encode([.. papers.Select(p => EmbedText.Compose(p.Title, p.Abstract))], ct);
        var miniLm = SharedTopicAtK(topics, (i, j) => Similarity.Cosine(vectors[i], vectors[j]));
        var words = WordVectors(papers.Select(p => EmbedText.Compose(p.Title, p.Abstract)).ToList());
        var bagOfWords = SharedTopicAtK(topics, (i, j) => Cosine(words[i], words[j]));
        var chance = ChanceOfSharedTopic(topics);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"share of the {K} nearest papers with a labelled topic in common ({papers.Count} dev-set papers): MiniLM {miniLm:F3}, bag of words (tf-idf) {bagOfWords:F3}, chance {chance:F3}");
        Assert.True(miniLm >= chance + 0.15, $"MiniLM {miniLm:F3} vs chance {chance:F3}");
        Assert.True(miniLm > bagOfWords, $"MiniLM {miniLm:F3} vs bag of words {bagOfWords:F3}");
    }

    /// <summary>Mean over papers of the share of its <see cref="K"/> most similar other papers sharing a topic with it.</summary>
    private static double SharedTopicAtK(List<HashSet<string>> topics, Func<int, int, double> similarity)
    {
        double sum = 0;
        for (var i = 0; i < topics.Count; i++)
        {
            var nearest = Enumerable.Range(0, topics.Count).Where(j => j != i)
                .OrderByDescending(j => similarity(i, j)).ThenBy(j => j).Take(K);
            sum += nearest.Count(j => topics[i].Overlaps(topics[j])) / (double)K;
        }

        return sum / topics.Count;
    }

    /// <summary>The share of other papers sharing a topic with a paper, averaged over papers: what random picks get.</summary>
    private static double ChanceOfSharedTopic(List<HashSet<string>> topics) =>
        Enumerable.Range(0, topics.Count)
            .Average(i => Enumerable.Range(0, topics.Count).Count(j => j != i && topics[i].Overlaps(topics[j])) / (double)(topics.Count - 1));

    /// <summary>tf-idf vectors of lowercased words of 3+ letters, scaled to unit length (so cosine is the dot product).</summary>
    private static List<Dictionary<string, double>> WordVectors(List<string> texts)
    {
        var tokenized = texts.Select(t => System.Text.RegularExpressions.Regex.Matches(t.ToLowerInvariant(), "[a-z][a-z0-9-]{2,}")
            .Select(m => m.Value).ToList()).ToList();
        var df = tokenized.SelectMany(t => t.Distinct()).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. tokenized.Select(t =>
        {
            var weights = t.GroupBy(w => w, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count() * Math.Log((double)texts.Count / df[g.Key]), StringComparer.Ordinal);
            var norm = Math.Sqrt(weights.Values.Sum(v => v * v));
            return norm == 0 ? weights : weights.ToDictionary(w => w.Key, w => w.Value / norm, StringComparer.Ordinal);
        })];
    }

    /// <summary>Cosine of two unit-length <see cref="WordVectors"/> (0 when either has no words).</summary>
    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        double dot = 0;
        foreach (var (word, weight) in a)
        {
            if (b.TryGetValue(word, out var other))
            {
                dot += weight * other;
            }
        }

        return dot;
    }
}
