using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Api.Feeds;

/// <summary>
/// Renders a <see cref="FeedDocument"/> as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). The pipeline's enrichment
/// rides in the <c>_pipeline</c> extension object of each item (topics with scores, models, benchmarks, code URLs, the embedding lane's related papers).
/// Pure, like <see cref="AtomFeedWriter"/>, and cleans text the same way so both formats carry the same characters.
/// </summary>
public static class JsonFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    /// <summary>Length of an item's <c>summary</c> (an excerpt; <c>content_text</c> has the whole abstract).</summary>
    public const int SummaryLength = 280;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Served as application/feed+json, never inlined into HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(FeedDocument feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", Clean(feed.Title));
            json.WriteString("home_page_url", Clean(feed.HomePageUrl));
            // The feed's identity, not this page: pages are reached through next_url.
            json.WriteString("feed_url", Clean(feed.FirstUrl));
            if (feed.NextUrl is { } next)
            {
                json.WriteString("next_url", Clean(next));
            }

            if (feed.Description is { Length: > 0 } description)
            {
                json.WriteString("description", Clean(description));
            }

            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", Clean(feed.Generator));
            json.WriteString("url", Clean(feed.Links.BaseUrl));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("items");
            foreach (var entry in feed.Entries)
            {
                Item(json, feed, entry);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Item(Utf8JsonWriter json, FeedDocument feed, FeedEntry entry)
    {
        var abstractText = Clean(entry.Abstract);
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("url", Clean(feed.Links.PaperPage(entry.PaperId)));
        json.WriteString("external_url", Clean(entry.AbstractUrl));
        json.WriteString("title", Clean(entry.Withdrawn ? $"[withdrawn] {entry.Title}" : entry.Title));
        json.WriteString("content_text", abstractText);
        json.WriteString("summary", FeedText.Excerpt(abstractText, SummaryLength));
        json.WriteString("date_published", Date(entry.FirstPublishedAt));
        json.WriteString("date_modified", Date(entry.LastPublishedAt));
        json.WriteStartArray("authors");
        foreach (var author in entry.Authors.Select(Clean).Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            json.WriteStartObject();
            json.WriteString("name", author);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tags");
        foreach (var tag in entry.Topics.Select(t => t.Id).Concat(entry.BaseModels).Concat(entry.Benchmarks).Select(Clean).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartObject("_pipeline");
        json.WriteString("paperId", Clean(entry.PaperId));
        json.WriteNumber("revision", entry.Revision);
        json.WriteString("paperUrl", Clean(feed.Links.PaperJson(entry.PaperId)));
        if (entry.ArxivPublishedAt is { } arxiv)
        {
            json.WriteString("arxivPublishedAt", Date(arxiv));
        }

        json.WriteBoolean("withdrawn", entry.Withdrawn);
        json.WriteStartArray("topics");
        foreach (var topic in entry.Topics)
        {
            json.WriteStartObject();
            json.WriteString("id", Clean(topic.Id));
            if (feed.TopicNames.TryGetValue(topic.Id, out var name))
            {
                json.WriteString("name", Clean(name));
            }

            if (topic.Score is { } score && double.IsFinite(score))
            {
                json.WriteNumber("score", Math.Round(score, 4));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "models", entry.BaseModels);
        Strings(json, "benchmarks", entry.Benchmarks);
        Strings(json, "codeUrls", entry.CodeUrls);
        json.WriteStartArray("related");
        foreach (var related in entry.Related)
        {
            json.WriteStartObject();
            json.WriteString("paperId", Clean(related.PaperId));
            json.WriteString("title", Clean(related.Title));
            json.WriteNumber("similarity", Math.Round(related.Similarity, 4));
            json.WriteString("url", Clean(feed.Links.PaperPage(related.PaperId)));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(Clean(value));
        }

        json.WriteEndArray();
    }

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Clean(string value) => FeedText.Clean(value);
}
