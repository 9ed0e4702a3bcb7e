using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Pipeline.Parsing;

/// <summary>
/// Safe XML loading: DTDs prohibited, no resolver, entity expansion capped, so XXE and billion-laughs payloads are
/// rejected with a reason instead of being expanded. Helpers match elements by local name, because the sources put
/// the same element in different namespaces (inline <c>xmlns:arxiv</c>, <c>&lt;arXiv&gt;</c> without xmlns).
/// </summary>
internal static class XmlPayload
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 256L * 1024 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static XDocument Load(string text)
    {
        if (HtmlSniffer.LooksLikeHtml(text))
        {
            throw new PayloadRejectedException($"The payload is an HTML page, not a feed (an error page?): {HtmlSniffer.Describe(text)}");
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new PayloadRejectedException(
                "The XML declares a DTD, which is not allowed (DTDs enable external-entity (XXE) and entity-expansion attacks; no feed we read needs one).", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("entit", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadRejectedException($"The XML uses entities that are not allowed: {ex.Message}", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("not closed", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadRejectedException($"The XML is truncated (the document ends before its elements are closed): {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw new PayloadRejectedException($"The payload is not well-formed XML: {ex.Message}", ex);
        }
    }

    /// <summary>The root element's local name and namespace without loading the document (for format detection).</summary>
    public static (string LocalName, string Namespace)? ReadRoot(string text)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return (reader.LocalName, reader.NamespaceURI);
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return null;
    }

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>The text of the first child named <paramref name="localName"/>, or null when absent or blank.</summary>
    public static string? Text(this XElement element, string localName)
    {
        var child = element.Child(localName);
        return child is null || string.IsNullOrWhiteSpace(child.Value) ? null : child.Value;
    }

    public static string? Attr(this XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value;

    public static int? Int(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Recognises HTML pages (error pages, login walls) served where a feed was expected.</summary>
internal static class HtmlSniffer
{
    public static bool LooksLikeHtml(string text)
    {
        var head = Head(text);
        return head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (head.StartsWith("<head", StringComparison.OrdinalIgnoreCase))
            || (head.StartsWith("<body", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The page's <c>&lt;title&gt;</c> (or its first words) so the reason says which error page it was.</summary>
    public static string Describe(string text)
    {
        var start = text.IndexOf("<title", StringComparison.OrdinalIgnoreCase);
        if (start >= 0)
        {
            var open = text.IndexOf('>', start);
            var close = open < 0 ? -1 : text.IndexOf("</title", open, StringComparison.OrdinalIgnoreCase);
            if (close > open)
            {
                var title = TextNormalizer.Normalize(text[(open + 1)..close], html: true);
                if (title.Length > 0)
                {
                    return $"title \"{Shorten(title)}\"";
                }
            }
        }

        var body = TextNormalizer.Normalize(text.Length > 4000 ? text[..4000] : text, html: true);
        body = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*>", " ");
        return $"\"{Shorten(TextNormalizer.Clean(body))}\"";
    }

    /// <summary>The text after a BOM, whitespace, an XML declaration and comments.</summary>
    public static string Head(string text)
    {
        var s = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        while (true)
        {
            if (s.StartsWith("<?", StringComparison.Ordinal))
            {
                var end = s.IndexOf("?>", StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                s = s[(end + 2)..].TrimStart("\uFEFF \t\r\n");
                continue;
            }

            if (s.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = s.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                s = s[(end + 3)..].TrimStart("\uFEFF \t\r\n");
                continue;
            }

            break;
        }

        return s.Length > 256 ? s[..256].ToString() : s.ToString();
    }

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
