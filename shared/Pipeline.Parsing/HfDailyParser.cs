using System.Globalization;
using System.Text.Json;

namespace Pipeline.Parsing;

/// <summary>
/// Hugging Face <c>/api/daily_papers</c>: a JSON array of items <c>{paper:{id, authors[], publishedAt, title,
/// summary, upvotes, githubRepo?, projectPage?, ai_keywords?}, publishedAt, title, summary, …}</c>.
/// <c>paper.publishedAt</c> is the arXiv date; the item's <c>publishedAt</c> is when it was listed on Daily Papers.
/// </summary>
public static class HfDailyParser
{
    public const string Format = "hf-daily";

    public static ParseResult Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            var keys = string.Join(", ", root.EnumerateObject().Take(6).Select(p => p.Name));
            throw new PayloadRejectedException(
                $"Expected a JSON array of daily-paper objects but got an object with keys [{keys}] (an envelope-wrapped response?).");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadRejectedException($"Expected a JSON array of daily-paper objects but got a JSON {Describe(root.ValueKind)}.");
        }

        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            try
            {
                papers.Add(ParseItem(item));
            }
            catch (RecordException ex)
            {
                errors.Add(new RecordError(index, ex.Message));
            }

            index++;
        }

        // Every entry failing means the document as a whole has the wrong shape; say so once, clearly.
        if (papers.Count == 0 && errors.Count > 0)
        {
            var first = root[0];
            var reason = first.ValueKind == JsonValueKind.String && first.GetString()!.TrimStart().StartsWith("{'", StringComparison.Ordinal)
                ? $"All {errors.Count} entries are Python repr() strings (\"{{'paper': …}}\"), not JSON objects."
                : $"None of the {errors.Count} entries is a daily-paper object; first problem: {errors[0].Reason}";
            throw new PayloadRejectedException(reason);
        }

        return new ParseResult(papers, errors);
    }

    private static ParsedPaper ParseItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException($"entry is a JSON {Describe(item.ValueKind)}, not an object");
        }

        if (!item.TryGetProperty("paper", out var paper) || paper.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException("entry has no 'paper' object");
        }

        var rawId = GetString(paper, "id");
        if (!ArxivId.TryParse(rawId, out var id, out var version))
        {
            throw new RecordException(rawId is null ? "paper.id is missing" : $"paper.id '{Truncate(rawId)}' is not an arXiv id");
        }

        // The item-level title/summary are HF's cleaned copies; paper.* is arXiv's text. Prefer arXiv's.
        var titleRaw = GetString(paper, "title") ?? GetString(item, "title")
            ?? throw new RecordException($"paper {id} has no title");
        var abstractRaw = GetString(paper, "summary") ?? GetString(item, "summary") ?? string.Empty;

        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Clean(titleRaw),
            TitleRaw = TextNormalizer.StripNul(titleRaw),
            Abstract = TextNormalizer.Clean(abstractRaw),
            AbstractRaw = TextNormalizer.StripNul(abstractRaw),
            Authors = ReadAuthors(paper),
            ArxivPublishedAt = GetDate(paper, "publishedAt"),
            ListedAt = GetDate(item, "publishedAt"),
            Upvotes = paper.TryGetProperty("upvotes", out var up) && up.ValueKind == JsonValueKind.Number && up.TryGetInt32(out var u) ? u : null,
            GithubRepo = NullIfBlank(GetString(paper, "githubRepo")),
            ProjectPage = NullIfBlank(GetString(paper, "projectPage")),
            Keywords = paper.TryGetProperty("ai_keywords", out var kw) && kw.ValueKind == JsonValueKind.Array
                ? kw.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => TextNormalizer.Clean(k.GetString())).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList()
                : [],
        };
    }

    private static List<string> ReadAuthors(JsonElement paper)
    {
        var authors = new List<string>();
        if (!paper.TryGetProperty("authors", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return authors;
        }

        foreach (var author in list.EnumerateArray())
        {
            if (author.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (author.TryGetProperty("hidden", out var hidden) && hidden.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var name = TextNormalizer.Clean(GetString(author, "name"));
            if (name.Length > 0)
            {
                authors.Add(name);
            }
        }

        return authors;
    }

    private static string? GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? GetDate(JsonElement obj, string name) =>
        GetString(obj, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? d
            : null;

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private sealed class RecordException(string message) : Exception(message);
}
