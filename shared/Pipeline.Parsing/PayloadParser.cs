using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>Entry point used by the Parse service and the CLI: format detection and dispatch.</summary>
public static partial class PayloadParser
{
    public const string AutoFormat = "auto";

    /// <summary>Formats this build can parse (names as the CLI and the source configuration spell them).</summary>
    public static IReadOnlyList<string> Formats { get; } =
    [
        AutoFormat, HfDailyParser.Format, HfSearchParser.Format, HfPaperParser.Format, HfHtmlParser.Format,
        ArxivAtomParser.Format, ArxivRssParser.Format, OaiPmhParser.Format, ArxivJsonlParser.Format,
        GenericFeedParser.RssFormat, GenericFeedParser.AtomFormat, GenericFeedParser.JsonFeedFormat,
    ];

    /// <summary>Other names sources and operators use for the same formats (Fetch source kinds among them).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        [""] = AutoFormat,
        ["arxiv-api"] = ArxivAtomParser.Format,
        ["arxiv"] = ArxivAtomParser.Format,
        ["oai"] = OaiPmhParser.Format,
        ["jsonl"] = ArxivJsonlParser.Format,
        ["kaggle"] = ArxivJsonlParser.Format,
        ["json-feed"] = GenericFeedParser.JsonFeedFormat,
        ["feed"] = AutoFormat,
        ["directory"] = AutoFormat,
    };

    /// <summary>
    /// Parses one payload. Throws <see cref="PayloadRejectedException"/> with a readable reason when the whole
    /// payload is unusable; problems with single records come back in <see cref="ParseResult.Errors"/>. No other
    /// exception escapes.
    /// </summary>
    public static ParseResult Parse(ReadOnlyMemory<byte> content, string format)
    {
        var requested = (format ?? AutoFormat).Trim().ToLowerInvariant();
        requested = Aliases.GetValueOrDefault(requested, requested);
        if (!Formats.Contains(requested, StringComparer.Ordinal))
        {
            throw new PayloadRejectedException($"Unsupported format '{format}'; known formats: {string.Join(", ", Formats)}.");
        }

        try
        {
            var text = Decode(content);
            using var loaded = requested == AutoFormat ? DetectLoaded(text, content.Span) : Loaded.For(requested);
            return Dispatch(loaded, text, content.Span);
        }
        catch (PayloadRejectedException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new PayloadRejectedException("The payload is nested too deeply to parse.", ex);
        }
#pragma warning disable CA1031 // The contract: only PayloadRejectedException leaves Parse; a parser bug becomes a readable rejection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new PayloadRejectedException($"The {requested} parser failed unexpectedly ({ex.GetType().Name}: {ex.Message}).", ex);
        }
    }

    /// <summary>Guesses the format from the content: JSON shape, JSON Lines, XML root and namespaces, HTML with data-props.</summary>
    public static string Detect(ReadOnlySpan<byte> content)
    {
        var text = Decode(content.ToArray());
        using var loaded = DetectLoaded(text, content);
        return loaded.Format;
    }

    // ------------------------------------------------------------------ detection

    /// <summary>A detected format with the document it was detected from, so nothing is parsed twice.</summary>
    private sealed class Loaded(string format, JsonDocument? json = null, XDocument? xml = null) : IDisposable
    {
        public string Format { get; } = format;

        public JsonDocument? Json { get; } = json;

        public XDocument? Xml { get; } = xml;

        public static Loaded For(string format) => new(format);

        public void Dispose() => Json?.Dispose();
    }

    private static Loaded DetectLoaded(string text, ReadOnlySpan<byte> bytes)
    {
        var head = HtmlSniffer.Head(text);
        if (head.Length == 0)
        {
            throw new PayloadRejectedException("The payload is empty (only whitespace).");
        }

        if (head[0] is '{' or '[')
        {
            if (head[0] == '{' && ArxivJsonlParser.IsJsonLines(bytes))
            {
                return Loaded.For(ArxivJsonlParser.Format);
            }

            var json = LoadJson(text, "JSON");
            return new Loaded(DetectJson(json.RootElement), json);
        }

        if (head[0] == '<')
        {
            if (HtmlSniffer.LooksLikeHtml(text))
            {
                if (HfHtmlParser.HasProps(text))
                {
                    return Loaded.For(HfHtmlParser.Format);
                }

                throw new PayloadRejectedException($"The payload is an HTML page, not a feed (an error page?): {HtmlSniffer.Describe(text)}");
            }

            var xml = XmlPayload.Load(text);
            return new Loaded(DetectXml(xml), xml: xml);
        }

        throw new PayloadRejectedException($"The payload is neither JSON nor XML (it starts with \"{Records.Truncate(TextNormalizer.Clean(head), 40)}\").");
    }

    private static string DetectJson(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            // Daily items always wrap the paper; search results may be bare paper objects.
            var bare = root.EnumerateArray().FirstOrDefault(e => e.ValueKind == JsonValueKind.Object && !e.TryGetProperty("paper", out _)
                && e.TryGetProperty("id", out _) && (e.TryGetProperty("title", out _) || e.TryGetProperty("authors", out _)));
            if (bare.ValueKind == JsonValueKind.Object)
            {
                return bare.TryGetProperty("authors_parsed", out _) ? ArxivJsonlParser.Format : HfSearchParser.Format;
            }

            return HfDailyParser.Format;
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            if (GenericFeedParser.IsJsonFeed(root))
            {
                return GenericFeedParser.JsonFeedFormat;
            }

            if (root.TryGetProperty("dailyPapers", out _))
            {
                return HfHtmlParser.Format;
            }

            if (root.TryGetProperty("authors_parsed", out _) || root.TryGetProperty("update_date", out _))
            {
                return ArxivJsonlParser.Format;
            }

            if (root.TryGetProperty("paper", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                return HfPaperParser.Format;
            }

            if (root.TryGetProperty("id", out _) && root.TryGetProperty("title", out _)
                && (root.TryGetProperty("upvotes", out _) || root.TryGetProperty("summary", out _) || root.TryGetProperty("authors", out _)))
            {
                return HfPaperParser.Format;
            }
        }

        // Anything else is judged by the daily-papers reader, which explains what it expected.
        return HfDailyParser.Format;
    }

    private static string DetectXml(XDocument xml)
    {
        var root = xml.Root!;
        return root.Name.LocalName switch
        {
            "OAI-PMH" => OaiPmhParser.Format,
            "feed" => ArxivAtomParser.IsArxivFeed(xml) ? ArxivAtomParser.Format : GenericFeedParser.AtomFormat,
            "rss" => ArxivRssParser.IsArxivFeed(xml) ? ArxivRssParser.Format : GenericFeedParser.RssFormat,
            "RDF" => GenericFeedParser.RssFormat,
            "html" => throw new PayloadRejectedException("The payload is an HTML page, not a feed (an error page?)."),
            _ => throw new PayloadRejectedException(
                $"The XML root element <{root.Name.LocalName}>{(root.Name.NamespaceName.Length > 0 ? $" ({root.Name.NamespaceName})" : string.Empty)} is not a feed this parser knows (Atom feed, RSS, OAI-PMH)."),
        };
    }

    // ------------------------------------------------------------------ dispatch

    private static ParseResult Dispatch(Loaded loaded, string text, ReadOnlySpan<byte> bytes)
    {
        switch (loaded.Format)
        {
            case HfHtmlParser.Format:
                if (HtmlSniffer.Head(text).StartsWith('{'))
                {
                    return WithJson(loaded, text, HfHtmlParser.ParseProps, "a huggingface.co/papers page");
                }

                return HfHtmlParser.Parse(text);
            case ArxivJsonlParser.Format:
                return ParseJsonl(text, bytes);
            case HfDailyParser.Format:
                return WithJson(loaded, text, HfDailyParser.Parse, "a Hugging Face daily-papers JSON array");
            case HfSearchParser.Format:
                return WithJson(loaded, text, HfSearchParser.Parse, "a Hugging Face search JSON array");
            case HfPaperParser.Format:
                return WithJson(loaded, text, HfPaperParser.Parse, "a Hugging Face paper JSON object");
            case GenericFeedParser.JsonFeedFormat:
                return WithJson(loaded, text, GenericFeedParser.ParseJsonFeed, "a JSON Feed");
            case ArxivAtomParser.Format:
                return ArxivAtomParser.Parse(loaded.Xml ?? LoadXml(text, "an arXiv API Atom feed"));
            case ArxivRssParser.Format:
                return ArxivRssParser.Parse(loaded.Xml ?? LoadXml(text, "an arXiv RSS feed"));
            case OaiPmhParser.Format:
                return OaiPmhParser.Parse(loaded.Xml ?? LoadXml(text, "an OAI-PMH response"));
            case GenericFeedParser.RssFormat:
                return GenericFeedParser.ParseRss(loaded.Xml ?? LoadXml(text, "an RSS feed"));
            case GenericFeedParser.AtomFormat:
                return GenericFeedParser.ParseAtom(loaded.Xml ?? LoadXml(text, "an Atom feed"));
            default:
                throw new PayloadRejectedException($"Unsupported or unrecognised format '{loaded.Format}'.");
        }
    }

    private static ParseResult WithJson(Loaded loaded, string text, Func<JsonElement, ParseResult> parse, string expected)
    {
        if (loaded.Json is { } json)
        {
            return parse(json.RootElement);
        }

        using var document = LoadJson(text, expected);
        return parse(document.RootElement);
    }

    private static ParseResult ParseJsonl(string text, ReadOnlySpan<byte> bytes)
    {
        var head = HtmlSniffer.Head(text);
        if (head.StartsWith('<'))
        {
            throw NotWhatWasExpected(text, "JSON Lines of arXiv metadata");
        }

        // A single (possibly pretty-printed) object or an array of objects is accepted too.
        if (!ArxivJsonlParser.IsJsonLines(bytes) && head.Length > 0 && head[0] is '{' or '[')
        {
            using var document = LoadJson(text, "JSON Lines of arXiv metadata");
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var papers = new List<ParsedPaper>();
            var errors = new List<RecordError>();
            Records.Collect(items, ArxivJsonlParser.ParseObject, papers, errors);
            if (papers.Count == 0 && errors.Count > 0)
            {
                throw new PayloadRejectedException($"No arXiv metadata record in the payload; first problem: {errors[0].Reason}");
            }

            return new ParseResult(papers, errors);
        }

        return ArxivJsonlParser.Parse(text);
    }

    private static JsonDocument LoadJson(string text, string expected)
    {
        if (HtmlSniffer.Head(text).StartsWith('<'))
        {
            throw NotWhatWasExpected(text, expected);
        }

        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var truncated = ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase);
            throw new PayloadRejectedException(truncated
                ? $"The payload is not valid JSON (it ends early; truncated?): {ex.Message}"
                : $"The payload is not valid JSON: {ex.Message}", ex);
        }
    }

    private static XDocument LoadXml(string text, string expected)
    {
        var head = HtmlSniffer.Head(text);
        if (head.Length > 0 && head[0] is '{' or '[')
        {
            throw new PayloadRejectedException($"Expected {expected} (XML) but the payload is JSON.");
        }

        if (head.Length == 0 || head[0] != '<')
        {
            throw new PayloadRejectedException($"Expected {expected} (XML) but the payload is not XML (it starts with \"{Records.Truncate(TextNormalizer.Clean(head), 40)}\").");
        }

        return XmlPayload.Load(text);
    }

    private static PayloadRejectedException NotWhatWasExpected(string text, string expected) =>
        HtmlSniffer.LooksLikeHtml(text)
            ? new PayloadRejectedException($"Expected {expected} but the payload is an HTML page (an error page?): {HtmlSniffer.Describe(text)}")
            : new PayloadRejectedException($"Expected {expected} but the payload is XML.");

    // ------------------------------------------------------------------ bytes to text

    [GeneratedRegex(@"^\s*<\?xml[^>]*encoding\s*=\s*[""'](?:iso-8859-1|latin-?1|us-ascii)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Latin1Declaration();

    /// <summary>
    /// UTF-8 text without a BOM. UTF-16 with a BOM is decoded; an XML document that declares ISO-8859-1 is read as
    /// Latin-1; anything else that is not valid UTF-8 is rejected with the offset of the first bad byte.
    /// </summary>
    private static string Decode(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span.IsEmpty)
        {
            throw new PayloadRejectedException("The payload is empty.");
        }

        if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF)))
        {
            var utf16 = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return utf16.GetString(span[2..]);
        }

        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            var text = Encoding.UTF8.GetString(span);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }

        var ascii = Encoding.Latin1.GetString(span[..Math.Min(span.Length, 200)]);
        if (Latin1Declaration().IsMatch(ascii))
        {
            return Encoding.Latin1.GetString(span);
        }

        var chars = new char[span.Length];
        System.Text.Unicode.Utf8.ToUtf16(span, chars, out var read, out _, replaceInvalidSequences: false);
        throw new PayloadRejectedException($"The payload is not valid UTF-8 (first invalid byte 0x{span[read]:X2} at offset {read}).");
    }
}
