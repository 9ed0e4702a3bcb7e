namespace Pipeline.Contracts.Tests;

/// <summary>
/// (a) The wire shape derived from the C# types today equals the checked-in snapshot. A failure means a change to a
/// contract type (or to MassTransit's serializer settings) changed what goes on the wire.
/// </summary>
public sealed class SchemaSnapshotTests
{
    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void Generated_schema_matches_the_checked_in_snapshot(string kind)
    {
        var generated = ContractFiles.Generate(SampleEvents.TypeOf(kind));
        var path = ContractFiles.SnapshotPath(kind);
        if (ContractFiles.UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, ContractFiles.Pretty(generated));
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}. Run the tests once with {ContractFiles.UpdateVariable}=1 to create it.");
        var snapshot = ContractFiles.Normalize(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!);
        if (!System.Text.Json.Nodes.JsonNode.DeepEquals(snapshot, generated))
        {
            Assert.Fail(
                $"The wire shape of paper-{kind} v1 changed: the schema generated from {SampleEvents.TypeOf(kind).Name} no longer equals {Path.GetRelativePath(ContractFiles.RepositoryRoot, path)}.\n"
                + "If this was an accident, undo the change to the contract type.\n"
                + "If it is deliberate: an added optional (non-required) field keeps v1; a removal, rename or type change needs schemaVersion 2 and a new schema file "
                + "(see shared/Pipeline.Contracts/Schemas/README.md). Then accept it with\n"
                + $"    {ContractFiles.UpdateVariable}=1 dotnet test tests/Pipeline.Contracts.Tests\n"
                + "and document the field in shared/Pipeline.Contracts/Schemas/paper-*.v1.schema.json (a test checks they list the same fields).\n"
                + $"Generated now:\n{ContractFiles.Pretty(generated)}");
        }
    }
}
