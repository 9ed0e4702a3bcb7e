using System.CommandLine;
using System.Globalization;
using System.Text;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline train-topics [--split tune] [--devset PATH] [--out PATH] [--search] [--positive-weight-power P] [--cv-only]</c>: trains the linear topic model
/// (<see cref="TopicModelTrainer"/>) offline on the dev set's tuning rows (never <c>heldout8</c>) and writes its
/// weights file, by default <c>shared/Pipeline.Classification/topic-model.json</c> under the repository root, which
/// the library embeds at its next build. Prints the 5-fold cross-validated topic micro/macro F1 of the rules alone,
/// the model alone and the blend; <c>--search</c> first chooses the hyper-parameters by cross-validation over a small
/// grid (slow: minutes). Deterministic: the same dev set gives the same file.
/// </summary>
public static class TrainTopicsCommand
{
    public static Command Create()
    {
        var split = new Option<string>("--split") { Description = "Training rows: tune (default) or tuning splits joined by '+' (never heldout8)", DefaultValueFactory = _ => DevSet.Tune };
        var devset = new Option<FileInfo?>("--devset") { Description = $"The dev set (default: {DevSet.RelativePath} under the repository root, with its companions)" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the weights (default: shared/Pipeline.Classification/topic-model.json under the repository root)" };
        var positiveWeight = new Option<double?>("--positive-weight-power") { Description = "Class weighting of rare topics: a positive counts (negatives/positives)^P times, between 1 and 10 (default 0.5; 0: unweighted)" };
        var cvOnly = new Option<bool>("--cv-only") { Description = "Print the cross-validated figures and stop (no weights written)" };
        var search = new Option<bool>("--search") { Description = "Choose L1, title weight, rule scale, blend and thresholds by cross-validation first" };
        var command = new Command("train-topics", "Train the linear topic model on the dev set's tuning rows and write its weights file.") { split, devset, output, search, positiveWeight, cvOnly };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(devset)?.FullName ?? DevSet.Find(Directory.GetCurrentDirectory()) ?? DevSet.Find(AppContext.BaseDirectory);
            if (path is null || !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"dev set not found: run from the repository or pass --devset ({DevSet.RelativePath})");
                return 2;
            }

            var which = parse.GetValue(split)!;
            if (!DevSet.IsValidSplit(which) || DevSet.IncludesHeldOut(which) || which == "all")
            {
                await Console.Error.WriteLineAsync($"--split must be {DevSet.Tune} or tuning splits ({string.Join(", ", DevSet.TuningSplits)}) joined by '+'");
                return 2;
            }

            var papers = DevSet.Select(DevSet.LoadWithSecond(path), which);
            var taxonomy = Taxonomy.LoadDefault();
            var options = new TopicTrainingOptions();
            if (parse.GetValue(positiveWeight) is { } power)
            {
                if (!double.IsFinite(power) || power < 0)
                {
                    await Console.Error.WriteLineAsync($"--positive-weight-power must be a finite number >= 0 (0: unweighted), not {power}");
                    return 2;
                }

                options = options with { PositiveWeightPower = power };
            }

            if (parse.GetValue(search))
            {
                (options, var report) = TopicModelTrainer.Search(
                    taxonomy, papers, options, [0.00003, 0.0001, 0.0003, 0.001], [3], [1], [0.35, 0.5, 0.75, 1], line => Console.WriteLine(line));
                await Console.Out.WriteAsync(report.AsMemory(), ct);
            }

            var figures = TopicModelTrainer.CrossValidate(taxonomy, papers, options);
            var about = new StringBuilder();
            about.Append(CultureInfo.InvariantCulture, $"Linear topic model (one-vs-rest elastic-net logistic regression over title/abstract/keyword unigrams and bigrams plus every topic's rule score), trained by 'pipeline train-topics' on the {which} rows ({papers.Count} papers) of the dev set. {TopicModelTrainer.Describe(options)}. {options.Folds}-fold cross-validated topic micro / macro F1 (seed {options.Seed}):");
            foreach (var figure in figures)
            {
                about.Append(CultureInfo.InvariantCulture, $" {figure.Name} {figure.Micro:0.000} / {figure.Macro:0.000};");
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{figure.Micro:0.000} / {figure.Macro:0.000}  {figure.Name}"));
            }

            if (parse.GetValue(cvOnly))
            {
                return 0;
            }

            var json = TopicModelTrainer.Train(taxonomy, papers, options, about.ToString().TrimEnd(';') + ".", Console.WriteLine);
            var target = parse.GetValue(output)?.FullName
                ?? Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!)!)!, "shared", "Pipeline.Classification", "topic-model.json");
            await File.WriteAllTextAsync(target, json + "\n", ct);
            await Console.Out.WriteLineAsync($"wrote {target} ({json.Length} chars); rebuild the library to embed it");
            return 0;
        });
        return command;
    }
}
