namespace Pipeline.Classification.Tests;

/// <summary>The rules added for benchmarks on unseen papers (rules-5): names the lexicon cannot know, recognised by
/// where they stand (evaluation lists, datasets in an evaluation position, introductions, titles), the wider lexicon,
/// and what is not a benchmark (training data, introduced frameworks, URLs, task acronyms); and the score rules that go
/// with them. Snippets are real abstracts (dev set and shared samples), cut to the sentences that matter.</summary>
public sealed class BenchmarkExtractorGeneralisationTests
{
    private static List<string> Canonicals(string? title, string text) =>
        [.. BenchmarkExtractor.Extract(title, text).Select(b => b.Canonical)];

    private static IReadOnlyList<ReportedScore> Scores(string? title, string text) =>
        ScoreExtractor.Extract(title, text, BenchmarkExtractor.Extract(title, text)).Scores;

    [Fact]
    public void Finds_a_known_name_split_by_a_hyphen_and_one_glued_to_the_next_word()
    {
        Assert.Contains("OSWorld", Canonicals(null, "We validate the effectiveness of SEAgent across five novel software environments within OS-World."));

        var glued = Canonicals(null, "achieving up to a 48\\% improvement on VisualWebBench and a 19.1\\% boost in action accuracy on a web agent dataset Mind2Web-but also generalize surprisingly well to non-web UI tasks");
        Assert.Contains("Mind2Web", glued);
        Assert.DoesNotContain("Mind2Web-but", glued);
    }

    [Fact]
    public void Unknown_names_in_an_evaluation_list_are_benchmarks_but_models_are_not()
    {
        var names = Canonicals(null, "Extensive experiments on 4D-Dress, PuzzleIOI, and in-the-wild captures demonstrate that UP2You consistently surpasses previous methods.");
        Assert.Contains("4D-Dress", names);
        Assert.Contains("PuzzleIOI", names);

        Assert.Empty(Canonicals(null, "Extensive experiments on Llama-3-8B and Qwen2.5-7B show consistent gains."));
        Assert.Empty(Canonicals(null, "Our model demonstrates state-of-the-art performance on Audio-Visual Question Answering (AVQA) tasks."));
    }

    [Fact]
    public void Datasets_in_an_evaluation_position_are_benchmarks_and_training_data_is_not()
    {
        var names = Canonicals(null, "Extensive experiments on the proposed AlphaBlend dataset and public LOGO dataset verify the effectiveness of DiffDecompose.");
        Assert.Contains("AlphaBlend", names);
        Assert.Contains("LOGO", names);

        Assert.Contains("EgoExo4D", Canonicals(null, "In fact, when evaluated on the EgoExo4D dataset, SkillFormer achieves state-of-the-art accuracy in multi-view settings."));
        Assert.Empty(Canonicals(null, "We introduce MultiUI, a dataset containing 7.3 million samples from 1 million websites, covering diverse multimodal tasks and UI layouts."));
        Assert.Empty(Canonicals(null, "To support this, we construct OrienText300K, a large-scale dataset of 3D models annotated with semantic orientations."));
        Assert.Empty(Canonicals(null, "We train our model on the LAION dataset and evaluate it qualitatively."));
    }

    [Fact]
    public void Named_and_parenthesised_evaluation_datasets_are_benchmarks()
    {
        Assert.Contains("GTA-UAV", Canonicals(null, "In this work, we construct a large-range contiguous area UAV geo-localization dataset named GTA-UAV, featuring multiple flight altitudes. Experiments demonstrate the effectiveness of our data."));
        Assert.Contains("Recon", Canonicals(null, "We introduce the Cross Lingual Auto Evaluation (CIA) Suite, an extensible framework that includes evaluator LLMs (Hercule) and a novel test set (Recon) specifically designed for multilingual evaluation."));
        Assert.Contains("MazePlanning", Canonicals(null, "We evaluate the framework on our new dataset MazePlanning."));
    }

    [Fact]
    public void Names_before_a_separate_Bench_word_are_sub_benchmarks()
    {
        var names = Canonicals(null, "MMSI-Video-Bench also supports three domain-oriented sub-benchmarks (Indoor Scene Perception Bench, Robot Bench and Grounding Bench) for targeted capability assessment.");
        Assert.Contains("Indoor Scene Perception Bench", names);
        Assert.Contains("Robot Bench", names);
        Assert.Contains("Grounding Bench", names);
    }

