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

    public static ParseResult Parse(JsonElement root) => Parse(root, Format);

    internal static ParseResult Parse(JsonElement root, string format)
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

        return ParseItems(root, format, "daily-paper");
    }

    /// <summary>Items that are either <c>{paper:{…}, …}</c> or bare paper objects.</summary>
    internal static ParseResult ParseItems(JsonElement array, string format, string what)
    {
        var papers = new List<ParsedPaper>();
        var errors = new List<RecordError>();
        Records.Collect(array.EnumerateArray(), item => ParseItem(item, format), papers, errors);

        // Every entry failing means the document as a whole has the wrong shape; say so once, clearly.
        if (papers.Count == 0 && errors.Count > 0)
        {
            var first = array[0];
            var reason = first.ValueKind == JsonValueKind.String && first.GetString()!.TrimStart().StartsWith("{'", StringComparison.Ordinal)
                ? $"All {errors.Count} entries are Python repr() strings (\"{{'paper': …}}\"), not JSON objects."
                : $"None of the {errors.Count} entries is a {what} object; first problem: {errors[0].Reason}";
            throw new PayloadRejectedException(reason);
        }

        return new ParseResult(papers, errors);
    }

    /// <summary>A daily-paper item <c>{paper:{…}, publishedAt, …}</c>, or a bare paper object.</summary>
    internal static ParsedPaper ParseItem(JsonElement item, string format)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException($"entry is a JSON {Describe(item.ValueKind)}, not an object");
        }

        if (item.TryGetProperty("paper", out var paper))
        {
            if (paper.ValueKind != JsonValueKind.Object)
            {
                throw new RecordException($"entry's 'paper' is a JSON {Describe(paper.ValueKind)}, not an object");
            }

            return ParsePaper(paper, item, format);
        }

        if (item.TryGetProperty("id", out _) && (item.TryGetProperty("title", out _) || item.TryGetProperty("authors", out _)))
        {
            return ParsePaper(item, null, format);
        }

        throw new RecordException("entry has no 'paper' object");
    }

    internal static ParsedPaper ParsePaper(JsonElement paper, JsonElement? item, string format)
    {
        var rawId = GetString(paper, "id");
        if (!ArxivId.TryParse(rawId, out var id, out var version))
        {
            throw new RecordException(rawId is null ? "paper.id is missing" : $"paper.id '{Records.Truncate(rawId, 40)}' is not an arXiv id");
        }

        // The item-level title/summary are HF's cleaned copies; paper.* is arXiv's text. Prefer arXiv's.
        var titleRaw = GetString(paper, "title") ?? (item is { } i1 ? GetString(i1, "title") : null)
            ?? throw new RecordException($"paper {id} has no title");
        var abstractRaw = GetString(paper, "summary") ?? (item is { } i2 ? GetString(i2, "summary") : null) ?? string.Empty;
        var githubRepo = Records.NullIfBlank(GetString(paper, "githubRepo"));
        var projectPage = Records.NullIfBlank(GetString(paper, "projectPage"));

        return new ParsedPaper
        {
            Id = id,
            Version = version,
            Title = TextNormalizer.Normalize(titleRaw),
            TitleRaw = TextNormalizer.StripNul(titleRaw),
            Abstract = TextNormalizer.Normalize(abstractRaw),
            AbstractRaw = TextNormalizer.StripNul(abstractRaw),
            Authors = ReadAuthors(paper),
            ArxivPublishedAt = Dates.Parse(GetString(paper, "publishedAt")),
            ListedAt = item is { } i3 ? Dates.Parse(GetString(i3, "publishedAt")) ?? Dates.Parse(GetString(paper, "submittedOnDailyAt")) : Dates.Parse(GetString(paper, "submittedOnDailyAt")),
            // When it was put on Daily Papers: submittedOnDailyAt (2025 on; the item's publishedAt is then the arXiv
            // time in another zone), else the item's publishedAt (2024, when it was the listing time).
            ObservedAt = Dates.Parse(GetString(paper, "submittedOnDailyAt")) ?? (item is { } i4 ? Dates.Parse(GetString(i4, "publishedAt")) : null),
            Upvotes = paper.TryGetProperty("upvotes", out var up) && up.ValueKind == JsonValueKind.Number && up.TryGetInt32(out var u) ? u : null,
            GithubRepo = githubRepo,
            ProjectPage = projectPage,
            Keywords = paper.TryGetProperty("ai_keywords", out var kw) && kw.ValueKind == JsonValueKind.Array
                ? kw.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => TextNormalizer.Clean(k.GetString())).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList()
                : [],
            Links = Links.Find(githubRepo, projectPage, abstractRaw),
            SourceFormat = format,
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
            if (author.ValueKind == JsonValueKind.String)
            {
                authors.AddRange(AuthorNames.Split(author.GetString()).Where(a => a.Length > 0));
                continue;
            }

            if (author.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (author.TryGetProperty("hidden", out var hidden) && hidden.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var name = AuthorNames.Name(GetString(author, "name"));
            if (name.Length > 0)
            {
                authors.Add(name);
            }
        }

        return authors;
    }

    internal static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
}
