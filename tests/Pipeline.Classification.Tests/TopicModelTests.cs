namespace Pipeline.Classification.Tests;

/// <summary>The linear topic model (<see cref="TopicModel"/>), its features and its trainer.</summary>
public sealed class TopicModelTests
{
    private const string Neutral =
        "We study a question that has received little attention so far. We describe our approach, compare it with prior work and report the results.";

    private static ClassifierInput Input(string title, string @abstract) => new() { Title = title, Abstract = @abstract };

    private static List<ulong> Hashes(string text)
    {
        var hashes = new List<ulong>();
        TopicFeatures.Enumerate(text, ref hashes, static (ref h, n) => h.Add(n.Hash));
        return hashes;
    }

    /// <summary>A hand-made model for the default taxonomy: one topic, one decisive bigram, optionally a score
    /// calibration map.</summary>
    internal static TopicModel HandMade(string topic, double bias, Dictionary<string, double> ngrams, bool keepRules = false, TopicCalibrationJson? calibration = null)
    {
        var taxonomy = Taxonomy.LoadDefault();
        var file = new TopicModelFile
        {
            TaxonomyHash = taxonomy.Hash,
            Features = new TopicFeatureSpec(),
            Blend = 1,
            KeepRules = keepRules,
            Calibration = calibration,
            Topics = [new TopicWeightsJson { Id = topic, Bias = bias, Threshold = 0.5, Rules = [], Ngrams = ngrams }],
        };
        return TopicModel.ForTaxonomy(file, taxonomy)!;
    }

    [Fact]
    public void Ngram_hashes_of_a_text_and_of_the_weights_file_agree()
    {
        // Title of 2409.12961-style papers: words joined by hyphens or spaces form bigrams; a comma breaks them.
        var hashes = Hashes("Vision-Language Models, RAG and long contexts");

        Assert.Contains(TopicFeatures.HashNgramText("vision language")!.Value, hashes);
        Assert.Contains(TopicFeatures.HashNgramText("language models")!.Value, hashes);
        Assert.Contains(TopicFeatures.HashNgramText("rag")!.Value, hashes);
        Assert.DoesNotContain(TopicFeatures.HashNgramText("models rag")!.Value, hashes);
        Assert.NotEqual(TopicFeatures.HashNgramText("language models"), TopicFeatures.HashNgramText("models language"));
        Assert.Null(TopicFeatures.HashNgramText("three word phrase"));
    }

