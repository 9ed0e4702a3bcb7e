using System.Text.Json.Nodes;

namespace Pipeline.Contracts.Tests;

/// <summary>
/// <see cref="RelatedPapersUpdated"/> v1, guarded like the paper events: (a) snapshot of the wire shape, (b) what
/// MassTransit writes validates, (c) the frozen golden message still reads with nothing lost, (d) unknown fields are
/// ignored, (e) routing keys <c>related.updated.{topic}</c> that no <c>paper.#</c> binding matches, (f) shape mutations
/// fail, and the curated schema documents exactly the fields on the wire.
/// </summary>
public sealed class RelatedPapersUpdatedContractTests
{
    private const string Name = "related-papers-updated";

    public static RelatedPapersUpdated Sample() => new()
    {
        SchemaVersion = RelatedPapersEvents.SchemaVersion,
        IdempotencyKey = "2406.12345:related:1782506100000:5f1c0a9e",
        PaperId = "2406.12345",
        Model = "all-MiniLM-L6-v2",
        ComputedAt = new DateTimeOffset(2026, 11, 26, 21, 15, 0, TimeSpan.Zero),
        Related =
        [
            new RelatedPaperRef("2106.09685", "LoRA: Low-Rank Adaptation of Large Language Models", 0.87),
            new RelatedPaperRef("2305.14314", "QLoRA: Efficient Finetuning of Quantized LLMs", 0.81),
        ],
        Topics = ["peft", "compression"],
    };

    [Fact]
    public void Generated_schema_matches_the_checked_in_snapshot()
    {
        var generated = ContractFiles.Generate(typeof(RelatedPapersUpdated));
        var path = ContractFiles.SnapshotFile(Name);
        if (ContractFiles.UpdateRequested)
        {
            File.WriteAllText(path, ContractFiles.Pretty(generated));
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}. Run the tests once with {ContractFiles.UpdateVariable}=1 to create it.");
        var snapshot = ContractFiles.Normalize(JsonNode.Parse(File.ReadAllText(path))!);
        Assert.True(
            JsonNode.DeepEquals(snapshot, generated),
            $"The wire shape of {Name} v1 changed: the schema generated from {nameof(RelatedPapersUpdated)} no longer equals {Path.GetRelativePath(ContractFiles.RepositoryRoot, path)} "
            + $"(see shared/Pipeline.Contracts/Schemas/README.md; accept a deliberate change with {ContractFiles.UpdateVariable}=1).\nGenerated now:\n{ContractFiles.Pretty(generated)}");
    }

    [Fact]
    public void A_fully_populated_event_serialized_by_MassTransit_validates()
    {
        var envelope = JsonNode.Parse(Wire.Serialize(Sample()))!.AsObject();
        Assert.Equal("urn:message:Pipeline.Contracts:RelatedPapersUpdated", envelope["messageType"]!.AsArray()[0]!.GetValue<string>());
        Assert.Empty(SchemaValidation.ErrorsAgainst(Name, envelope["message"]!));
    }

    [Fact]
    public void An_event_with_an_empty_list_and_no_topics_validates() =>
        Assert.Empty(SchemaValidation.ErrorsAgainst(Name, Wire.MessageOf(Sample() with { Related = [], Topics = [] })));

    [Fact]
    public void The_curated_schema_documents_exactly_the_fields_on_the_wire()
    {
        var generated = ContractFiles.Generate(typeof(RelatedPapersUpdated));
        var curated = JsonNode.Parse(File.ReadAllText(ContractFiles.SchemaFile(Name)))!.AsObject();
        var problems = new List<string>();
        SchemaValidationTests.Compare(generated, curated, curated, "#", problems);
        Assert.True(problems.Count == 0, $"shared/Pipeline.Contracts/Schemas/{Name}.v1.schema.json is out of step with {nameof(RelatedPapersUpdated)}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_schema_ships_inside_the_contracts_assembly()
    {
        using var stream = typeof(RelatedPapersUpdated).Assembly.GetManifestResourceStream($"Pipeline.Contracts.Schemas.{Name}.v1.schema.json");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(ContractFiles.SchemaFile(Name)), reader.ReadToEnd());
    }

    [Fact]
    public void The_v1_golden_message_reads_into_the_current_type_with_nothing_lost_and_validates()
    {
        var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenFile(Name)))!;
        var read = Wire.Deserialize<RelatedPapersUpdated>(golden);
        Assert.NotNull(read);
        var empty = typeof(RelatedPapersUpdated).GetProperties()
            .Where(p => p.Name != "EqualityContract" && GoldenMessageTests.IsEmpty(p.GetValue(read)))
            .Select(p => p.Name)
            .ToList();
        Assert.True(empty.Count == 0, $"Golden {Name} v1 left these members empty: {string.Join(", ", empty)}");
        GoldenMessageTests.AssertContains(golden["message"]!, Wire.MessageOf(read), "message");
        Assert.Empty(SchemaValidation.ErrorsAgainst(Name, golden["message"]!));

