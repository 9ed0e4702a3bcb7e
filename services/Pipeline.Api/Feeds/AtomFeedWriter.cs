using System.Globalization;
using System.Text;
using System.Xml;

namespace Pipeline.Api.Feeds;

/// <summary>
/// Renders a <see cref="FeedDocument"/> as Atom (RFC 4287) with RFC 5005 paging links. Pure: no I/O, no clock; every
/// text goes through <see cref="FeedText.Clean"/>, so no input makes the XML invalid.
/// </summary>
public static class AtomFeedWriter
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    public static byte[] Write(FeedDocument feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineHandling = NewLineHandling.Entitize, CheckCharacters = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            Text(xml, "id", feed.Id);
            Text(xml, "title", feed.Title, type: "text");
            if (feed.Description is { Length: > 0 } description)
            {
                Text(xml, "subtitle", description, type: "text");
            }

            Text(xml, "updated", Date(feed.Updated));
            xml.WriteStartElement("generator");
            xml.WriteAttributeString("uri", Clean(feed.Links.BaseUrl));
            xml.WriteString(Clean(feed.Generator));
            xml.WriteEndElement();
            // Required at feed level whenever an entry may have no author of its own.
            xml.WriteStartElement("author");
            Text(xml, "name", feed.Generator);
            Text(xml, "uri", feed.Links.BaseUrl);
            xml.WriteEndElement();
            Link(xml, "self", feed.SelfUrl, "application/atom+xml");
            Link(xml, "alternate", feed.HomePageUrl, "text/html");
            Link(xml, "alternate", feed.OtherFormatUrl, "application/feed+json");
            Link(xml, "first", feed.FirstUrl, "application/atom+xml");
            if (feed.NextUrl is { } next)
            {
                Link(xml, "next", next, "application/atom+xml");
            }

            foreach (var entry in feed.Entries)
            {
                Entry(xml, feed, entry);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void Entry(XmlWriter xml, FeedDocument feed, FeedEntry entry)
    {
        xml.WriteStartElement("entry");
        Text(xml, "id", entry.Id);
        Text(xml, "title", entry.Withdrawn ? $"[withdrawn] {entry.Title}" : entry.Title, type: "text");
        Text(xml, "updated", Date(entry.LastPublishedAt));
        Text(xml, "published", Date(entry.FirstPublishedAt));
        foreach (var author in entry.Authors.Where(a => !string.IsNullOrWhiteSpace(Clean(a))))
        {
            xml.WriteStartElement("author");
            Text(xml, "name", author);
            xml.WriteEndElement();
        }

        Text(xml, "summary", entry.Abstract, type: "text");
        foreach (var topic in entry.Topics)
        {
            Category(xml, topic.Id, feed.Links.TopicScheme, feed.TopicNames.TryGetValue(topic.Id, out var name) ? name : null);
        }

        foreach (var model in entry.BaseModels)
        {
            Category(xml, model, feed.Links.ModelScheme, null);
        }

        foreach (var benchmark in entry.Benchmarks)
        {
            Category(xml, benchmark, feed.Links.BenchmarkScheme, null);
        }

        Link(xml, "alternate", entry.AbstractUrl, "text/html", "Abstract");
        Link(xml, "alternate", feed.Links.PaperJson(entry.PaperId), "application/json", "Enriched record");
        Link(xml, "related", feed.Links.PaperPage(entry.PaperId), "text/html", "Paper page");
        foreach (var code in entry.CodeUrls.Where(u => Uri.IsWellFormedUriString(Clean(u), UriKind.Absolute)))
        {
            Link(xml, "related", code, null, "Code");
        }

        foreach (var related in entry.Related)
        {
            Link(xml, "related", feed.Links.PaperPage(related.PaperId), "text/html", $"Related paper: {related.Title}");
        }

        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value, string? type = null)
    {
        xml.WriteStartElement(name);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteString(Clean(value));
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string href, string? type, string? title = null)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }

        xml.WriteAttributeString("href", Clean(href));
        if (title is not null)
        {
            xml.WriteAttributeString("title", title);
        }

        xml.WriteEndElement();
    }

    private static void Category(XmlWriter xml, string term, string scheme, string? label)
    {
        var clean = Clean(term);
        if (clean.Length == 0)
        {
            return;
        }

        xml.WriteStartElement("category");
        xml.WriteAttributeString("term", clean);
        xml.WriteAttributeString("scheme", Clean(scheme));
        if (label is not null)
        {
            xml.WriteAttributeString("label", Clean(label));
        }

        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC, whole seconds (what every Atom reader accepts).</summary>
    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clean(string value) => FeedText.Clean(value);
}
