using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Parsing;

/// <summary>
/// The Kaggle <c>arxiv-metadata-oai-snapshot</c> JSON Lines: one object per line with <c>id, submitter, authors,
/// title, comments, journal-ref, doi, report-no, categories, license, abstract, versions[{version, created}],
/// update_date, authors_parsed[[last, first, suffix, affiliation…]]</c>; <c>null</c> is frequent. A bad line is a
/// record error; the rest of the file goes on.
/// </summary>
public static class ArxivJsonlParser
{
    public const string Format = "arxiv-jsonl";

    public static ParseResult Parse(string text)
    {
        var lines = new List<(int Index, string Line)>();
        var index = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add((index, line));
            }

            index++;
        }

        if (lines.Count == 0)
        {
            return new ParseResult([], []);
        }

        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(lines, l => ParseLine(l.Line), papers, errors);

        // Errors carry the line number (0-based) rather than the count of non-blank lines.
        errors = errors.Select(e => e with { Index = lines[e.Index].Index }).ToList();
        if (papers.Count == 0)
        {
            throw new PayloadRejectedException($"None of the {errors.Count} lines is an arXiv metadata record; first problem (line {errors[0].Index + 1}): {errors[0].Reason}");
        }

        return new ParseResult(papers, errors);
    }

    private static ParsedPaper ParseLine(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new RecordException($"line is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            return ParseObject(document.RootElement);
        }
    }

    internal static ParsedPaper ParseObject(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException($"line is a JSON {HfDailyParser.Describe(o.ValueKind)}, not an object");
        }

        var rawId = Str(o, "id");
        if (!ArxivId.TryParse(rawId, out var id, out var version))
        {
            throw new RecordException(rawId is null ? "record has no id" : $"id '{Records.Truncate(rawId)}' is not an arXiv id");
        }

        var titleRaw = Str(o, "title") ?? throw new RecordException($"record {id} has no title");
        var abstractRaw = Str(o, "abstract") ?? string.Empty;
        var comments = Str(o, "comments");
        var versions = new List<PaperVersion>();
        if (o.TryGetProperty("versions", out var vs) && vs.ValueKind == JsonValueKind.Array)
        {
            foreach (var v in vs.EnumerateArray())
            {
                var label = v.ValueKind == JsonValueKind.Object ? Str(v, "version") : v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (label is not null && int.TryParse(label.Trim().TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    versions.Add(new PaperVersion(n, v.ValueKind == JsonValueKind.Object ? Dates.Parse(Str(v, "created")) : null));
                }
            }
        }

        var ordered = Records.Versions(versions);
        var (categories, others) = Classifications.FromSpaceSeparated(Str(o, "categories"));
        return new ParsedPaper
        {
            Id = id,
            Version = ordered.Count > 0 ? ordered[^1].Version : version,
            Title = TextNormalizer.Normalize(titleRaw),
            TitleRaw = TextNormalizer.StripNul(titleRaw),
            Abstract = TextNormalizer.Normalize(abstractRaw),
            AbstractRaw = TextNormalizer.StripNul(abstractRaw),
            Authors = ReadAuthors(o),
            ArxivPublishedAt = ordered.Count > 0 ? ordered[0].Date : null,
            Updated = Dates.Parse(Str(o, "update_date")) ?? (ordered.Count > 0 ? ordered[^1].Date : null),
            Versions = ordered,
            Categories = categories,
            PrimaryCategory = categories.Count > 0 ? categories[0] : null,
            OtherClassifications = Classifications.WithCodes(others, Str(o, "msc-class"), Str(o, "acm-class")),
            Dois = Dois.Find(Str(o, "doi")),
            JournalRef = Records.Normalized(Str(o, "journal-ref")),
            License = Records.NullIfBlank(Str(o, "license")),
            Comments = Records.Normalized(comments),
            ReportNumber = Records.Normalized(Str(o, "report-no")),
            Submitter = Records.Normalized(Str(o, "submitter")),
            Links = Links.Find(abstractRaw, comments),
            Withdrawn = Withdrawal.InComment(comments),
            SourceFormat = Format,
        };
    }

    /// <summary>
    /// The <c>authors</c> string (TeX accents decoded, affiliations dropped); <c>authors_parsed</c> when the string
    /// is missing or splits into a different number of names than arXiv parsed.
    /// </summary>
    private static IReadOnlyList<string> ReadAuthors(JsonElement o)
    {
        var fromString = AuthorNames.Split(Str(o, "authors"));
        var parsed = new List<string>();
        if (o.TryGetProperty("authors_parsed", out var ap) && ap.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in ap.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var parts = a.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : null).ToList();
                var name = AuthorNames.FromParts(parts.ElementAtOrDefault(0), parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2));
                if (name.Length > 0)
                {
                    parsed.Add(name);
                }
            }
        }

        return fromString.Count > 0 && (parsed.Count == 0 || parsed.Count == fromString.Count) ? fromString : parsed;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>True when <paramref name="bytes"/> holds more than one top-level JSON value (JSON Lines).</summary>
    internal static bool IsJsonLines(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return reader.Read();
        }
        catch (JsonException)
        {
            // A broken first line still makes a JSON Lines file when later lines are objects.
            var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 1 << 20)]);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length > 1 && lines.Take(5).Count(l => l.StartsWith('{') && l.EndsWith('}')) >= 2;
        }
    }
}
