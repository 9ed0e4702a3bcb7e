namespace Pipeline.Classification.Tests;

public sealed class EvaluationTests
{
    private static DevSetPaper Gold(string id, string[] topics, DevSetModel[]? models = null, DevSetScore[]? scores = null, string[]? benchmarks = null) => new()
    {
        Id = id,
        Split = DevSet.Heldout,
        Title = "t",
        Abstract = "a",
        Topics = topics,
        BaseModels = models ?? [],
        Scores = scores ?? [],
        Benchmarks = [.. (benchmarks ?? []).Select(b => new DevSetBenchmark(b, b))],
    };

    private static Enrichment Predicted(string[] topics, ModelMention[]? models = null, ReportedScore[]? scores = null, string[]? benchmarks = null) => new()
    {
        Version = "v",
        Topics = [.. topics.Select(t => new TopicScore(t, 0.9, []))],
        CodeUrls = [],
        HuggingFaceUrls = [],
        BaseModels = models ?? [],
        Scores = scores ?? [],
        Benchmarks = [.. (benchmarks ?? []).Select(b => new BenchmarkMention(b, b))],
    };

    [Fact]
    public void Computes_micro_and_macro_figures_on_a_hand_example()
    {
        // Paper 1: gold {a, b}, predicted {a, c}. Paper 2: gold {b}, predicted {b}.
        // a: tp1 → P1 R1 F1 1. b: tp1 fn1 → P1 R.5 F1 2/3. c: fp1 → 0 0 0.
        // micro: tp2 fp1 fn1 → P 2/3, R 2/3, F1 2/3. macro F1 = (1 + 2/3 + 0) / 3 = 5/9.
        var report = Evaluation.Evaluate(
        [
            (Gold("1", ["a", "b"]), Predicted(["a", "c"])),
            (Gold("2", ["b"]), Predicted(["b"])),
        ]);

        Assert.Equal(2, report.Papers);
        Assert.Equal(new Prf(2, 1, 1), report.TopicsMicro);
        Assert.Equal(2.0 / 3, report.TopicsMicro.F1, 9);
        Assert.Equal(new Prf(1, 0, 1), report.Topics["b"]);
        Assert.Equal(2.0 / 3, report.Topics["b"].F1, 9);
        Assert.Equal(5.0 / 9, report.TopicsMacro.F1, 9);
        Assert.Equal((1 + 1 + 0) / 3.0, report.TopicsMacro.Precision, 9);
    }

    [Fact]
    public void Undefined_ratios_are_zero() => Assert.Equal((0.0, 0.0, 0.0), (new Prf(0, 0, 0).Precision, new Prf(0, 0, 0).Recall, new Prf(0, 0, 0).F1));

    [Fact]
    public void A_score_matches_on_benchmark_key_and_value_within_0_05()
    {
        var prf = Evaluation.CompareScores(
            [new DevSetScore("GSM8K", 91, "%"), new DevSetScore("MT-Bench", 8.2, null), new DevSetScore("MMLU", 70, null)],
            [new ReportedScore("gsm8k", 91.04, null), new ReportedScore("MT bench", 8.3, null), new ReportedScore("MMLU", 70, null), new ReportedScore("MMLU", 71, null)]);

        Assert.Equal(new Prf(2, 2, 1), prf); // GSM8K within 0.05 (unit ignored), MMLU 70; MT-Bench 8.3 and MMLU 71 are wrong
    }

    [Fact]
    public void A_gold_score_is_matched_at_most_once()
    {
        var prf = Evaluation.CompareScores([new DevSetScore("MMLU", 70, null)], [new ReportedScore("MMLU", 70.01, null), new ReportedScore("MMLU", 69.99, null)]);

        Assert.Equal(new Prf(1, 1, 0), prf);
    }