    [Fact]
    public void The_embedded_model_was_trained_with_the_default_taxonomy()
    {
        // Fails when taxonomy.json changes without re-running `pipeline train-topics` (the model would be ignored).
        var taxonomy = Taxonomy.LoadDefault();
        var model = TopicModel.LoadDefault(taxonomy);

        Assert.NotNull(model);
        Assert.Contains($"+lr-{model.Hash}", new TopicClassifier(taxonomy).Version, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weights_file_classifies_as_the_embedded_model_does_and_one_of_another_taxonomy_is_refused()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var path = Path.Combine(Path.GetTempPath(), $"topic-model-{Guid.NewGuid():N}.json");
        try
        {
            using (var resource = typeof(TopicClassifier).Assembly.GetManifestResourceStream("Pipeline.Classification.topic-model.json")!)
            using (var file = File.Create(path))
            {
                resource.CopyTo(file);
            }

            var embedded = new TopicClassifier(taxonomy);
            var fromFile = TopicClassifier.WithModelFile(taxonomy, path);
            Assert.Equal(embedded.Version, fromFile.Version);
            Assert.All(DevSetPapers.All.Take(40), p => Assert.Equal(
                embedded.ClassifyTopics(p.ToInput()).Select(t => (t.Id, t.Score)),
                fromFile.ClassifyTopics(p.ToInput()).Select(t => (t.Id, t.Score))));

            // The file is what is used: the same weights written differently are another file, another version.
            File.AppendAllText(path, "\n");
            Assert.NotEqual(embedded.Version, TopicClassifier.WithModelFile(taxonomy, path).Version);

            var changed = Taxonomy.FromTopics(taxonomy.Topics.Where(t => t.Id != "legal"));
            Assert.Throws<InvalidDataException>(() => TopicClassifier.WithModelFile(changed, path));
            File.WriteAllText(path, "{ not json");
            Assert.Throws<InvalidDataException>(() => TopicClassifier.WithModelFile(taxonomy, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Another_taxonomy_falls_back_to_the_rules_alone()
    {
        var original = Taxonomy.LoadDefault();
        var changed = Taxonomy.FromTopics(original.Topics.Select(t => t.Id == "peft"
            ? t with { Keywords = [.. t.Keywords, new TopicKeyword("adapter tuning", 0.8)] }
            : t));
        var classifier = new TopicClassifier(changed);
        var rulesOnly = new TopicClassifier(changed, null, null);

        Assert.Null(TopicModel.LoadDefault(changed));
        Assert.DoesNotContain("+lr-", classifier.Version, StringComparison.Ordinal);
        Assert.All(DevSetPapers.All.Take(40), p => Assert.Equal(
            rulesOnly.ClassifyTopics(p.ToInput()).Select(t => (t.Id, t.Score)),
            classifier.ClassifyTopics(p.ToInput()).Select(t => (t.Id, t.Score))));
    }

    [Fact]
    public void Rare_topics_have_no_weights_and_keep_their_rules()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var model = TopicModel.LoadDefault(taxonomy)!;
        var legal = taxonomy.Topics.Select(t => t.Id).ToList().IndexOf("legal");

        Assert.False(model.Covers(legal));
        Assert.True(model.Covers(taxonomy.Topics.Select(t => t.Id).ToList().IndexOf("multimodal")));

        // SaulLM-54B & SaulLM-141B: domain adaptation for the legal domain (2 legal papers in the whole dev set).
        var topics = new TopicClassifier(taxonomy).ClassifyTopics(DevSetPapers.Get("2407.19584").ToInput());
        Assert.Contains(topics, t => t.Id == "legal" && t.Evidence.Count > 0);
    }

    [Fact]
    public void Every_assigned_topic_has_evidence_at_its_offset_and_a_score_in_0_1()
    {
        var classifier = new TopicClassifier(Taxonomy.LoadDefault());
        foreach (var paper in DevSetPapers.All.Concat(DevSetPapers.All2))
        {
            var input = paper.ToInput();
            foreach (var topic in classifier.ClassifyTopics(input))
            {
                Assert.InRange(topic.Score, 0, 1);
                if (topic.Evidence.Count == 0) // rules-8: the catch-all has a calibrated score, no evidence
                {
                    Assert.Equal("applications", topic.Id); // the catch-all
                    continue;
                }

                Assert.NotEmpty(topic.Evidence);
                foreach (var evidence in topic.Evidence)
                {
                    var text = ClassifierFields.GetText(input, evidence.Field);
                    Assert.Equal(evidence.Phrase, text.Substring(evidence.Offset, evidence.Phrase.Length));
                }
            }
        }
    }

    [Fact]
    public void A_topic_driven_by_the_model_alone_shows_its_strongest_ngrams_as_evidence()
    {
        var model = HandMade("optimization", -2, new() { ["loss curves"] = 40, ["curves"] = 1, ["approach"] = -1 });
        var classifier = new TopicClassifier(Taxonomy.LoadDefault(), null, model);

        var topics = classifier.ClassifyTopics(Input("Predicting Loss Curves of Small Models", Neutral));

        var topic = Assert.Single(topics, t => t.Id == "optimization");
        Assert.True(topic.Score > 0.9, $"score {topic.Score}");
        Assert.Equal(new Evidence("Loss Curves", ClassifierFields.Title, 11), topic.Evidence[0]);
        Assert.Equal(new Evidence("Curves", ClassifierFields.Title, 16), topic.Evidence[1]);
        Assert.Equal(2, topic.Evidence.Count); // "approach" pushes down: never evidence
    }

    [Fact]
    public void With_keep_rules_the_model_cannot_take_away_a_rule_topic()
    {
        // LoLDU: Low-Rank Adaptation ... for Parameter-Efficient Fine-Tuning: its rules assign peft.
        var input = DevSetPapers.Get("2410.13618").ToInput();
        var veto = new TopicClassifier(Taxonomy.LoadDefault(), null, HandMade("peft", -20, []));
        var keep = new TopicClassifier(Taxonomy.LoadDefault(), null, HandMade("peft", -20, [], keepRules: true));

        Assert.DoesNotContain(veto.ClassifyTopics(input), t => t.Id == "peft");
        Assert.Contains(keep.ClassifyTopics(input), t => t.Id == "peft" && t.Evidence.Count > 0);
    }

    [Fact]
    public void Training_is_deterministic_and_gives_a_loadable_file()
    {
        var taxonomy = Taxonomy.LoadDefault();
        var papers = DevSet.Select(DevSetPapers.All, DevSet.Train).Take(90).ToList();
        var options = new TopicTrainingOptions { Iterations = 40, PerTopicThresholds = false, MinPositives = 5 };

        var first = TopicModelTrainer.Train(taxonomy, papers, options, "test");
        var second = TopicModelTrainer.Train(taxonomy, papers, options, "test");

        Assert.Equal(first, second);
        var model = TopicModel.ForTaxonomy(TopicModelJson.Read(System.Text.Encoding.UTF8.GetBytes(first)), taxonomy);
        Assert.NotNull(model);
        Assert.True(model.Covers(taxonomy.Topics.Select(t => t.Id).ToList().IndexOf("multimodal")));
        Assert.False(model.Covers(taxonomy.Topics.Select(t => t.Id).ToList().IndexOf("legal")));
    }
}