    [Fact]
    public void The_title_names_the_benchmark_the_abstract_introduces()
    {
        Assert.Contains("AudioTrust", Canonicals(
            "AudioTrust: Benchmarking the Multifaceted Trustworthiness of Audio Large Language Models",
            "We introduce AudioTrust-the first multifaceted trustworthiness evaluation framework and benchmark specifically designed for ALLMs."));
        Assert.Contains("RealCritic", Canonicals(
            "RealCritic: Towards Effectiveness-Driven Evaluation of Language Model Critiques",
            "In this work, we introduce a new benchmark designed to assess the critique capabilities of LLMs. The code and data are available at https://github.com/tangzhy/RealCritic."));

        // A method paper whose abstract introduces a named benchmark: the title's model is not it.
        Assert.DoesNotContain("VLSA", Canonicals(
            "VLSA: Vision-Language-Action Models with Plug-and-Play Safety Constraint Layer",
            "In this work, we introduce a Vision-Language-Safe Action (VLSA) architecture, named AEGIS. To evaluate the efficacy of our architecture, we construct a comprehensive safety-critical benchmark SafeLIBERO."));
    }

    [Fact]
    public void A_benchmark_shaped_name_introduced_as_a_framework_is_not_a_benchmark_unless_for_evaluation()
    {
        Assert.DoesNotContain("MentalArena", Canonicals(null, "In this paper, we introduce MentalArena, a self-play framework to train language models by generating domain-specific personalized data."));
        Assert.Contains("VTC-Bench", Canonicals(null, "Motivated by these findings, we introduce VTC-Bench, an evaluation framework that incorporates a data filtering mechanism to denoise existing benchmarks."));
        Assert.DoesNotContain("AutoBencher", Canonicals(null, "We propose AutoBencher, which discovers knowledge deficiencies of language models."));
    }

    [Fact]
    public void An_introduced_benchmark_with_an_acronym_keeps_its_full_name_and_its_results_follow_the_acronym()
    {
        const string text = "To measure this, we introduce the Remote Labor Index (RLI), a broadly multi-sector benchmark comprising real-world, economically valuable projects. AI agents perform near the floor on RLI, with the highest-performing agent achieving an automation rate of 2.5%.";

        Assert.Equal(["Remote Labor Index"], Canonicals("Remote Labor Index: Measuring AI Automation of Remote Work", text));
        Assert.Contains(new ReportedScore("Remote Labor Index", 2.5, "%"), Scores("Remote Labor Index: Measuring AI Automation of Remote Work", text));
    }

    [Fact]
    public void Web_addresses_task_acronyms_counts_and_indefinite_descriptions_are_not_benchmarks()
    {
        Assert.Empty(Canonicals("Vision language models are blind", "Code is available at: https://vlmsareblind.github.io/"));
        Assert.Contains("GSM8K", Canonicals(null, "It surpasses Qwen2.5-Math-7B by 15.1%/6.3% on MATH/GSM8K benchmarks."));
        Assert.Empty(Canonicals(null, "CLAP offers a promising approach for zero-shot audio classification (ZSAC). We propose a simple but effective method, which reaches 62.1% on ZSAC tasks."));
        Assert.Contains("ScienceArena", Canonicals(null, "We build (3) an open evaluation platform (ScienceArena) based on blind pairwise user voting and Elo rankings."));
        Assert.Empty(Canonicals(null, "Across four challenging long-context narrative benchmarks (200K+ tokens), ComoRAG outperforms strong RAG baselines."));
        Assert.Empty(Canonicals(null, "MIGU brings a 15.2% average accuracy improvement over conventional parameter-efficient finetuning baselines in a 15-task CL benchmark."));
    }

