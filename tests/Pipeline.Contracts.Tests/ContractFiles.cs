using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Json.Schema;
using MassTransit.Serialization;

namespace Pipeline.Contracts.Tests;

/// <summary>The checked-in schemas, snapshots and golden files, read from the source tree (not the build output),
/// so that <c>UPDATE_CONTRACT_SNAPSHOTS=1</c> rewrites the files that are committed.</summary>
public static class ContractFiles
{
    /// <summary>Set to <c>1</c> to accept a deliberate change of the wire shape: the snapshot tests rewrite their files.</summary>
    public const string UpdateVariable = "UPDATE_CONTRACT_SNAPSHOTS";

    public static readonly string RepositoryRoot = FindRoot();

    public static string SchemaDirectory => Path.Combine(RepositoryRoot, "shared", "Pipeline.Contracts", "Schemas");

    public static string TestDirectory => Path.Combine(RepositoryRoot, "tests", "Pipeline.Contracts.Tests");

    public static string SchemaPath(string kind) => SchemaFile($"paper-{kind}");

    public static string SnapshotPath(string kind) => SnapshotFile($"paper-{kind}");

    public static string GoldenPath(string kind) => GoldenFile($"paper-{kind}");

    /// <summary>The checked-in schema of an event by its file name stem, e.g. <c>related-papers-updated</c>.</summary>
    public static string SchemaFile(string name) => Path.Combine(SchemaDirectory, $"{name}.v1.schema.json");

    public static string SnapshotFile(string name) => Path.Combine(TestDirectory, "Snapshots", $"{name}.v1.generated.json");

    public static string GoldenFile(string name) => Path.Combine(TestDirectory, "Golden", $"{name}.v1.json");

    public static bool UpdateRequested =>
        Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The checked-in, hand-curated JSON Schema of one event kind.</summary>
    public static JsonSchema LoadSchema(string kind) => LoadSchemaFile($"paper-{kind}");

    /// <summary>The checked-in JSON Schema by its file name stem.</summary>
    public static JsonSchema LoadSchemaFile(string name) =>
        JsonSchema.FromText(File.ReadAllText(SchemaFile(name)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>
    /// The JSON Schema System.Text.Json derives from the C# type with MassTransit's serializer options (camelCase,
    /// nulls written, MassTransit's converters): the wire shape as the code sees it today.
    /// </summary>
    public static JsonNode Generate(Type eventType)
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options);
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(options, eventType, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        return Normalize(schema);
    }

    /// <summary>Object keys sorted and <c>required</c> arrays sorted: order carries no meaning in a schema.</summary>
    public static JsonNode Normalize(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : p.Key == "required" && p.Value is JsonArray required
                ? (JsonNode)new JsonArray([.. required.Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))])
                : Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Normalize(item))]),
        _ => node.DeepClone(),
    };

    public static string Pretty(JsonNode node) => node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Pipeline.sln not found above {AppContext.BaseDirectory}.");
    }
}
