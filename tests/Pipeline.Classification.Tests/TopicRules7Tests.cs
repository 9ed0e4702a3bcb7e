namespace Pipeline.Classification.Tests;

/// <summary>rules-7 topic changes: the model's second-topic rule (<see cref="TopicModel.SecondTopicRatio"/>), the
/// title-question cue (<see cref="TopicFeatures.TitleQuestion"/>) and the new alignment / instruction-tuning keywords
/// (on real titles and abstract snippets of the tune split).</summary>
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

    /// <summary>The rule evidence phrases of <paramref name="topic"/> (rules alone, no model).</summary>
    private static List<string> RulePhrases(string topic, string title, string @abstract = Neutral)
    {
        var taxonomy = Taxonomy.LoadDefault();
        var rules = new TopicClassifier(taxonomy, null, null).ScoreRules(TopicClassifier.FieldTexts(Input(title, @abstract)));
        var index = taxonomy.Topics.Select(t => t.Id).ToList().IndexOf(topic);
        return [.. (rules.Evidence[index] ?? []).Select(e => e.Phrase)];
    }

    [Theory]
    [InlineData("BOND: Aligning LLMs with Best-of-N Distillation", "Aligning LLMs")]
    [InlineData("Response Tuning: Aligning Large Language Models without Instruction", "Aligning Large Language Models")]
    [InlineData("Margin-aware Preference Optimization for Aligning Diffusion Models without Reference", "Aligning Diffusion Models")]
    [InlineData("SRUM: Fine-Grained Self-Rewarding for Unified Multimodal Models", "Self-Rewarding")]
    [InlineData("USO: Unified Style and Subject-Driven Generation via Disentangled and Reward Learning", "Reward Learning")]
    public void Aligning_language_models_and_reward_learning_are_alignment_phrases(string title, string phrase)
    {
        Assert.Contains(phrase, RulePhrases("alignment", title));
    }

    [Fact]
    public void Aligning_models_of_another_kind_is_not_an_alignment_phrase()
    {
        // ShareGPT-4o-Image (2506.18095) is distillation from GPT-4o, not preference alignment.
        Assert.Empty(RulePhrases("alignment", "ShareGPT-4o-Image: Aligning Multimodal Models with GPT-4o-Level Image Generation"));
    }

    [Theory]
    [InlineData("MegaScience: Pushing the Frontiers of Post-Training Datasets for Science Reasoning", Neutral, "Post-Training Datasets")]
    [InlineData("OpenGPT-4o-Image", "Leveraging GPT-4o, we generate 80k high-quality instruction-image pairs with controlled diversity.", "instruction-image pairs")]
    [InlineData("OpenGPT-4o-Image", "Extensive experiments show that fine-tuning leading models on our dataset achieves significant gains.", "fine-tuning leading models on our dataset")]
    [InlineData("Distill Visual Chart Reasoning Ability from LLMs to MLLMs", "Experiments show that when fine-tuned with our data, models not only perform well on chart-related tasks.", "fine-tuned with our data")]
    public void Post_training_data_and_training_on_the_papers_own_data_are_instruction_tuning_phrases(string title, string @abstract, string phrase)
    {
        Assert.Contains(phrase, RulePhrases("instruction-tuning", title, @abstract));
    }

    [Fact]
    public void A_title_that_asks_a_question_carries_the_question_cue()
    {
        Assert.Equal((0, 34), TopicFeatures.QuestionSpan("How Do LLMs Acquire New Knowledge? A Knowledge Circuits Perspective"));
        Assert.Null(TopicFeatures.QuestionSpan("Vision language models are blind"));
        Assert.Equal(TopicFeatures.TitleQuestionHash, TopicFeatures.HashNgramText(TopicFeatures.TitleQuestion));
    }

    [Fact]
    public void The_question_cue_is_a_model_feature_with_the_question_as_evidence()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var file = new TopicModelFile
        {
            TaxonomyHash = taxonomy.Hash,
            Features = new TopicFeatureSpec(),
            Blend = 1,
            Topics = [new TopicWeightsJson { Id = "evaluation", Bias = -3, Threshold = 0.5, Rules = [], Ngrams = new() { [TopicFeatures.TitleQuestion] = 30 } }],
        };
        var classifier = new TopicClassifier(taxonomy, null, TopicModel.ForTaxonomy(file, taxonomy));

        // An abstract without evaluation phrases ("study" is one), so the model's evidence shows.
        const string plain = "We describe our approach and report the results.";
        var asks = classifier.ClassifyTopics(Input("Can Agent Conquer Web? Exploring the Frontiers of ChatGPT Atlas Agent in Web Games", plain));
        var states = classifier.ClassifyTopics(Input("Exploring the Frontiers of ChatGPT Atlas Agent in Web Games", plain));

        var evaluation = Assert.Single(asks, t => t.Id == "evaluation");
        Assert.Equal(new Evidence("Can Agent Conquer Web?", ClassifierFields.Title, 0), evaluation.Evidence[0]);
        Assert.DoesNotContain(states, t => t.Id == "evaluation" && t.Score >= 0.5);
    }
}
