namespace Pipeline.Classification.Tests;

/// <summary>The rules-7 score rules, each on a snippet of a real abstract of the tuning split.</summary>
public sealed class ScoreRules7Tests
{
    private static IReadOnlyList<ReportedScore> Scores(string text) =>
        ScoreExtractor.Extract(text, BenchmarkExtractor.Extract(null, text)).Scores;

    private static IReadOnlyList<ReportedScore> Scores(string text, params string[] benchmarks) =>
        ScoreExtractor.Extract(text, [.. benchmarks.Select(b => new BenchmarkMention(b, b))]).Scores;

    [Fact]
    public void An_error_reduction_or_an_accuracy_drop_is_a_delta()
    {
        // 2408.00762 (UniTalker), 2510.12773 (Dr.LLM)
        Assert.Empty(Scores("With a single trained UniTalker model, we achieve substantial lip vertex error reductions of 9.2% for BIWI dataset and 13.7% for Vocaset.", "BIWI", "Vocaset"));
        Assert.Empty(Scores("Routers generalize to out-of-domain tasks (MMLU, GSM8k, AIME, TruthfulQA) with only 0.85% accuracy drop while retaining efficiency."));
    }

    [Fact]
    public void A_performance_improvement_is_a_delta()
    {
        // 2411.17188 (ISG-Bench): the sentence names no benchmark, the paper's own is meant.
        const string text = "Using ISG-Bench, we demonstrate that models perform poorly. We develop ISG-Agent, a baseline agent employing a pipeline to invoke tools, achieving a 122% performance improvement.";
        Assert.Empty(Scores(text, "ISG-Bench"));
    }

    [Fact]
    public void Numbers_listed_after_a_delta_are_deltas_too()
    {
        // 2508.20931 (tau-bench)
        const string text = "Agents struggle in environments like tau-bench. The results show that IRMA significantly outperforms ReAct, Function Calling, and Self-Reflection by 16.1%, 12.7%, and 19.1%, respectively, in overall pass^5 scores.";
        Assert.Empty(Scores(text, "tau-bench"));
    }

    [Fact]
    public void A_win_rate_of_a_number_without_a_benchmark_after_it_is_not_a_score()
    {
        // 2412.04431 (Infinity)
        const string text = "Notably, Infinity surpasses SD3-Medium by improving the GenEval benchmark score from 0.62 to 0.73 and the ImageReward benchmark score from 0.87 to 0.96, achieving a win rate of 66%.";
        Assert.Equal([new ReportedScore("GenEval", 0.73, null), new ReportedScore("ImageReward", 0.96, null)], Scores(text, "GenEval", "ImageReward"));
    }

    [Fact]
    public void A_share_of_a_cost_or_a_gap_is_not_a_score()
    {
        // 2509.12603 (EconProver), 2410.24213 (synthetic videos)
        Assert.Empty(Scores("Experiments on miniF2F and ProofNet demonstrate that our EconProver achieves comparable performance to baseline methods with only 12% of the computational cost.", "miniF2F", "ProofNet"));
        Assert.Empty(Scores("A VideoMAE model pre-trained on our synthetic videos closes 97.2% of the performance gap on UCF101 action classification between training from scratch and self-supervised pre-training.", "UCF101"));
    }

    [Fact]
    public void People_figures_continue_through_a_series()
    {
        // 2410.13854 (CII-Bench)
        const string text = "A substantial gap is observed between MLLMs and humans on CII-Bench. The highest accuracy of MLLMs attains 64.4%, where as human accuracy averages 78.2%, peaking at an impressive 81.0%.";
        Assert.Equal([new ReportedScore("CII-Bench", 64.4, "%")], Scores(text, "CII-Bench"));
    }

    [Fact]
    public void A_peak_performance_in_a_sentence_without_a_name_belongs_to_the_own_benchmark()
    {
        // 2503.13399 (MicroVQA)
        const string text = "We introduce MicroVQA, a visual-question answering benchmark. Benchmarking on state-of-the-art MLLMs reveal a peak performance of 53\\%; models with smaller LLMs only slightly underperform top models.";
        Assert.Equal([new ReportedScore("MicroVQA", 53, "%")], Scores(text, "MicroVQA"));
    }

