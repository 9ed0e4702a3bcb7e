namespace Pipeline.Classification.Tests;

/// <summary>The context rules added for benchmarks in rules-7: names the lexicon does not know, recognised by where
/// they stand (lists of benchmarks or evaluation datasets, a sentence opening "On X,", a name given the role of a task
/// or a benchmark, a comparison on a name), and what stays out (training data, plain words joined into a longer name).
/// Snippets are real abstracts from the tuning split, cut to the sentences that matter.</summary>
public sealed class BenchmarkRules7Tests
{
    private static List<string> Canonicals(string? title, string text) =>
        [.. BenchmarkExtractor.Extract(title, text).Select(b => b.Canonical)];

    [Fact]
    public void A_plain_capitalized_word_in_a_benchmark_list_is_a_name()
    {
        var names = Canonicals(null, "We evaluate GenEnv on five benchmarks, including API-Bank, ALFWorld, BFCL, Bamboogle, and TravelPlanner.");
        Assert.Contains("Bamboogle", names);
        Assert.Contains("TravelPlanner", names);
    }

    [Fact]
    public void Plain_words_joined_by_a_bare_and_are_one_longer_name_not_two()
    {
        var names = Canonicals(null, "On large-scale scene datasets such as DL3DV-140 and Tanks and Temples, our method achieves performance comparable to optimization-based methods.");
        Assert.Contains("DL3DV-140", names);
        Assert.DoesNotContain("Tanks", names);
        Assert.DoesNotContain("Temples", names);
    }

    [Fact]
    public void A_list_of_datasets_after_i_e_is_a_list_of_benchmarks()
    {
        var names = Canonicals(null, "The experimental results on multiple reasoning and knowledge-intensive datasets datasets (i.e., ComplexWebQA, GPQA, and FoolMeTwice) show that our method enables small-scale LMs to achieve performance comparable to frontier LLMs.");
        Assert.Contains("CWQ", names);
        Assert.Contains("FoolMeTwice", names);
    }

    [Fact]
    public void A_list_of_datasets_in_a_sentence_about_training_is_training_data()
    {
        Assert.DoesNotContain("AMASS", Canonicals(null, "Existing methods typically rely on high-quality motion capture datasets such as AMASS, but these are scarce and expensive, limiting scalability and diversity."));
    }

    [Fact]
    public void A_sentence_opening_with_On_and_names_lists_benchmarks()
    {
        Assert.Contains("WebArena-Lite", Canonicals(null, "We apply WebRL to transform open Llama-3.1 and GLM-4 models into proficient web agents. On WebArena-Lite, WebRL improves the success rate of Llama-3.1-8B from 4.8% to 42.4%."));

        var names = Canonicals(null, "Dr.LLM ensures robustness under class imbalance and long sequences. On ARC (logic) and DART (math), Dr.LLM improves accuracy by up to +3.4%p while saving 5 layers per example on average.");
        Assert.Contains("ARC", names);
        Assert.Contains("DART", names);
    }

    [Fact]
    public void A_name_in_the_role_of_a_task_or_a_benchmark_is_a_benchmark()
    {
        var names = Canonicals(null, "Notably, we achieve a 7.8\\% improvement in the grounding task (Multi3DRefer) and a 6.9\\% improvement in the captioning task (Scan2Cap).");
        Assert.Contains("Multi3DRefer", names);
        Assert.Contains("Scan2Cap", names);

        Assert.Contains("TriviaQA", Canonicals(null, "We leverage TriviaQA as a benchmark for assessing objective knowledge reasoning of LLMs and evaluate them alongside human annotations."));
    }

    [Fact]
    public void A_comparison_on_a_name_makes_it_a_benchmark_but_not_a_model_or_a_task()
    {
        var names = Canonicals(null, "A VideoMAE model pre-trained on our synthetic videos closes 97.2% of the performance gap between training from scratch and self-supervised pre-training from natural videos, and outperforms the pre-trained model on HMDB51.");
        Assert.Contains("HMDB51", names);

        Assert.Contains("MMVP", Canonicals(null, "TULIP improves vision-language models, achieving over 3times higher scores than SigLIP on MMVP."));
        Assert.Empty(Canonicals(null, "Our method outperforms strong baselines on ToM tasks."));
        Assert.Empty(Canonicals(null, "It consistently outperforms prior methods on Llama-3-8B."));
    }

    [Fact]
    public void A_single_result_on_a_name_starts_an_evaluation_list()
    {
        var names = Canonicals(null, "Further result on other held-out EvalCrafter, GenAI-Bench, and VBench show that MantisScore has consistently much higher correlation with human judges than other metrics.");
        Assert.Contains("EvalCrafter", names);
        Assert.Contains("GenAI-Bench", names);
    }

    [Fact]
    public void A_large_scale_dataset_evaluated_on_is_a_benchmark()
    {
        Assert.Contains("3D-FRONT", Canonicals(null, "Evaluated on the large-scale 3D-FRONT dataset, WorldGrow achieves SOTA performance in geometry reconstruction."));
    }

    [Fact]
    public void An_evaluation_cue_at_a_sentence_start_opens_a_list()
    {
        var names = Canonicals(null, "We cast the task as a Markov Decision Process. Experiments on COSQL and SPARC demonstrate that MTSQL-R1 consistently outperforms strong baselines.");
        Assert.Contains("COSQL", names);
        Assert.Contains("SPARC", names);

        Assert.DoesNotContain("UI-to-code", Canonicals(null, "Experiments on UI-to-code and UI polishing benchmarks show that UI2Code^N establishes a new state of the art."));
    }

    [Fact]
    public void A_plain_name_beside_a_name_in_an_evaluation_list_is_a_benchmark()
    {
        var names = Canonicals(null, "Experimental results on DMLab and Minecraft validate the efficacy of our methods.");
        Assert.Contains("DMLab", names);
        Assert.Contains("Minecraft", names);
    }

    [Fact]
    public void A_listed_name_keeps_its_year_and_its_second_word()
    {
        Assert.Contains("AIMO 2025", Canonicals(null, "Experiments on AIME 2024, AIME 2025, AIMO 2025, and GPQA Diamond show that LeaP provides substantial improvements."));

        var names = Canonicals(null, "Empirically, on several benchmarks such as Minerva Algebra, MATH-500, and GSM8K, Thinkless is able to reduce the usage of long-chain thinking by 50% - 90%.");
        Assert.Contains("Minerva Algebra", names);
        Assert.Contains("MATH-500", names);
        Assert.DoesNotContain("Thinkless", names); // the list ends with its "and" item
    }

    [Fact]
    public void A_validation_split_is_the_benchmark()
    {
        Assert.Contains("miniF2F", Canonicals(null, "The TheoremLlama framework achieves cumulative accuracies of 36.48% and 33.61% on MiniF2F-Valid and Test datasets respectively."));
    }

    [Fact]
    public void A_higher_score_on_a_name_makes_it_a_benchmark()
    {
        Assert.Contains("EHRSHOT", Canonicals(null, "EHR-R1 surpasses GPT-4o by over 30 points and achieves a 10\\% higher zero-shot AUROC on EHRSHOT."));
    }
}
