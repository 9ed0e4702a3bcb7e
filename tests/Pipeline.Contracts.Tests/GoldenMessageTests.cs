using System.Collections;
using System.Text.Json.Nodes;

namespace Pipeline.Contracts.Tests;

/// <summary>
/// (c) Messages published under v1 (Golden/*.json: whole MassTransit envelopes, frozen — never regenerate them) still
/// read into today's types with nothing lost; (d) unknown fields are ignored. Golden files are the memory of what v1
/// producers sent: when a change breaks one of these tests it breaks every consumer that still receives, replays or
/// stores such messages.
/// </summary>
public sealed class GoldenMessageTests
{
    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void A_v1_message_reads_into_the_current_type_with_every_field_populated(string kind)
    {
        var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenPath(kind)))!;
        var paperEvent = Read(kind, golden);

        Assert.IsType(SampleEvents.TypeOf(kind), paperEvent);
        var empty = paperEvent.GetType().GetProperties()
            .Where(p => p.PropertyType != typeof(bool) && p.Name != "EqualityContract")
            .Where(p => IsEmpty(p.GetValue(paperEvent)))
            .Select(p => p.Name)
            .ToList();
        Assert.True(empty.Count == 0, $"Golden paper-{kind} v1 left these members empty: {string.Join(", ", empty)}");

        // Nothing the v1 producer sent is lost: written back, every golden value is there unchanged.
        var written = Wire.MessageOf(paperEvent);
        AssertContains(golden["message"]!, written, "message");
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void A_v1_message_validates_against_the_current_schema(string kind)
    {
        var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenPath(kind)))!;
        Assert.Empty(SchemaValidation.Errors(kind, golden["message"]!));
    }

    [Theory]
    [MemberData(nameof(SampleEvents.Kinds), MemberType = typeof(SampleEvents))]
    public void Unknown_fields_are_ignored(string kind)
    {
        var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenPath(kind)))!;
        var withExtras = golden.DeepClone();
        withExtras["futureEnvelopeField"] = "x";
        withExtras["message"]!["summaryV1_3"] = new JsonObject { ["text"] = "added later", ["model"] = new JsonArray(1, 2) };
        withExtras["message"]!["topics"]![0]!["rank"] = 1;
        withExtras["message"]!["related"]![0]!["method"] = "minilm";

        var original = Wire.MessageOf(Read(kind, golden));
        var read = Wire.MessageOf(Read(kind, withExtras));
        Assert.True(JsonNode.DeepEquals(original, read), "Extra fields changed what was read.");
    }

    [Fact]
    public void The_golden_files_carry_the_kinds_message_types()
    {
        foreach (var kind in new[] { PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn })
        {
            var golden = JsonNode.Parse(File.ReadAllText(ContractFiles.GoldenPath(kind)))!;
            Assert.Contains(
                $"urn:message:Pipeline.Contracts:{SampleEvents.TypeOf(kind).Name}",
                golden["messageType"]!.AsArray().Select(t => t!.GetValue<string>()));
            // Nothing but the concrete type matches: a PaperPublished envelope does not read as a PaperUpdated.
            foreach (var other in new[] { PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn }.Where(k => k != kind))
            {
                Assert.Null(Read(other, golden, allowMissing: true));
            }
        }
    }

    [Fact]
    public void The_abstract_base_cannot_be_read_so_consumers_take_the_concrete_types()
    {
        // The envelope also lists urn:message:Pipeline.Contracts:PaperEvent, but PaperEvent is abstract: an
        // IConsumer<PaperEvent> would fail on every message. Consume PaperPublished, PaperUpdated and PaperWithdrawn
        // (see samples/Pipeline.ExampleConsumer). If this starts to pass, update the schema README.
        var golden = File.ReadAllBytes(ContractFiles.GoldenPath(PaperEvents.Published));
        Assert.Throws<NotSupportedException>(() => Wire.Deserialize<PaperEvent>(golden));
    }

    private static PaperEvent Read(string kind, JsonNode envelope) => Read(kind, envelope, allowMissing: false)!;

    private static PaperEvent? Read(string kind, JsonNode envelope, bool allowMissing)
    {
        PaperEvent? read = kind switch
        {
            PaperEvents.Published => Wire.Deserialize<PaperPublished>(envelope),
            PaperEvents.Updated => Wire.Deserialize<PaperUpdated>(envelope),
            PaperEvents.Withdrawn => Wire.Deserialize<PaperWithdrawn>(envelope),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.True(allowMissing || read is not null, $"MassTransit did not read the envelope as paper-{kind}.");
        return read;
    }

    internal static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IEnumerable e => !e.GetEnumerator().MoveNext(),
        int i => i == 0,
        double d => d == 0,
        DateTimeOffset t => t == default,
        _ => false,
    };

    /// <summary>Every value of <paramref name="expected"/> is in <paramref name="actual"/> (which may have more fields).</summary>
    internal static void AssertContains(JsonNode expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var actualObj = Assert.IsType<JsonObject>(actual, exactMatch: false);
                foreach (var (key, value) in obj)
                {
                    Assert.True(actualObj.ContainsKey(key), $"{path}.{key} was sent by v1 but is lost when read today");
                    if (value is null)
                    {
                        Assert.Null(actualObj[key]);
                    }
                    else
                    {
                        AssertContains(value, actualObj[key], $"{path}.{key}");
                    }
                }

                break;
            case JsonArray array:
                var actualArray = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(array.Count == actualArray.Count, $"{path}: {array.Count} items sent, {actualArray.Count} read");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertContains(array[i]!, actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: sent {expected.ToJsonString()}, read back {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