    [Fact]
    public void A_result_stated_outright_belongs_to_the_only_benchmark_of_its_sentence_however_far()
    {
        // 2504.01848 (PaperBench)
        const string text = "We evaluate several frontier models on PaperBench, finding that the best-performing tested agent, Claude 3.5 Sonnet (New) with open-source scaffolding, achieves an average replication score of 21.0\\%.";
        Assert.Equal([new ReportedScore("PaperBench", 21.0, "%")], Scores(text, "PaperBench"));
    }

    [Fact]
    public void A_result_on_another_target_is_not_the_benchmarks()
    {
        // 2507.04447 (DreamVLA)
        const string text = "Extensive experiments demonstrate that DreamVLA achieves 76.7% success rate on real robot tasks and 4.44 average length on the CALVIN ABC-D benchmarks.";
        Assert.Equal([new ReportedScore("CALVIN ABC-D", 4.44, null)], Scores(text, "CALVIN ABC-D"));
    }

    [Fact]
    public void A_result_coordinated_with_the_previous_one_keeps_its_benchmark()
    {
        // 2508.16153 (AgentFly)
        const string text = "We instantiate our agent model in the deep research setting, namely AgentFly, which attains top-1 on GAIA validation (87.88% Pass@3) and 79.40% on the test set.";
        Assert.Equal([new ReportedScore("GAIA", 87.88, "%"), new ReportedScore("GAIA", 79.40, "%")], Scores(text, "GAIA"));
    }

    [Fact]
    public void Lists_of_benchmarks_and_results_pair_in_order()
    {
        const string text = "On MATH and GSM8K, our model reaches 85.2% and 92.1%.";
        Assert.Equal([new ReportedScore("MATH", 85.2, "%"), new ReportedScore("GSM8K", 92.1, "%")], Scores(text, "MATH", "GSM8K"));
    }

    [Fact]
    public void Ranges_counts_and_model_versions_are_not_scores()
    {
        Assert.Empty(Scores("On MMLU, models reach 62.5–73.1% accuracy.", "MMLU"));
        Assert.Empty(Scores("Dialogues in MT-Bench average 12.3 turns.", "MT-Bench"));
        Assert.Empty(Scores("On GenEval, SD 3.5 Large is the strongest baseline.", "GenEval"));
    }

    [Fact]
    public void Thresholds_bounds_and_spreads_are_not_scores()
    {
        // 2509.18056 (TempSamp-R1), 2411.17451 (VL-RewardBench), 2510.14616 (WritingPreferenceBench): unlabelled samples
        Assert.Equal(
            [new ReportedScore("Charades-STA", 52.9, "%"), new ReportedScore("ActivityNet Captions", 56.0, "%")],
            Scores("TempSamp-R1 establishes new state-of-the-art performance: Charades-STA (R1@0.7: 52.9%), ActivityNet Captions (R1@0.5: 56.0%).", "Charades-STA", "ActivityNet Captions"));
        Assert.Empty(Scores("Importantly, performance on VL-RewardBench strongly correlates (Pearson's r > 0.9) with accuracy.", "VL-RewardBench"));
        Assert.Equal(
            [new ReportedScore("WritingPreferenceBench", 81.8, "%")],
            Scores("On WritingPreferenceBench, generative reward models achieve 81.8% accuracy, with standard deviations averaging 10.1%.", "WritingPreferenceBench"));
    }

    [Fact]
    public void Shares_of_questions_or_steps_and_small_reductions_are_not_scores()
    {
        Assert.Empty(Scores("Progress on MMLU depends heavily on learning Western-centric concepts, with 28% of all questions requiring culturally sensitive knowledge.", "MMLU"));
        Assert.Empty(Scores("ZipVL reduces GPU memory, with a minimal accuracy reduction of only 0.2% on Video-MME benchmark over LongVA-7B model.", "Video-MME"));
    }

    [Fact]
    public void A_benchmark_right_after_its_number_takes_it()
    {
        // 2512.15431 (Step-GUI), unlabelled sample
        const string text = "Step-GUI achieves state-of-the-art GUI performance (8B: 80.2% AndroidWorld, 48.5% OSWorld, 62.6% ScreenShot-Pro) while maintaining general capabilities.";
        Assert.Equal([new ReportedScore("AndroidWorld", 80.2, "%"), new ReportedScore("OSWorld", 48.5, "%")], Scores(text, "AndroidWorld", "OSWorld"));
    }