    [Fact]
    public void A_bare_model_mention_is_subsumed_by_a_more_specific_one()
    {
        var keys = Evaluation.ModelKeys([("llama", null, null), ("llama", "3.1", null), ("llama", "3.1", "8B"), ("gemini", "2.0", null), ("qwen", null, "7b")]);

        Assert.Equal(["llama|3.1|8B", "gemini|2|", "qwen||7B"], keys);
    }

    [Fact]
    public void Models_match_on_family_version_and_size_but_not_variant()
    {
        var report = Evaluation.Evaluate(
        [
            (Gold("1", ["x"], models: [new DevSetModel("Llama-3-8B-Instruct", "llama", "3", "8B", "instruct"), new DevSetModel("GPT-4", "gpt", "4", null, null)]),
             Predicted(["x"], models: [new ModelMention("Llama 3 8B", "llama", "3", "8B", null), new ModelMention("GPT-4o", "gpt", "4o", null, null)])),
        ]);

        Assert.Equal(new Prf(1, 1, 1), report.Entities["baseModels"]);
    }

    [Fact]
    public void Benchmarks_match_on_letters_digits_and_plus()
    {
        Assert.Equal(BenchmarkExtractor.Key("Arena-Hard"), BenchmarkExtractor.Key("ArenaHard"));
        Assert.NotEqual(BenchmarkExtractor.Key("HumanEval+"), BenchmarkExtractor.Key("HumanEval"));
        Assert.Equal(new Prf(1, 0, 1), Evaluation.CompareSets(["gsm8k", "mmlu"], ["gsm8k"]));
    }

    [Theory]
    [InlineData("1.30b", "1.3B")]
    [InlineData("8x7b", "8x7B")]
    [InlineData("350m", "350M")]
    public void Sizes_are_normalized(string size, string expected) => Assert.Equal(expected, Evaluation.NormalizeSize(size));

    [Fact]
    public void The_table_lists_every_topic_and_entity_type()
    {
        var table = Evaluation.FormatTable(Evaluation.Evaluate([(Gold("1", ["a"]), Predicted(["a"]))]), "hand");

        Assert.Contains("topics micro", table, StringComparison.Ordinal);
        Assert.Contains("topics macro", table, StringComparison.Ordinal);
        Assert.All(Evaluation.EntityTypes, t => Assert.Contains(t, table, StringComparison.Ordinal));
    }

    [Fact]
    public void Bootstrap_intervals_hold_the_point_estimate_and_are_reproducible()
    {
        // 40 papers: topic "a" right on 30, missed on 10 (micro F1 = 2·30/(2·30+10) ≈ 0.857), so resamples vary.
        var counts = Enumerable.Range(0, 40)
            .Select(i => Evaluation.Compare(Gold($"{i}", ["a"]), Predicted(i < 30 ? ["a"] : ["b"])))
            .ToList();
        var report = Evaluation.Summarise(counts);

        var first = Evaluation.Bootstrap(counts, resamples: 500, seed: 7);
        var again = Evaluation.Bootstrap(counts, resamples: 500, seed: 7);
        var other = Evaluation.Bootstrap(counts, resamples: 500, seed: 8);

        var (low, high) = first["topics micro"];
        Assert.InRange(report.TopicsMicro.F1, low, high);
        Assert.True(high - low > 0.05, $"interval [{low}, {high}] should reflect 10 misses in 40");
        Assert.Equal(first["topics micro"], again["topics micro"]);
        Assert.NotEqual(first["topics micro"], other["topics micro"]);
        Assert.Equal(Evaluation.HeadlineNames.Count, first.Count);
    }

