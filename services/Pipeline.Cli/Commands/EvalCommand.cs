using System.CommandLine;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline eval [--split heldout|train|heldout2|train2|all|A+B] [--devset PATH] [--errors]</c>: precision, recall and
/// F1 of the built-in classifier on the labelled development set (<see cref="Evaluation"/>); by default its held-out part,
/// found under the repository root (<c>tests/Pipeline.Classification.Tests/TestData/devset.jsonl</c>) from the current
/// directory upwards. <c>devset2.jsonl</c> beside it, when present, is loaded too (splits <c>train2</c>, <c>heldout2</c>);
/// splits join with '+' (<c>--split train+train2</c>). <c>--errors</c> lists each paper's misses and false
/// positives, for tuning splits only (never a held-out one).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var split = new Option<string>("--split") { Description = "Which part of the dev set: train, heldout, train2, heldout2, all, or several joined by '+' (train+train2)", DefaultValueFactory = _ => DevSet.Heldout };
        split.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !DevSet.IsValidSplit(value))
            {
                result.AddError($"--split must be 'all' or one or more of {string.Join(", ", DevSet.Splits)} joined by '+'.");
            }
        });
        var devset = new Option<FileInfo?>("--devset") { Description = $"The dev set (default: {DevSet.RelativePath} under the repository root; {DevSet.SecondFileName} beside it is loaded too)" };
        var errors = new Option<bool>("--errors") { Description = "Also list each paper's errors (train splits only)" };
        var command = new Command("eval", "Precision, recall and F1 per topic and per entity type on the labelled dev set.") { split, devset, errors };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(devset)?.FullName
                ?? DevSet.Find(Directory.GetCurrentDirectory())
                ?? DevSet.Find(AppContext.BaseDirectory);
            if (path is null || !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"dev set not found: run from the repository or pass --devset ({DevSet.RelativePath})");
                return 2;
            }

            var which = parse.GetValue(split)!;
            var showErrors = parse.GetValue(errors);
            if (showErrors && (which == "all" || which.Split('+').Any(s => s is DevSet.Heldout or DevSet.Heldout2)))
            {
                await Console.Error.WriteLineAsync("--errors lists per-paper errors for tuning splits only (train, train2), never held-out ones");
                return 2;
            }

            var papers = DevSet.Select(DevSet.LoadWithSecond(path), which);
            var classifier = new TopicClassifier(Taxonomy.LoadDefault());
            var pairs = papers.Select(p => (p, classifier.Classify(p.ToInput()))).ToList();
            var report = Evaluation.Evaluate(pairs);
            await Console.Out.WriteAsync(Evaluation.FormatTable(report, $"{which} split of {Path.GetFileName(path)} (+ {DevSet.SecondFileName} beside it) in {Path.GetDirectoryName(path)} ({classifier.Version})").AsMemory(), ct);
            if (showErrors)
            {
                await Console.Out.WriteLineAsync();
                await Console.Out.WriteAsync(Evaluation.FormatErrors(pairs).AsMemory(), ct);
            }

            return 0;
        });
        return command;
    }
}
