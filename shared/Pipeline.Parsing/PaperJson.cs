using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Parsing;

/// <summary>
/// The one-line JSON shapes of <c>pipeline parse</c>: a paper on stdout (camelCase: <c>id, version, title, titleRaw,
/// abstract, abstractRaw, authors, published, updated, categories, primaryCategory, doi, journalRef, license,
/// links{code, huggingFace, project}, source</c>, then the other fields), and a rejected file or record on stderr
/// (<c>file, index?, reason</c>).
/// </summary>
public static class PaperJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Names and abstracts stay readable (Wübben, not W\u00FCbben); the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string Serialize(ParsedPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", paper.Id);
            Number(w, "version", paper.Version);
            w.WriteString("title", paper.Title);
            w.WriteString("titleRaw", paper.TitleRaw);
            w.WriteString("abstract", paper.Abstract);
            w.WriteString("abstractRaw", paper.AbstractRaw);
            Strings(w, "authors", paper.Authors);
            Date(w, "published", paper.ArxivPublishedAt);
            Date(w, "updated", paper.Updated);
            Strings(w, "categories", paper.Categories);
            StringOrNull(w, "primaryCategory", paper.PrimaryCategory);
            StringOrNull(w, "doi", paper.Dois.Count > 0 ? paper.Dois[0] : null);
            StringOrNull(w, "journalRef", paper.JournalRef);
            StringOrNull(w, "license", paper.License);
            w.WriteStartObject("links");
            Strings(w, "code", paper.Links.Code);
            Strings(w, "huggingFace", paper.Links.HuggingFace);
            Strings(w, "project", paper.Links.Project);
            w.WriteEndObject();
            StringOrNull(w, "source", paper.SourceFormat);

            Strings(w, "sources", paper.Sources.Count > 0 ? paper.Sources : paper.SourceFormat is { } f ? [f] : []);
            w.WriteStartArray("versions");
            foreach (var v in paper.Versions)
            {
                w.WriteStartObject();
                w.WriteNumber("version", v.Version);
                Date(w, "date", v.Date);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "dois", paper.Dois);
            w.WriteString("arxivDoi", paper.ArxivDoi);
            Strings(w, "otherClassifications", paper.OtherClassifications);
            StringOrNull(w, "comments", paper.Comments);
            StringOrNull(w, "reportNumber", paper.ReportNumber);
            Date(w, "listedAt", paper.ListedAt);
            Number(w, "upvotes", paper.Upvotes);
            StringOrNull(w, "githubRepo", paper.GithubRepo);
            StringOrNull(w, "projectPage", paper.ProjectPage);
            Strings(w, "keywords", paper.Keywords);
            StringOrNull(w, "announceType", paper.AnnounceType);
            w.WriteBoolean("withdrawn", paper.Withdrawn);
            w.WriteBoolean("deleted", paper.Deleted);
            w.WriteStartObject("fieldSources");
            foreach (var (field, source) in paper.FieldSources.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(field, source);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>A rejected file (<paramref name="index"/> null) or a rejected record of a file.</summary>
    public static string Rejection(string file, string reason, int? index = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("file", file);
        Number(w, "index", index, skipNull: true);
        w.WriteString("reason", reason);
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, int? value, bool skipNull = false)
    {
        if (value is { } n)
        {
            w.WriteNumber(name, n);
        }
        else if (!skipNull)
        {
            w.WriteNull(name);
        }
    }

    private static void Date(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } d)
        {
            w.WriteString(name, d.ToUniversalTime());
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

/// <summary>
/// What <c>pipeline parse FILE…</c> does, minus the file system: parses every input, reports each rejected input
/// and record, merges the papers of all inputs (versions merged) and writes one JSON line per paper.
/// </summary>
public static class ParseBatch
{
    /// <summary>One input: its name for messages, and how to read it (read errors are reported, not thrown).</summary>
    public sealed record Input(string Name, Func<ReadOnlyMemory<byte>> Read);

    /// <summary>Returns 0 when every input parsed, 2 when any input was rejected.</summary>
    public static int Run(IEnumerable<Input> inputs, string format, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var papers = new List<ParsedPaper>();
        var exit = 0;
        foreach (var input in inputs)
        {
            ct.ThrowIfCancellationRequested();
            ParseResult result;
            try
            {
                result = PayloadParser.Parse(input.Read(), format);
            }
            catch (PayloadRejectedException ex)
            {
                stderr.WriteLine(PaperJson.Rejection(input.Name, ex.Message));
                exit = 2;
                continue;
            }
            catch (OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // Unreadable files (missing, no permission, a directory) are reported per file; never a stack trace.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                stderr.WriteLine(PaperJson.Rejection(input.Name, $"cannot read: {ex.Message}"));
                exit = 2;
                continue;
            }

            foreach (var error in result.Errors)
            {
                stderr.WriteLine(PaperJson.Rejection(input.Name, error.Reason, error.Index));
            }

            papers.AddRange(result.Papers);
        }

        foreach (var paper in PaperMerger.Merge(papers))
        {
            stdout.WriteLine(PaperJson.Serialize(paper));
        }

        return exit;
    }
}