    [Fact]
    public void A_benchmark_after_a_described_name_and_figures_of_compared_models()
    {
        // 2503.21776 (Video-R1), 2503.04378 (Arena Hard), unlabelled samples
        Assert.Equal(
            [new ReportedScore("VSI-bench", 35.8, "%")],
            Scores("Notably, Video-R1-7B attains a 35.8% accuracy on video spatial reasoning benchmark VSI-bench, surpassing GPT-4o.", "VSI-bench"));
        Assert.Equal(
            [92.7, 90.4, 92.3],
            Scores("Our setup can reach SoTA performance on Arena Hard at 92.7 as of 5 Mar 2025, surpassing OpenAI o1-preview-2024-09-12 with 90.4 and DeepSeek R1 with 92.3.", "Arena Hard").Select(s => s.Value));
    }

    [Fact]
    public void From_a_described_value_to_another_keeps_the_final_one()
    {
        // 2509.02479 (SimpleTIR), 2505.17941 (VeriThinker)
        Assert.Equal(
            [new ReportedScore("AIME 2024", 50.5, null)],
            Scores("SimpleTIR achieves state-of-the-art performance, notably elevating the AIME24 score from a text-only baseline of 22.1 to 50.5 when starting from the Qwen2.5-7B base model.", "AIME 2024"));
        Assert.Equal(
            [new ReportedScore("MATH-500", 94.8, "%")],
            Scores("Our approach reduces reasoning tokens on MATH500 from 3790 to 2125 while improving accuracy by 0.8% (94.0% to 94.8%).", "MATH-500"));
    }

    [Fact]
    public void Baselines_after_from_are_not_scores()
    {
        // 2502.03387 (LIMO)
        const string text = "With merely 817 curated training samples, LIMO achieves 57.1% accuracy on AIME and 94.8% on MATH, improving from previous SFT-based models' 6.5% and 59.2% respectively.";
        Assert.Equal([new ReportedScore("AIME", 57.1, "%"), new ReportedScore("MATH", 94.8, "%")], Scores(text, "AIME", "MATH"));
    }

    [Fact]
    public void A_range_of_gains_is_a_delta_but_a_gain_ends_at_the_next_from()
    {
        // 2410.19008 (PULSE), 2508.04700 (SEAgent)
        Assert.Empty(Scores("We introduce ECGBench. Our experiments show that PULSE sets a new state-of-the-art, outperforming general MLLMs with an average accuracy improvement of 15% to 30%.", "ECGBench"));
        Assert.Equal(
            [new ReportedScore("OS-World", 34.5, "%")],
            Scores("We validate SEAgent across five novel software environments within OS-World. Our approach achieves a significant improvement of 23.2% in success rate, from 11.3% to 34.5%, over a competitive open-source CUA.", "OS-World"));
    }

    [Fact]
    public void Percentiles_low_rates_and_described_benchmarks()
    {
        // 2501.12599 (Kimi k1.5), 2506.16141 (GRPO-CARE), 2407.04078 (DotaMath)
        Assert.Contains(new ReportedScore("Codeforces", 94, null), Scores("Our system achieves 77.5 on AIME, 96.2 on MATH 500, 94-th percentile on Codeforces, 74.9 on MathVista.", "AIME", "MATH 500", "Codeforces", "MathVista"));
        Assert.Equal(
            [new ReportedScore("SEED-Bench-R1", 57.9, "%")],
            Scores("Using SEED-Bench-R1, we find that standard GRPO, while improving answer accuracy, often reduces logical coherence between reasoning steps and answers, with only a 57.9% consistency rate.", "SEED-Bench-R1"));
        Assert.Equal(
            [new ReportedScore("MATH", 64.8, "%"), new ReportedScore("GSM8K", 86.7, "%")],
            Scores("Notably, DotaMath-deepseek-7B showcases an outstanding performance of 64.8% on the competitive MATH dataset and 86.7% on GSM8K.", "MATH", "GSM8K"));
    }

    [Fact]
    public void Closeness_sparsity_and_degradation_are_not_scores()
    {
        // 2509.10844 (GAPrune), 2510.11545
        Assert.Empty(Scores("Experiments on two domain benchmarks, FinMTEB and ChemTEB, show that GAPrune maintains performance within 2.5% of dense models in one-shot pruning at 50% sparsity.", "FinMTEB", "ChemTEB"));
        Assert.Equal(
            [new ReportedScore("AIME 2024", 46.88, null)],
            Scores("Even the performance of a large 32B student model decreases from 54.17 to 46.88 on AIME 2024, corresponding to a 13.5% degradation.", "AIME 2024"));
    }
}
