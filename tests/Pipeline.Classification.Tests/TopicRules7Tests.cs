namespace Pipeline.Classification.Tests;

/// <summary>rules-7 topic changes: the model's second-topic rule (<see cref="TopicModel.SecondTopicRatio"/>).</summary>
public sealed class TopicRules7Tests
{
    private const string Neutral =
        "We study a question that has received little attention so far. We describe our approach, compare it with prior work and report the results.";

    private static ClassifierInput Input(string title, string @abstract) => new() { Title = title, Abstract = @abstract };

    /// <summary>A hand-made model: optimization driven by "loss curves" (passes easily), pretraining just below its
    /// threshold of 0.5 (probability ≈ 0.37 from its bias, with "small models" as its only positive n-gram).</summary>
    private static TopicModelFile TwoTopics(double secondTopicRatio)
    {
        var taxonomy = Taxonomy.LoadDefault();
        return new TopicModelFile
        {
            TaxonomyHash = taxonomy.Hash,
            Features = new TopicFeatureSpec(),
            Blend = 1,
            SecondTopicRatio = secondTopicRatio,
            Topics =
            [
                new TopicWeightsJson { Id = "optimization", Bias = -2, Threshold = 0.5, Rules = [], Ngrams = new() { ["loss curves"] = 40 } },
                new TopicWeightsJson { Id = "pretraining", Bias = -0.6, Threshold = 0.5, Rules = [], Ngrams = new() { ["small models"] = 0.2 } },
            ],
        };
    }

    private static IReadOnlyList<TopicScore> Classify(double secondTopicRatio, string title) =>
        new TopicClassifier(Taxonomy.LoadDefault(), null, TopicModel.ForTaxonomy(TwoTopics(secondTopicRatio), Taxonomy.LoadDefault()))
            .ClassifyTopics(Input(title, Neutral));

    [Fact]
    public void Off_by_default_only_the_passing_topic_is_assigned()
    {
        var topics = Classify(0, "Predicting Loss Curves of Small Models");

        Assert.Equal(["optimization"], topics.Select(t => t.Id));
    }

    [Fact]
    public void A_close_second_topic_joins_a_single_passing_topic_with_its_evidence()
    {
        var topics = Classify(0.6, "Predicting Loss Curves of Small Models");

        Assert.Equal(["optimization", "pretraining"], topics.Select(t => t.Id));
        var second = topics[1];
        Assert.True(second.Score < 0.5, $"score {second.Score}");
        Assert.Equal(new Evidence("Small Models", ClassifierFields.Title, 26), Assert.Single(second.Evidence));
    }

    [Fact]
    public void A_second_topic_too_far_below_its_threshold_is_not_assigned()
    {
        Assert.Equal(["optimization"], Classify(0.9, "Predicting Loss Curves of Small Models").Select(t => t.Id));
    }

    [Fact]
    public void A_second_topic_without_evidence_is_not_assigned()
    {
        // No "small models" in the text: pretraining's probability comes from its bias alone, which is no evidence.
        Assert.Equal(["optimization"], Classify(0.6, "Predicting Loss Curves of Language Models").Select(t => t.Id));
    }

    [Fact]
    public void A_ratio_outside_0_1_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => TopicModel.ForTaxonomy(TwoTopics(1.5), Taxonomy.LoadDefault()));
    }

    [Fact]
    public void The_ratio_survives_the_weights_file()
    {
        var json = TopicModelJson.Write(TwoTopics(0.75));

        Assert.Equal(0.75, TopicModelJson.Read(System.Text.Encoding.UTF8.GetBytes(json)).SecondTopicRatio);
        Assert.Equal(0.75, TopicModel.ForTaxonomy(TwoTopics(0.75), Taxonomy.LoadDefault())!.SecondTopicRatio);
    }
}