    [Fact]
    public void Knows_more_names_and_their_spellings()
    {
        Assert.Contains("OpenBookQA", Canonicals(null, "on ARC, OBQA and PIQA"));
        Assert.Contains("Needle in a Haystack", Canonicals(null, "Several analyses, including the needle-in-the-haystack test, show that FoX retains long-context capabilities."));
        Assert.Contains("gRefCOCO", Canonicals(null, "Specifically, a cIoU of 68.9 on gRefCOCO and a gIoU of 55.3 on RefCOCOm."));
        Assert.Contains("TopiOCQA", Canonicals(null, "achieving over 10% improvement on the challenging TopiOCQA dataset"));
        Assert.Contains("Sotopia", Canonicals(null, "Experiments on the Sotopia interactive social evaluation benchmark demonstrate the effectiveness of our method."));

        var competitions = Canonicals(null, "on AIME 25, HMMT 25 and BRUMO 25");
        Assert.Contains("AIME 2025", competitions);
        Assert.Contains("HMMT 2025", competitions);
        Assert.Contains("BRUMO 2025", competitions);

        var browse = Canonicals(null, "achieving higher accuracy than WebSailor-72B on BrowseComp-en/zh");
        Assert.Contains("BrowseComp", browse);
        Assert.Contains("BrowseComp-ZH", browse); // the lexicon's spelling; keys compare case-insensitively
    }

    [Fact]
    public void A_capitalised_leaderboard_is_a_benchmark_but_not_the_inside_of_a_known_name()
    {
        Assert.Contains("Sentient Leaderboard", Canonicals(null, "We also build a public Sentient Leaderboard covering 18 commercial and open-source models."));
        Assert.Equal(["BFCL"], Canonicals(null, "and achieves state-of-the-art results on the Berkeley Function Calling Leaderboard."));
    }

    [Fact]
    public void Training_splits_and_trained_models_are_not_subsets()
    {
        var names = Canonicals(null, "We construct GUI-Critic-Test, a benchmark, and GUI-Critic-Train for training our critic model GUI-Critic-R1.");
        Assert.DoesNotContain("GUI-Critic-R1", names);
        Assert.DoesNotContain("GUI-Critic-Train", names);
    }

    [Fact]
    public void Coordinated_results_before_the_benchmark_all_belong_to_it()
    {
        var deco = Scores(null, "Extensive experiments show that DeCo achieves superior performance among pixel diffusion models, attaining FID of 1.62 (256x256) and 2.22 (512x512) on ImageNet, closing the gap with latent diffusion methods.");
        Assert.Contains(new ReportedScore("ImageNet", 1.62, null), deco);
        Assert.Contains(new ReportedScore("ImageNet", 2.22, null), deco);

        var repa = Scores(null, "In terms of final performance, our approach sets a new state-of-the-art; achieving FID of 1.26 and 1.83 with and without classifier-free guidance on ImageNet 256 x 256.");
        Assert.Contains(new ReportedScore("ImageNet", 1.26, null), repa);
        Assert.Contains(new ReportedScore("ImageNet", 1.83, null), repa);
    }

    [Fact]
    public void An_integer_score_in_points_counts_and_added_points_do_not()
    {
        Assert.Contains(new ReportedScore("AIME 2024", 50, null), Scores(null, "We fully open-source a state-of-the-art large-scale RL system that achieves 50 points on AIME 2024 using Qwen2.5-32B base model."));
        Assert.DoesNotContain(Scores(null, "On GSM8K and MATH, MASPRM improves exact match. A MASPRM trained on GSM8K transfers zero-shot to MATH without retraining, adding 8.4 EM points at the same budget."), s => s.Value == 8.4);
    }

    [Fact]
    public void Bounds_are_not_scores_even_when_chained()
    {
        Assert.Empty(Scores("MME-RealWorld: Could Your Multimodal LLM Challenge High-Resolution Real-World Scenarios", "As far as we know, MME-RealWorld is the largest manually annotated benchmark to date. Our results show that even the most advanced models struggle with our benchmarks, where none of them reach 60% accuracy."));

        var mcp = Scores("MCPMark: A Benchmark for Stress-Testing Realistic and Comprehensive MCP Use", "To address this gap, we propose MCPMark, a benchmark designed to evaluate MCP use. Empirical results show that the best-performing model, gpt-5-medium, reaches only 52.56\\% pass@1 and 33.86\\% pass^4, while other widely regarded strong models, including claude-sonnet-4 and o3, fall below 30\\% pass@1 and 15\\% pass^4.");
        Assert.Contains(new ReportedScore("MCPMark", 52.56, "%"), mcp);
        Assert.DoesNotContain(mcp, s => s.Value is 30 or 15);

        Assert.DoesNotContain(Scores(null, "Our evaluation of MME-CC shows that spatial and geometric reasoning remain broadly weak (less than or equal to 30%)."), s => s.Value == 30);
    }

