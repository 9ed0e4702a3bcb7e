using System.CommandLine;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline eval [--split heldout|train|all] [--devset PATH]</c>: precision, recall and F1 of the built-in classifier
/// on the labelled development set (<see cref="Evaluation"/>); by default its held-out part, found under the repository
/// root (<c>tests/Pipeline.Classification.Tests/TestData/devset.jsonl</c>) from the current directory upwards.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var split = new Option<string>("--split") { Description = "Which part of the dev set", DefaultValueFactory = _ => DevSet.Heldout };
        split.AcceptOnlyFromAmong(DevSet.Heldout, DevSet.Train, "all");
        var devset = new Option<FileInfo?>("--devset") { Description = $"The dev set (default: {DevSet.RelativePath} under the repository root)" };
        var command = new Command("eval", "Precision, recall and F1 per topic and per entity type on the labelled dev set.") { split, devset };
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
            var papers = DevSet.Select(DevSet.Load(path), which);
            var classifier = new TopicClassifier(Taxonomy.LoadDefault());
            var report = Evaluation.Run(classifier, papers);
            await Console.Out.WriteAsync(Evaluation.FormatTable(report, $"{which} split of {path} ({classifier.Version})").AsMemory(), ct);
            return 0;
        });
        return command;
    }
}
