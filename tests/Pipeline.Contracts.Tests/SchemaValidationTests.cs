using System.Text.Json.Nodes;

namespace Pipeline.Contracts.Tests;

/// <summary>
/// (b) What MassTransit really writes validates against the checked-in schema; (f) the schema catches a removed,
/// renamed or retyped field, while extra fields (a newer publisher's additions) pass; the curated schema documents
/// exactly the fields the types put on the wire.
/// </summary>
public sealed class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void A_fully_populated_event_serialized_by_MassTransit_validates(string kind)
    {
        var envelope = JsonNode.Parse(Wire.Serialize(SampleEvents.OfKind(kind)))!.AsObject();

        // The envelope names the concrete type (and its base), which is how a receive endpoint picks the consumer.
        var messageTypes = envelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal($"urn:message:Pipeline.Contracts:{SampleEvents.TypeOf(kind).Name}", messageTypes[0]);

        var message = envelope["message"]!;
        Assert.Empty(SchemaValidation.Errors(kind, message));
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void An_event_with_only_required_members_validates(string kind)
    {
        // The smallest event the publisher can produce: optional members null or empty.
        PaperEvent minimal = new PaperPublished
        {
            IdempotencyKey = "2401.00001:v1:clf-1:000000000000",
            PaperId = "2401.00001",
            Revision = 1,
            Title = "t",
            Abstract = "a",
            Authors = [],
            Topics = [],
            CodeUrls = [],
            HuggingFaceUrls = [],
            SourceId = "s",
            EnrichmentVersion = "e",
            AbstractUrl = "https://arxiv.org/abs/2401.00001",
            PublishedAt = SampleEvents.PublishedAt,
        };
        Assert.Empty(SchemaValidation.Errors(kind, Wire.MessageOf(minimal)));
    }

    public static TheoryData<string, string> Mutations => new()
    {
        { "a renamed field", "rename idempotencyKey idempotency_key" },
        { "a renamed optional field", "rename upvotes upVotes" },
        { "a removed field", "remove publishedAt" },
        { "a removed nested field", "remove topics/0/score" },
        { "a renamed nested field", "rename topics/0/evidence/0/offset position" },
        { "a changed type", "set revision \"1\"" },
        { "a list that became a string", "set authors \"A. Author\"" },
        { "a null where none is allowed", "set title null" },
        { "a date that is not a date-time", "set publishedAt \"26/11/2026\"" },
        { "another schema version", "set schemaVersion 2" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_changed_shape_fails_validation(string what, string mutation)
    {
        foreach (var kind in new[] { PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn })
        {
            var message = Wire.MessageOf(SampleEvents.OfKind(kind));
            Mutate(message, mutation);
            Assert.True(SchemaValidation.Errors(kind, message).Count > 0, $"{what} ({mutation}) should fail paper-{kind}.v1 but validated.");
        }
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void Unknown_fields_pass_validation(string kind)
    {
        // additionalProperties stays open: a v1 publisher may add optional fields, and consumers must ignore them.
        var message = Wire.MessageOf(SampleEvents.OfKind(kind));
        message["addedLater"] = new JsonObject { ["any"] = "shape" };
        message["topics"]![0]!.AsObject()["rank"] = 1;
        Assert.Empty(SchemaValidation.Errors(kind, message));
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void The_curated_schema_documents_exactly_the_fields_on_the_wire(string kind)
    {
        var generated = ContractFiles.Generate(SampleEvents.TypeOf(kind));
        var curated = JsonNode.Parse(File.ReadAllText(ContractFiles.SchemaPath(kind)))!.AsObject();
        var problems = new List<string>();
        Compare(generated, curated, curated, "#", problems);
        Assert.True(problems.Count == 0,
            $"shared/Pipeline.Contracts/Schemas/paper-{kind}.v1.schema.json is out of step with {SampleEvents.TypeOf(kind).Name}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_three_schemas_differ_only_in_id_title_and_description()
    {
        JsonNode Body(string kind)
        {
            var schema = JsonNode.Parse(File.ReadAllText(ContractFiles.SchemaPath(kind)))!.AsObject();
            schema.Remove("$id");
            schema.Remove("title");
            schema.Remove("description");
            return schema;
        }

        Assert.True(JsonNode.DeepEquals(Body(PaperEvents.Published), Body(PaperEvents.Updated)), "paper-updated differs from paper-published beyond $id/title/description");
        Assert.True(JsonNode.DeepEquals(Body(PaperEvents.Published), Body(PaperEvents.Withdrawn)), "paper-withdrawn differs from paper-published beyond $id/title/description");
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void The_schema_ships_inside_the_contracts_assembly(string kind)
    {
        var name = $"Pipeline.Contracts.Schemas.paper-{kind}.v1.schema.json";
        using var stream = typeof(PaperEvent).Assembly.GetManifestResourceStream(name);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(ContractFiles.SchemaPath(kind)), reader.ReadToEnd());
    }

    /// <summary>Walks the generated schema; at every object the curated one must list the same properties, require
    /// at least what the C# type requires, and allow the same JSON types (ignoring null, which the curated schema
    /// spells out per field).</summary>
    internal static void Compare(JsonNode generated, JsonNode curated, JsonObject root, string path, List<string> problems)
    {
        if (generated is not JsonObject g)
        {
            return; // `true`: a type MassTransit serializes with its own converter (the provenance dictionary).
        }

        var c = Resolve(curated, root);
        var gTypes = Types(g);
        var cTypes = Types(c);
        if (gTypes.Count > 0 && !gTypes.SetEquals(cTypes))
        {
            problems.Add($"{path}: type [{string.Join(",", gTypes)}] on the wire, [{string.Join(",", cTypes)}] in the schema");
        }

        if (g["properties"] is JsonObject gProps)
        {
            var cProps = c["properties"] as JsonObject ?? [];
            foreach (var name in gProps.Select(p => p.Key).Except(cProps.Select(p => p.Key)))
            {
                problems.Add($"{path}/{name}: on the wire but not in the schema");
            }

            foreach (var name in cProps.Select(p => p.Key).Except(gProps.Select(p => p.Key)))
            {
                problems.Add($"{path}/{name}: in the schema but no longer on the wire (a removal or rename needs a new schema version)");
            }

            var cRequired = (c["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var name in (g["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => !cRequired.Contains(r)))
            {
                problems.Add($"{path}/{name}: required by the C# type but not by the schema");
            }

            foreach (var (name, value) in gProps)
            {
                if (value is not null && cProps[name] is { } curatedProperty)
                {
                    Compare(value, curatedProperty, root, $"{path}/{name}", problems);
                }
            }
        }

        if (g["items"] is { } gItems && c["items"] is { } cItems)
        {
            Compare(gItems, cItems, root, $"{path}[]", problems);
        }
    }

    private static JsonObject Resolve(JsonNode node, JsonObject root)
    {
        var obj = node.AsObject();
        return obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? root["$defs"]![reference["#/$defs/".Length..]]!.AsObject()
            : obj;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>()).Where(t => t != "null")],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    /// <summary><c>rename a/b c</c>, <c>remove a/0/b</c>, <c>set a JSON</c>.</summary>
    internal static void Mutate(JsonObject message, string mutation)
    {
        var parts = mutation.Split(' ', 3);
        var segments = parts[1].Split('/');
        JsonNode parent = message;
        foreach (var segment in segments[..^1])
        {
            parent = int.TryParse(segment, out var index) ? parent[index]! : parent[segment]!;
        }

        var obj = parent.AsObject();
        var last = segments[^1];
        Assert.True(obj.ContainsKey(last), $"mutation {mutation}: no {parts[1]}");
        switch (parts[0])
        {
            case "rename":
                var value = obj[last];
                obj.Remove(last);
                obj[parts[2]] = value;
                break;
            case "remove":
                obj.Remove(last);
                break;
            case "set":
                obj[last] = JsonNode.Parse(parts[2]);
                break;
            default:
                throw new ArgumentException(mutation, nameof(mutation));
        }
    }
}
