using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Classification;

/// <summary>
/// What <c>pipeline classify</c> does: reads JSON lines with <c>title</c> and <c>abstract</c> (strings, required) and
/// optionally <c>id</c> (string or number), <c>keywords</c> (array of strings), <c>githubRepo</c>, <c>projectPage</c>,
/// and writes one JSON line per input line, in order:
/// <c>{"id", "topics":[{"id","score","evidence":[{"phrase","field","offset"}]}], "baseModels":[{"name","family",
/// "version","size","variant"}], "benchmarks":[{"name","canonical"}], "scores":[{"benchmark","value","unit"}],
/// "improvements":[{"benchmark","value","unit"}], "languages", "paramSizes", "codeUrls", "hfUrls"}</c>.
/// A line that is not such an object yields <c>{"line": n, "error": "…"}</c> and the rest go on. Blank lines are skipped.
/// </summary>
public static class ClassifyJsonLines
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Processes all lines; returns (lines classified, lines in error).</summary>
    public static async Task<(int Classified, int Errors)> RunAsync(TopicClassifier classifier, TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        int number = 0, classified = 0, errors = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = ClassifyLine(classifier, line, number, out var ok);
            if (ok)
            {
                classified++;
            }
            else
            {
                errors++;
            }

            await output.WriteLineAsync(result.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return (classified, errors);
    }

    /// <summary>The output line for one input line (<paramref name="ok"/> false: an error line).</summary>
    public static string ClassifyLine(TopicClassifier classifier, string line, int lineNumber, out bool ok)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        string? id;
        ClassifierInput input;
        try
        {
            (id, input) = ParseInput(line);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            ok = false;
            return Write(w =>
            {
                w.WriteNumber("line", lineNumber);
                w.WriteString("error", ex.Message);
            });
        }

        ok = true;
        return ToJson(id, classifier.Classify(input));
    }

    /// <summary>The output object for one classified paper.</summary>
    public static string ToJson(string? id, Enrichment enrichment)
    {
        ArgumentNullException.ThrowIfNull(enrichment);
        return Write(w =>
        {
            if (id is null)
            {
                w.WriteNull("id");
            }
            else
            {
                w.WriteString("id", id);
            }

            w.WriteStartArray("topics");
            foreach (var topic in enrichment.Topics)
            {
                w.WriteStartObject();
                w.WriteString("id", topic.Id);
                w.WriteNumber("score", topic.Score);
                w.WriteStartArray("evidence");
                foreach (var e in topic.Evidence)
                {
                    w.WriteStartObject();
                    w.WriteString("phrase", e.Phrase);
                    w.WriteString("field", e.Field);
                    w.WriteNumber("offset", e.Offset);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("baseModels");
            foreach (var m in enrichment.BaseModels)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteString("family", m.Family);
                w.WriteString("version", m.Version);
                w.WriteString("size", m.Size);
                w.WriteString("variant", m.Variant);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("benchmarks");
            foreach (var b in enrichment.Benchmarks)
            {
                w.WriteStartObject();
                w.WriteString("name", b.Name);
                w.WriteString("canonical", b.Canonical);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteResults(w, "scores", enrichment.Scores.Select(s => ((string?)s.Benchmark, s.Value, s.Unit)));
            WriteResults(w, "improvements", enrichment.Improvements.Select(s => (s.Benchmark, s.Value, s.Unit)));
            WriteStrings(w, "languages", enrichment.Languages);
            WriteStrings(w, "paramSizes", enrichment.ParamSizes);
            WriteStrings(w, "codeUrls", enrichment.CodeUrls);
            WriteStrings(w, "hfUrls", enrichment.HuggingFaceUrls);
        });
    }

    private static (string? Id, ClassifierInput Input) ParseInput(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"expected a JSON object, found {root.ValueKind}");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw new InvalidDataException("\"id\" must be a string or a number"),
            };
        }

        var keywords = new List<string>();
        if (root.TryGetProperty("keywords", out var kw) && kw.ValueKind != JsonValueKind.Null)
        {
            if (kw.ValueKind != JsonValueKind.Array || kw.EnumerateArray().Any(k => k.ValueKind != JsonValueKind.String))
            {
                throw new InvalidDataException("\"keywords\" must be an array of strings");
            }

            keywords.AddRange(kw.EnumerateArray().Select(k => k.GetString()!));
        }

        return (id, new ClassifierInput
        {
            Title = RequiredString(root, "title"),
            Abstract = RequiredString(root, "abstract"),
            Keywords = keywords,
            GithubRepo = OptionalString(root, "githubRepo"),
            ProjectPage = OptionalString(root, "projectPage"),
        });
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"\"{name}\" is required and must be a string");

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidDataException($"\"{name}\" must be a string");

    private static void WriteResults(Utf8JsonWriter w, string name, IEnumerable<(string? Benchmark, double Value, string? Unit)> results)
    {
        w.WriteStartArray(name);
        foreach (var (benchmark, value, unit) in results)
        {
            w.WriteStartObject();
            w.WriteString("benchmark", benchmark);
            w.WriteNumber("value", value);
            w.WriteString("unit", unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
