using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Pipeline.Classification;

// Throughput of the enrichment fast path (topics + every extractor, exactly what TopicClassifier.Classify does) in
// papers per second on ONE core: the process is pinned to CPU 0, each configuration is warmed up, then timed over
// several runs, and the median is reported. Input: the dev set's papers (real HF abstracts), cycled.
//
//   dotnet run -c Release --project bench/Pipeline.Benchmarks [-- --runs 7 --papers 6000 --warmup 3 --devset PATH]
var runs = IntArg("--runs", 7);
var papersPerRun = IntArg("--papers", 6000);
var devsetPath = StringArg("--devset") ?? DevSet.Find(Directory.GetCurrentDirectory()) ?? DevSet.Find(AppContext.BaseDirectory)
    ?? throw new FileNotFoundException($"{DevSet.RelativePath} not found above the current directory; pass --devset PATH");

if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1; // CPU 0 only
}

var inputs = DevSet.Load(devsetPath).Select(p => p.ToInput()).ToArray();
var taxonomy = Taxonomy.LoadDefault();
var classifier = new TopicClassifier(taxonomy);
var reference = new TopicClassifier(taxonomy) { UsePrefilter = false };

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{inputs.Length} distinct papers (mean abstract {inputs.Average(i => i.Abstract.Length):F0} chars), {papersPerRun} papers per run, {runs} runs, pinned to CPU 0"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical CPUs on the machine"));
if (File.Exists("/proc/loadavg"))
{
    Console.WriteLine($"load average before the runs: {File.ReadAllText("/proc/loadavg").Trim()} (other processes share the machine)");
}

Console.WriteLine();

// Warm every configuration up first, then measure. Tiered JIT compiles the hot methods again with profile data on a
// background thread, which shares the one pinned core: a fixed number of warm-up calls left the first configuration
// measured (the fast path) still being recompiled in its first timed runs (median 2,000-2,400/s with minimums near
// 1,200, against ~2,800/s for the same work measured last). So each configuration is warmed for --warmup seconds
// (default 3, at least ten passes over the inputs), and then all of them once more for a second.
var warmup = TimeSpan.FromSeconds(IntArg("--warmup", 3));
Func<ClassifierInput, int>[] all = [i => classifier.Classify(i).Topics.Count, i => TopicsOnly(classifier, i), i => TopicsOnly(reference, i), Extractors, Models, Benchmarks, BenchmarksAndScores, TheRest];
foreach (var (work, seconds) in all.Select(w => (w, warmup)).Concat(all.Select(w => (w, TimeSpan.FromSeconds(1)))))
{
    var watch = Stopwatch.StartNew();
    for (var w = 0; w < 10 * inputs.Length || watch.Elapsed < seconds; w++)
    {
        work(inputs[w % inputs.Length]);
    }
}

Measure("fast path: Classify (topics + all extractors)", i => classifier.Classify(i).Topics.Count);
Measure("  topics only, prefiltered (no extractors)", i => TopicsOnly(classifier, i));
Measure("  topics only, every regex (before: no prefilter)", i => TopicsOnly(reference, i));
Measure("  extractors only (models, benchmarks, scores, languages, sizes, links)", Extractors);
Measure("    models", Models);
Measure("    benchmarks", Benchmarks);
Measure("    benchmarks + scores (scores alone: the difference)", BenchmarksAndScores);
Measure("    languages, sizes, links", TheRest);

static int TopicsOnly(TopicClassifier c, ClassifierInput i) => c.ClassifyTopics(i).Count;

static int Extractors(ClassifierInput i)
{
    var benchmarks = BenchmarkExtractor.Extract(i.Title, i.Abstract);
    return ModelExtractor.Extract(i.Title, i.Abstract).Count + benchmarks.Count
        + ScoreExtractor.Extract(i.Title, i.Abstract, benchmarks).Scores.Count
        + LanguageExtractor.Extract(i.Title, i.Abstract).Count + ParamSizeExtractor.Extract(i.Title, i.Abstract).Count
        + LinkExtractor.Extract(i).Code.Count;
}

static int Models(ClassifierInput i) => ModelExtractor.Extract(i.Title, i.Abstract).Count;

static int Benchmarks(ClassifierInput i) => BenchmarkExtractor.Extract(i.Title, i.Abstract).Count;

static int BenchmarksAndScores(ClassifierInput i) =>
    ScoreExtractor.Extract(i.Title, i.Abstract, BenchmarkExtractor.Extract(i.Title, i.Abstract)).Scores.Count;

static int TheRest(ClassifierInput i) =>
    LanguageExtractor.Extract(i.Title, i.Abstract).Count + ParamSizeExtractor.Extract(i.Title, i.Abstract).Count + LinkExtractor.Extract(i).Code.Count;

void Measure(string name, Func<ClassifierInput, int> work)
{
    var sink = 0;

    var rates = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        GC.Collect();
        var sw = Stopwatch.StartNew();
        for (var n = 0; n < papersPerRun; n++)
        {
            sink += work(inputs[n % inputs.Length]);
        }

        sw.Stop();
        rates.Add(papersPerRun / sw.Elapsed.TotalSeconds);
    }

    rates.Sort();
    var median = rates[rates.Count / 2];
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-72} median {median,8:F0} papers/s  ({1e6 / median,6:F1} µs/paper; min {rates[0]:F0}, max {rates[^1]:F0}){(sink == int.MinValue ? "!" : string.Empty)}"));
}

int IntArg(string name, int fallback) => StringArg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? StringArg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