    [Fact]
    public void Agreement_and_human_figures_are_not_model_results_but_a_metric_s_result_on_a_benchmark_is()
    {
        Assert.Empty(Scores(null, "Building on these insights, we release CapArena-Auto, an accurate and efficient automated benchmark for detailed captioning, achieving 94.3% correlation with human rankings at just $4 per test."));

        var cii = Scores(null, "Through extensive experiments on CII-Bench across multiple MLLMs, we have made significant findings. Initially, a substantial gap is observed between the performance of MLLMs and humans on CII-Bench. The highest accuracy of MLLMs attains 64.4%, where as human accuracy averages 78.2%.");
        Assert.Contains(new ReportedScore("CII-Bench", 64.4, "%"), cii);
        Assert.DoesNotContain(cii, s => s.Value == 78.2);

        Assert.Contains(new ReportedScore("VideoFeedback", 77.1, null), Scores(null, "Experiments show that the Spearman correlation between MantisScore and humans can reach 77.1 on VideoFeedback-test, beating the prior best metrics by about 50 points."));
    }

    [Fact]
    public void Units_averages_over_unnamed_sets_and_win_rates_over_a_baseline_are_not_scores()
    {
        Assert.DoesNotContain(Scores(null, "Using AutoEnv, we construct AutoEnv-36, a dataset of 36 environments. We evaluate on AutoEnv-36 enabling low-cost (4.12 USD on average) generation of heterogeneous worlds."), s => s.Value == 4.12);

        var dual = Scores(null, "Experiments show that DualVLA achieves an average success rate of 61.0 in SimplerEnv and an average score of 65.4 across eight competitive multimodal benchmarks.");
        Assert.Contains(new ReportedScore("SimplerEnv", 61.0, null), dual);
        Assert.DoesNotContain(dual, s => s.Value == 65.4);

        Assert.Empty(Scores(null, "For the evaluation of generated multimodal reports, we develop MultimodalReportBench. Notably, utilizing the same Claude 3.7 Sonnet model, Multimodal DeepResearcher achieves an 82\\% overall win rate over the baseline method."));
        Assert.Contains(new ReportedScore("AlpacaEval 2.0", 27.55, "%"), Scores(null, "DICE achieves superior performance than Gemini Pro on AlpacaEval 2, reaching 27.55% length-controlled win rate against GPT-4 Turbo."));
    }

    [Fact]
    public void A_result_next_to_any_name_of_a_known_benchmark_is_found()
    {
        Assert.Contains(new ReportedScore("MTEB", 69.32, null), Scores(null, "Combining these techniques, our NV-Embed model has achieved a record-high score of 69.32, ranking No. 1 on the Massive Text Embedding Benchmark (MTEB) (as of May 24, 2024), with 56 tasks."));
    }

    [Fact]
    public void Knows_widely_used_3D_scene_KBQA_talking_face_and_control_suites()
    {
        var scene = Canonicals(null, "Our model achieves state-of-the-art results on ScanRefer, Multi3DRefer and Scan2Cap, and transfers to 3D-FRONT scenes.");
        Assert.Contains("Multi3DRefer", scene);
        Assert.Contains("Scan2Cap", scene);

        var kbqa = Canonicals(null, "Experiments on WebQSP and CWQ show that our retriever improves multi-hop reasoning over knowledge graphs.");
        Assert.Contains("CWQ", kbqa);

        var face = Canonicals(null, "Extensive experiments on the BIWI and VOCASET datasets demonstrate more accurate lip synchronization.");
        Assert.Contains("BIWI", face);
        Assert.Contains("VOCASET", face);

        var control = Canonicals(null, "We evaluate on DMC and MyoSuite continuous control tasks, outperforming strong model-free baselines.");
        Assert.Contains("DeepMind Control Suite", control);
        Assert.Contains("MyoSuite", control);
    }
}
