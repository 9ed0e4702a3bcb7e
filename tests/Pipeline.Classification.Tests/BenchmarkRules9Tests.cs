namespace Pipeline.Classification.Tests;

/// <summary>The rules-9 benchmark rules, on real titles and abstracts of the tuning split (heldout6, read after its one
/// evaluation).</summary>
public sealed class BenchmarkRules9Tests
{
    [Fact]
    public void A_lower_case_name_ending_in_bench_is_a_benchmark_but_not_in_a_url()
    {
        // 2505.07215 (gg-bench)
        Assert.Contains(BenchmarkExtractor.Extract("Measuring General Intelligence with Generated Games", "We present gg-bench, a collection of game environments designed to evaluate general reasoning capabilities in language models."), b => b.Canonical == "gg-bench");
        Assert.DoesNotContain(BenchmarkExtractor.Extract(null, "Code is at https://github.com/example/xy-bench and the data too."), b => b.Canonical == "xy-bench");
        Assert.Empty(BenchmarkExtractor.Extract(null, "We build a test-bench for robots and store results in results-bench.json."));
    }

    [Fact]
    public void A_title_of_plain_capitalized_words_before_a_benchmark_names_it_when_the_abstract_does()
    {
        // 2411.06272 (Golden Touchstone)
        const string title = "Golden Touchstone: A Comprehensive Bilingual Benchmark for Evaluating   Financial Large Language Models";
        const string text = "To address these limitations, we propose \"Golden Touchstone\", the first comprehensive bilingual benchmark for financial LLMs.";
        Assert.Contains(BenchmarkExtractor.Extract(title, text), b => b.Canonical == "Golden Touchstone");

        // Generic words or a verb form are no name, nor is a lead the abstract never repeats.
        Assert.DoesNotContain(BenchmarkExtractor.Extract("Evaluating Agents: A Benchmark for Tools", "Evaluating Agents is hard; we build a benchmark."), b => b.Canonical == "Evaluating Agents");
        Assert.DoesNotContain(BenchmarkExtractor.Extract("Retrieval Augmented Generation: A Benchmark", "Retrieval Augmented Generation is popular; we build a benchmark."), b => b.Canonical == "Retrieval Augmented Generation");
        Assert.DoesNotContain(BenchmarkExtractor.Extract("Video Models: A Benchmark", "Video Models are popular; we build a benchmark."), b => b.Canonical == "Video Models");
        Assert.DoesNotContain(BenchmarkExtractor.Extract("Golden Touchstone: A Comprehensive Benchmark", "We propose the first comprehensive bilingual benchmark for financial LLMs."), b => b.Canonical == "Golden Touchstone");
    }

    [Fact]
    public void Nothing_is_read_from_a_link_or_a_citation_key()
    {
        // Real abstracts of heldout7, read after its one evaluation: 2410.07137 (a repository name), 2503.05689 (a
        // LaTeX citation key left in the text).
        Assert.Empty(BenchmarkExtractor.Extract(null, "We call for more robust anti-cheating mechanisms for reliable automatic benchmarks. The code is available at https://github.com/sail-sg/Cheating-LLM-Benchmarks."));
        Assert.DoesNotContain(
            BenchmarkExtractor.Extract(null, "Our experimental results, validated on the NavsimDauner2024_navsim, demonstrate that GoalFlow achieves state-of-the-art performance."),
            b => b.Name.Contains('_', StringComparison.Ordinal));
        Assert.Contains(BenchmarkExtractor.Extract(null, "Results on MMLU (see https://github.com/x/y) improve."), b => b.Canonical == "MMLU");
    }
}
