using System.Net;
using System.Text.Json;

namespace Pipeline.Parsing;

/// <summary>
/// Hugging Face <c>/api/papers/search?q=</c>: a JSON array whose items are either daily-paper-like
/// <c>{paper:{…}, …}</c> objects or bare paper objects <c>{id, title, summary, authors[], …}</c>; both are accepted.
/// </summary>
public static class HfSearchParser
{
    public const string Format = "hf-search";

    public static ParseResult Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in new[] { "papers", "results", "data", "items" })
            {
                if (root.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.Array)
                {
                    return HfDailyParser.ParseItems(inner, Format, "search-result");
                }
            }

            var keys = string.Join(", ", root.EnumerateObject().Take(6).Select(p => p.Name));
            throw new PayloadRejectedException($"Expected a JSON array of search results but got an object with keys [{keys}].");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadRejectedException($"Expected a JSON array of search results but got a JSON {HfDailyParser.Describe(root.ValueKind)}.");
        }

        return HfDailyParser.ParseItems(root, Format, "search-result");
    }
}

/// <summary>Hugging Face <c>/api/papers/{id}</c>: one paper object <c>{id, authors[], publishedAt, title, summary, upvotes, …}</c> (an item wrapping it is accepted too).</summary>
public static class HfPaperParser
{
    public const string Format = "hf-paper";

    public static ParseResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadRejectedException($"Expected one paper object but got a JSON {HfDailyParser.Describe(root.ValueKind)}.");
        }

        if (HfDailyParser.GetString(root, "error") is { } error)
        {
            throw new PayloadRejectedException($"Hugging Face answered with an error: {Records.Truncate(error, 200)}");
        }

        try
        {
            return new ParseResult([HfDailyParser.ParseItem(root, Format)], []);
        }
        catch (RecordException ex)
        {
            throw new PayloadRejectedException($"Not a Hugging Face paper object: {ex.Message}.", ex);
        }
    }
}

/// <summary>
/// The server-rendered <c>huggingface.co/papers</c> page: the day's items sit as HTML-entity-escaped JSON in the
/// <c>data-props</c> attribute of the element with <c>data-target="DailyPapers"</c> (<c>{date, dailyPapers[…], …}</c>);
/// a single-paper page (<c>data-target="PaperContent"</c>, <c>{paper:{…}}</c>) is read too.
/// </summary>
public static class HfHtmlParser
{
    public const string Format = "hf-html";

    public static ParseResult Parse(string html)
    {
        var props = FindProps(html, "DailyPapers") ?? FindProps(html, "PaperContent") ?? FindProps(html, "PaperPage");
        if (props is null)
        {
            throw new PayloadRejectedException(
                $"The HTML page has no Hugging Face papers data (no element with data-target=\"DailyPapers\" and data-props); page {HtmlSniffer.Describe(html)}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(WebUtility.HtmlDecode(props), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new PayloadRejectedException($"The page's data-props attribute is not valid JSON after HTML-unescaping: {ex.Message}", ex);
        }

        using (document)
        {
            return ParseProps(document.RootElement);
        }
    }

    /// <summary>The decoded props object: <c>{dailyPapers:[…]}</c> or <c>{paper:{…}}</c>.</summary>
    internal static ParseResult ParseProps(JsonElement props)
    {
        if (props.ValueKind == JsonValueKind.Object)
        {
            if (props.TryGetProperty("dailyPapers", out var daily) && daily.ValueKind == JsonValueKind.Array)
            {
                return HfDailyParser.ParseItems(daily, Format, "daily-paper");
            }

            if (props.TryGetProperty("paper", out var paper) && paper.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    return new ParseResult([HfDailyParser.ParsePaper(paper, null, Format)], []);
                }
                catch (RecordException ex)
                {
                    throw new PayloadRejectedException($"The page's paper object is unusable: {ex.Message}.", ex);
                }
            }

            var keys = string.Join(", ", props.EnumerateObject().Take(8).Select(p => p.Name));
            throw new PayloadRejectedException($"The page's data-props has no 'dailyPapers' array (keys [{keys}]).");
        }

        throw new PayloadRejectedException($"The page's data-props is a JSON {HfDailyParser.Describe(props.ValueKind)}, not an object.");
    }

    /// <summary>True when the page carries the hydration data this parser reads.</summary>
    internal static bool HasProps(string html) =>
        html.Contains("data-target=\"DailyPapers\"", StringComparison.Ordinal) || html.Contains("data-target=\"PaperContent\"", StringComparison.Ordinal);

    /// <summary>The raw (still entity-escaped) <c>data-props</c> value of the tag carrying <c>data-target="{target}"</c>.</summary>
    private static string? FindProps(string html, string target)
    {
        var marker = $"data-target=\"{target}\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var tagStart = html.LastIndexOf('<', at);
        if (tagStart < 0)
        {
            return null;
        }

        // Walk the tag's attributes: quoted values may contain '>' (it is not escaped inside attributes).
        var i = tagStart + 1;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
        {
            i++;
        }

        while (i < html.Length)
        {
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length || html[i] == '>' || html[i] == '/')
            {
                return null;
            }

            var nameStart = i;
            while (i < html.Length && html[i] != '=' && html[i] != '>' && !char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            var name = html[nameStart..i];
            if (i >= html.Length || html[i] != '=')
            {
                continue;
            }

            i++;
            string value;
            if (i < html.Length && (html[i] == '"' || html[i] == '\''))
            {
                var quote = html[i];
                var close = html.IndexOf(quote, i + 1);
                if (close < 0)
                {
                    return null;
                }

                value = html[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var valueStart = i;
                while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                {
                    i++;
                }

                value = html[valueStart..i];
            }

            if (name == "data-props")
            {
                return value;
            }
        }

        return null;
    }
}