        // A paper event's envelope is not a related-list update, and the other way round.
        Assert.Null(Wire.Deserialize<RelatedPapersUpdated>(JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenPath(PaperEvents.Updated)))!));
        Assert.Null(Wire.Deserialize<PaperUpdated>(golden));
    }

    [Fact]
    public void Unknown_fields_are_ignored_when_read_and_by_the_schema()
    {
        var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenFile(Name)))!;
        var withExtras = golden.DeepClone();
        withExtras["message"]!["addedLater"] = new JsonObject { ["any"] = "shape" };
        withExtras["message"]!["related"]![0]!["method"] = "minilm";
        Assert.True(JsonNode.DeepEquals(
            Wire.MessageOf(Wire.Deserialize<RelatedPapersUpdated>(golden)!),
            Wire.MessageOf(Wire.Deserialize<RelatedPapersUpdated>(withExtras)!)), "Extra fields changed what was read.");
        Assert.Empty(SchemaValidation.ErrorsAgainst(Name, withExtras["message"]!));
    }

    [Fact]
    public void Routing_keys_are_related_updated_topic_one_per_topic_and_none_without_one()
    {
        Assert.Equal("related.updated.peft", RelatedPapersEvents.RoutingKey("peft"));
        Assert.Equal(["related.updated.peft", "related.updated.compression"], RelatedPapersEvents.RoutingKeys(Sample()));
        Assert.Equal(["related.updated.peft"], RelatedPapersEvents.RoutingKeys(Sample() with { Topics = ["peft", "peft"] }));
        Assert.Equal(["related.updated.none"], RelatedPapersEvents.RoutingKeys(Sample() with { Topics = [] }));
    }

    [Theory]
    [InlineData("paper.#", false)]
    [InlineData("paper.*.peft", false)]
    [InlineData("paper.updated.#", false)]
    [InlineData("#", true)]
    [InlineData("related.updated.#", true)]
    [InlineData("related.*.peft", true)]
    [InlineData("*.*.peft", true)]
    public void Only_related_bindings_receive_the_event(string binding, bool receives) =>
        Assert.Equal(receives, RelatedPapersEvents.RoutingKeys(Sample()).Any(key => Matches(binding, key)));

    [Theory]
    [InlineData("rename idempotencyKey idempotency_key")]
    [InlineData("rename computedAt computed")]
    [InlineData("remove model")]
    [InlineData("remove topics")]
    [InlineData("remove related/0/similarity")]
    [InlineData("rename related/0/paperId id")]
    [InlineData("set related \"2106.09685\"")]
    [InlineData("set topics \"peft\"")]
    [InlineData("set paperId null")]
    [InlineData("set computedAt \"26/11/2026\"")]
    [InlineData("set schemaVersion 2")]
    public void A_changed_shape_fails_validation(string mutation)
    {
        var message = Wire.MessageOf(Sample());
        SchemaValidationTests.Mutate(message, mutation);
        Assert.True(SchemaValidation.ErrorsAgainst(Name, message).Count > 0, $"{mutation} should fail {Name}.v1 but validated.");
    }

    /// <summary>AMQP topic matching: <c>*</c> is one word, <c>#</c> zero or more.</summary>
    private static bool Matches(string binding, string key)
    {
        static bool Match(string[] b, int i, string[] k, int j) =>
            i == b.Length ? j == k.Length
            : b[i] == "#" ? Enumerable.Range(j, k.Length - j + 1).Any(n => Match(b, i + 1, k, n))
            : j < k.Length && (b[i] == "*" || b[i] == k[j]) && Match(b, i + 1, k, j + 1);
        return Match(binding.Split('.'), 0, key.Split('.'), 0);
    }
}
