using System.CommandLine;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline eval [--split heldout8|tune|train|train2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|all|A+B] [--devset PATH] [--errors] [--model FILE]</c>: precision, recall and
/// F1 of the built-in classifier on the labelled development set (<see cref="Evaluation"/>); by default its held-out part,
/// found under the repository root (<c>tests/Pipeline.Classification.Tests/TestData/devset.jsonl</c>) from the current
/// directory upwards. <c>devset2.jsonl</c> … <c>devset8.jsonl</c> beside it, when present, are loaded too; splits join
/// with '+' (<c>--split train+train2</c>), <c>tune</c> is every tuning split. <c>--errors</c> lists each paper's misses
/// and false positives, for tuning splits only (never <c>heldout8</c>). <c>--reader FILE</c> scores a second reader's
/// labels of the same papers instead of the classifier (inter-annotator agreement: the ceiling a classifier can reach
/// against one reader).
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var split = new Option<string>("--split") { Description = "Which part of the dev set: heldout8 (reported), tune (every tuning split: train+train2+heldout+heldout2+heldout3+heldout4+heldout5+heldout6+heldout7), one of those, all, or several joined by '+'", DefaultValueFactory = _ => DevSet.Heldout8 };
        split.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !DevSet.IsValidSplit(value))
            {
                result.AddError($"--split must be 'all', '{DevSet.Tune}' or one or more of {string.Join(", ", DevSet.Splits)} joined by '+'.");
            }
        });
        var devset = new Option<FileInfo?>("--devset") { Description = $"The dev set (default: {DevSet.RelativePath} under the repository root; {string.Join(" and ", DevSet.CompanionFileNames)} beside it are loaded too)" };
        var errors = new Option<bool>("--errors") { Description = "Also list each paper's errors (tuning splits only, never heldout8)" };
        var reader = new Option<FileInfo?>("--reader")
        {
            Description = "Score another reader's labels of the same papers (dev-set rows, matched by id; only those ids count) instead of the classifier: how far people agree",
        };
        var model = new Option<FileInfo?>("--model") { Description = "Classify with this topic weights file (written by train-topics --out) instead of the embedded one" };
        var command = new Command("eval", "Precision, recall and F1 per topic and per entity type on the labelled dev set.") { split, devset, errors, reader, model };
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
            if (showErrors && DevSet.IncludesHeldOut(which))
            {
                await Console.Error.WriteLineAsync($"--errors lists per-paper errors for tuning splits only ({string.Join(", ", DevSet.TuningSplits)}), never {DevSet.Heldout8}");
                return 2;
            }

            var papers = DevSet.Select(DevSet.LoadWithSecond(path), which);
            var weights = parse.GetValue(model);
            TopicClassifier classifier;
            try
            {
                classifier = weights is null ? new TopicClassifier(Taxonomy.LoadDefault()) : TopicClassifier.WithModelFile(Taxonomy.LoadDefault(), weights.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"--model: {e.Message}");
                return 2;
            }

            List<(DevSetPaper Gold, Enrichment Predicted)> pairs;
            string by;
            var other = parse.GetValue(reader);
            if (other is not null)
            {
                var second = DevSet.Load(other.FullName).ToDictionary(p => p.Id, StringComparer.Ordinal);
                pairs = [.. papers.Where(p => second.ContainsKey(p.Id)).Select(p => (p, second[p.Id].LabelsAsEnrichment()))];
                by = $"second reader {other.Name}, {pairs.Count} papers in common";
            }
            else
            {
                pairs = [.. papers.Select(p => (p, classifier.Classify(p.ToInput())))];
                by = classifier.Version;
            }

            var counts = pairs.Select(p => Evaluation.Compare(p.Gold, p.Predicted)).ToList();
            var report = Evaluation.Summarise(counts);
            await Console.Out.WriteAsync(Evaluation.FormatTable(report, $"{which} split of {Path.GetFileName(path)} (+ {string.Join(", ", DevSet.CompanionFileNames.Where(n => File.Exists(Path.Combine(Path.GetDirectoryName(path) ?? ".", n))))} beside it) in {Path.GetDirectoryName(path)} ({by})", Evaluation.Bootstrap(counts)).AsMemory(), ct);
            if (other is null)
            {
                // Topic scores are the classifier's; a second reader's labels carry none.
                await Console.Out.WriteLineAsync();
                await Console.Out.WriteAsync(Evaluation.FormatCalibration(Evaluation.Calibration(pairs)).AsMemory(), ct);
            }

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
