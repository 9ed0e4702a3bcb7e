using System.CommandLine;
using Pipeline.Parsing;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline parse [--format auto|…] FILE…</c>: runs the Parse service's parsers over local files, with no broker
/// or database. One JSON line per paper (de-duplicated across all files, versions merged) on stdout, one JSON line
/// per rejected file or record on stderr; exit 0 when every file parsed, 2 when any was rejected.
/// </summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Payload files (HF JSON/HTML, arXiv Atom/RSS, OAI-PMH, Kaggle JSONL, RSS/Atom/JSON Feed)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format")
        {
            Description = "Payload format; auto detects it from the content of each file",
            DefaultValueFactory = _ => PayloadParser.AutoFormat,
        };
        format.AcceptOnlyFromAmong([.. PayloadParser.Formats]);
        var command = new Command("parse", "Parse payload files without the pipeline and print one JSON object per paper.") { files, format };
        command.SetAction((parse, ct) =>
        {
            var inputs = parse.GetValue(files)!.Select(f => new ParseBatch.Input(f.ToString(), () => File.ReadAllBytes(f.FullName)));
            var exit = ParseBatch.Run(inputs, parse.GetValue(format)!, Console.Out, Console.Error, ct);
            return Task.FromResult(exit);
        });
        return command;
    }
}
