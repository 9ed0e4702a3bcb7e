using System.CommandLine;
using Pipeline.Classification;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline classify [FILE.jsonl]</c>: enriches papers offline (no broker, no database). Reads JSON lines with
/// <c>title</c> and <c>abstract</c> (optional <c>id</c>, <c>keywords</c>) from the file or stdin and writes one JSON line
/// per input line, in order (<see cref="ClassifyJsonLines"/>); a malformed line yields <c>{"line", "error"}</c>.
/// </summary>
public static class ClassifyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "JSON lines to classify (default: stdin)", Arity = ArgumentArity.ZeroOrOne };
        var taxonomy = new Option<FileInfo?>("--taxonomy") { Description = "An operator's taxonomy JSON instead of the built-in one" };
        var command = new Command("classify", "Enrich JSON-lines papers offline: topics, models, benchmarks, scores, languages, sizes, links.") { file, taxonomy };
        command.SetAction(async (parse, ct) =>
        {
            var taxonomyFile = parse.GetValue(taxonomy);
            Taxonomy loaded;
            if (taxonomyFile is null)
            {
                loaded = Taxonomy.LoadDefault();
            }
            else
            {
                await using var stream = taxonomyFile.OpenRead();
                loaded = Taxonomy.Load(stream);
            }

            var classifier = new TopicClassifier(loaded);
            var input = parse.GetValue(file);
            if (input is not null && !input.Exists)
            {
                await Console.Error.WriteLineAsync($"{input.FullName}: no such file");
                return 2;
            }

            using var reader = input is null ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(input.FullName);
            await using var writer = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            var (classified, errors) = await ClassifyJsonLines.RunAsync(classifier, reader, writer, ct);
            await Console.Error.WriteLineAsync($"{classified} classified, {errors} malformed ({classifier.Version})");
            return 0;
        });
        return command;
    }
}
