namespace Pipeline.Classification.Tests;

/// <summary>rules-8 topic changes: calibrated topic scores (<see cref="TopicScoreCalibration"/>, fitted out of fold by
/// <see cref="TopicModelTrainer"/>) and the trainer's class weighting of rare topics.</summary>
public sealed class TopicRules8Tests
{
    private const string Neutral =
        "We study a question that has received little attention so far. We describe our approach, compare it with prior work and report the results.";

    private static ClassifierInput Input(string title, string @abstract) => new() { Title = title, Abstract = @abstract };

    /// <summary>A hand-made model: optimization driven by "loss curves", with or without a calibration map.</summary>
    private static TopicModel OneTopic(TopicCalibrationJson? calibration) =>
        TopicModelTests.HandMade("optimization", -2, new() { ["loss curves"] = 40 }, calibration: calibration);

    [Fact]
    public void Isotonic_fit_pools_violators_into_monotone_knots()
    {
        var pairs = new List<(double, bool)> { (0.1, false), (0.2, true), (0.3, false), (0.4, true), (0.5, true) };

        var fitted = TopicScoreCalibration.Fit(pairs, fallback: 0.25, prior: 0);

        Assert.Equal([0.1, 0.25, 0.45], fitted.Scores!);
        Assert.Equal([0.0, 0.5, 1.0], fitted.Probabilities!);
        Assert.Equal(0.25, fitted.Fallback);
    }

    [Fact]
    public void The_map_interpolates_between_knots_and_is_flat_beyond_them()
    {
        var map = TopicScoreCalibration.From(new TopicCalibrationJson { Scores = [0.1, 0.25, 0.45], Probabilities = [0, 0.5, 1], Fallback = 0.3 })!;

        Assert.Equal(0, map.Map(0.05));
        Assert.Equal(0.5, map.Map(0.25));
        Assert.Equal(0.75, map.Map(0.35), 6);
        Assert.Equal(1, map.Map(0.9));
        Assert.Throws<InvalidDataException>(() => TopicScoreCalibration.From(new TopicCalibrationJson { Scores = [0.5, 0.4], Probabilities = [0.1, 0.2] }));
        Assert.Throws<InvalidDataException>(() => TopicScoreCalibration.From(new TopicCalibrationJson { Scores = [0.4, 0.5], Probabilities = [0.3, 0.2] }));
    }

    [Fact]
    public void Expected_calibration_error_matches_a_hand_count()
    {
        // Bin 0.8-0.9: two topics at 0.8, one right (|0.8 - 0.5| = 0.3); bin 0.2-0.3: two at 0.2, none right (0.2).
        var error = Evaluation.Calibration([(0.8, true), (0.8, false), (0.2, false), (0.2, false)]).ExpectedError;

        Assert.Equal(0.25, error, 9);
    }

    [Fact]
    public void Calibration_changes_scores_only_and_scores_the_catch_all()
    {
        var calibration = new TopicCalibrationJson { Scores = [0.5, 1], Probabilities = [0.6, 0.9], Fallback = 0.27 };
        var raw = new TopicClassifier(Taxonomy.LoadDefault(), null, OneTopic(null));
        var calibrated = new TopicClassifier(Taxonomy.LoadDefault(), null, OneTopic(calibration));
        var paper = Input("Predicting Loss Curves of Language Models", Neutral);

        Assert.Equal(raw.ClassifyTopics(paper).Select(t => t.Id), calibrated.ClassifyTopics(paper).Select(t => t.Id));
        var rawScore = Assert.Single(raw.ClassifyTopics(paper), t => t.Id == "optimization").Score;
        var calibratedScore = Assert.Single(calibrated.ClassifyTopics(paper), t => t.Id == "optimization").Score;
        Assert.Equal(TopicScoreCalibration.From(calibration)!.Map(rawScore), calibratedScore);
        Assert.InRange(calibratedScore, 0.6, 0.9);
        var catchAll = Assert.Single(calibrated.ClassifyTopics(Input("A study", Neutral)));
        Assert.Equal(("applications", 0.27), (catchAll.Id, catchAll.Score));
        Assert.Equal(0, Assert.Single(raw.ClassifyTopics(Input("A study", Neutral))).Score);
    }

    [Fact]
    public void The_embedded_model_is_calibrated_on_the_tune_split()
    {
        // In-sample check on the oldest 300 tuning papers: the calibrated scores of assigned topics match the share
        // of them that is right within 0.05 overall, and the catch-all has a score strictly between 0 and 1.
        var classifier = new TopicClassifier(Taxonomy.LoadDefault());
        var model = TopicModel.LoadDefault(Taxonomy.LoadDefault())!;
        var pairs = DevSetPapers.All
            .SelectMany(p => classifier.ClassifyTopics(p.ToInput()).Select(t => (t.Score, Right: p.Topics.Contains(t.Id, StringComparer.Ordinal))))
            .ToList();

        Assert.NotNull(model.Calibration);
        Assert.InRange(model.Calibration.Fallback, 0.01, 0.99);
        Assert.InRange(pairs.Average(p => p.Score) - pairs.Average(p => p.Right ? 1.0 : 0.0), -0.05, 0.05);
        Assert.True(Evaluation.Calibration(pairs).ExpectedError < 0.08);
    }

    [Fact]
    public void Class_weighting_is_deterministic_and_raises_a_rare_topics_probability()
    {
        // 120 tune papers with the rules' scores: a weighted fit gives positives of a rare topic more pull.
        var taxonomy = Taxonomy.LoadDefault();
        var papers = DevSetPapers.All.Take(120).ToList();
        var options = new TopicTrainingOptions { PositiveWeightPower = 0, Iterations = 30, PerTopicThresholds = false, SecondTopic = false, Calibrate = false, MinPositives = 3 };
        var plain = TopicModelJson.Read(System.Text.Encoding.UTF8.GetBytes(TopicModelTrainer.Train(taxonomy, papers, options, string.Empty)));
        var weightedText = TopicModelTrainer.Train(taxonomy, papers, options with { PositiveWeightPower = 0.5 }, string.Empty);
        var weighted = TopicModelJson.Read(System.Text.Encoding.UTF8.GetBytes(weightedText));

        Assert.Equal(weightedText, TopicModelTrainer.Train(taxonomy, papers, options with { PositiveWeightPower = 0.5 }, string.Empty));
        var rare = plain.Topics!.OrderBy(t => t.Positives).First();
        Assert.True(weighted.Topics!.Single(t => t.Id == rare.Id).Bias > rare.Bias);
    }
}
