using System.Text;
using System.Text.Json;

namespace Pipeline.Parsing;

/// <summary>Entry point used by the Parse service and the CLI: format detection and dispatch.</summary>
public static class PayloadParser
{
    public const string AutoFormat = "auto";

    /// <summary>Formats this build can parse.</summary>
    public static IReadOnlyList<string> Formats { get; } = [AutoFormat, HfDailyParser.Format];

    /// <summary>
    /// Parses one payload. Throws <see cref="PayloadRejectedException"/> with a readable reason when the whole
    /// payload is unusable; problems with single records come back in <see cref="ParseResult.Errors"/>.
    /// </summary>
    public static ParseResult Parse(ReadOnlyMemory<byte> content, string format)
    {
        if (content.IsEmpty)
        {
            throw new PayloadRejectedException("The payload is empty.");
        }

        if (!IsValidUtf8(content.Span))
        {
            throw new PayloadRejectedException("The payload is not valid UTF-8.");
        }

        var detected = format == AutoFormat ? Detect(content.Span) : format;
        return detected switch
        {
            HfDailyParser.Format => ParseJson(content, HfDailyParser.Parse),
            _ => throw new PayloadRejectedException($"Unsupported or unrecognised format '{detected}'."),
        };
    }

    /// <summary>Guesses the format from the first meaningful bytes.</summary>
    public static string Detect(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('[') || text.StartsWith('{'))
        {
            return HfDailyParser.Format;
        }

        if (text.StartsWith('<'))
        {
            throw new PayloadRejectedException(
                text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                    ? "The payload is an HTML page, not a feed (an error page?)."
                    : "XML feeds are not supported by this build.");
        }

        throw new PayloadRejectedException("The payload is neither JSON nor XML.");
    }

    private static ParseResult ParseJson(ReadOnlyMemory<byte> content, Func<JsonElement, ParseResult> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new PayloadRejectedException($"The payload is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return parse(document.RootElement);
        }
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);
}
