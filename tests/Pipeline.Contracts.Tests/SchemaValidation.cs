using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Pipeline.Contracts.Tests;

public static class SchemaValidation
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The validation errors of <paramref name="message"/> against the checked-in schema of <paramref name="kind"/>, one line each.</summary>
    public static IReadOnlyList<string> Errors(string kind, JsonNode message) => ErrorsAgainst($"paper-{kind}", message);

    /// <summary>The validation errors of <paramref name="message"/> against the checked-in schema file <paramref name="name"/> (stem, e.g. <c>related-papers-updated</c>).</summary>
    public static IReadOnlyList<string> ErrorsAgainst(string name, JsonNode message)
    {
        var results = ContractFiles.LoadSchemaFile(name).Evaluate(JsonSerializer.SerializeToElement(message), Options);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({e.Key}): {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")];
    }
}