    [Fact]
    public void Bootstrap_of_perfect_predictions_is_a_point_and_the_table_prints_it()
    {
        var counts = Enumerable.Range(0, 10).Select(i => Evaluation.Compare(Gold($"{i}", ["a"], benchmarks: ["MMLU"]), Predicted(["a"], benchmarks: ["MMLU"]))).ToList();

        var intervals = Evaluation.Bootstrap(counts, resamples: 100);
        var table = Evaluation.FormatTable(Evaluation.Summarise(counts), "hand", intervals);

        Assert.Equal((1.0, 1.0), intervals["topics micro"]);
        Assert.Equal((1.0, 1.0), intervals["benchmarks"]);
        Assert.Contains("[1.000, 1.000]", table, StringComparison.Ordinal);
        Assert.Contains("bootstrap", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibration_compares_each_score_bin_with_the_share_of_correct_topics()
    {
        // Four topics scored 0.95 (three right), two scored 0.55 (one right): bins 0.9-1.0 (0.95 vs 0.75) and
        // 0.5-0.6 (0.55 vs 0.5); error = 4/6·0.2 + 2/6·0.05 = 0.15.
        static Enrichment Scored(params (string Id, double Score)[] topics) => Predicted([]) with
        {
            Topics = [.. topics.Select(t => new TopicScore(t.Id, t.Score, []))],
        };

        var calibration = Evaluation.Calibration(
        [
            (Gold("1", ["a", "b"]), Scored(("a", 0.95), ("b", 0.95), ("c", 0.55))),
            (Gold("2", ["a", "c"]), Scored(("a", 0.95), ("b", 0.95), ("c", 0.55))),
        ]);

        Assert.Equal(2, calibration.Bins.Count);
        var high = calibration.Bins.Single(b => b.Low == 0.9);
        Assert.Equal(4, high.Count);
        Assert.Equal(0.75, high.ShareCorrect, 6);
        Assert.Equal(0.95, high.MeanScore, 6);
        Assert.Equal(0.5, calibration.Bins.Single(b => b.Low == 0.5).ShareCorrect, 6);
        Assert.Equal(0.15, calibration.ExpectedError, 6);
        Assert.Contains("expected calibration error 0.150", Evaluation.FormatCalibration(calibration), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DAVIS 2017", "DAVIS17")]
    [InlineData("AIME 2024", "AIME24")]
    [InlineData("WMT-2014", "WMT14")]
    [InlineData("Kinetics-700-2020", "Kinetics-700-20")]
    public void A_year_after_a_benchmark_name_matches_its_two_digit_form(string gold, string predicted) =>
        Assert.Equal(Evaluation.BenchmarkKey(gold), Evaluation.BenchmarkKey(predicted));

    [Theory]
    [InlineData("AIME 2024", "AIME 2025")]
    [InlineData("MATH-500", "MATH")]
    [InlineData("2017 Challenge", "17 Challenge")] // a leading number is not a year suffix
    [InlineData("X 20171", "X 171")] // five digits are not a year
    [InlineData("CIFAR-100", "CIFAR-10")]
    public void Other_numbers_stay_distinct(string a, string b) =>
        Assert.NotEqual(Evaluation.BenchmarkKey(a), Evaluation.BenchmarkKey(b));

    [Fact]
    public void Family_spelling_and_benchmark_years_do_not_count_as_errors()
    {
        var report = Evaluation.Evaluate(
        [
            (Gold("p", ["x"], models: [new DevSetModel("Open-Sora 2.0", "open-sora", "2.0", null, null)], benchmarks: ["DAVIS 2017"]),
             Predicted(["x"], models: [new ModelMention("OpenSora 2", "opensora", "2", null, null)], benchmarks: ["DAVIS17"])),
        ]);

        Assert.Equal(new Prf(1, 0, 0), report.Entities["baseModels"]);
        Assert.Equal(new Prf(1, 0, 0), report.Entities["benchmarks"]);
    }

    [Fact]
    public void A_score_on_a_year_benchmark_matches_its_two_digit_spelling()
    {
        var prf = Evaluation.CompareScores([new DevSetScore("AIME 2024", 50, "%")], [new ReportedScore("AIME24", 50, "%")]);
        Assert.Equal(new Prf(1, 0, 0), prf);
    }
}
