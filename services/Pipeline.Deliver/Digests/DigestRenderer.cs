using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Deliver.Digests;

/// <summary>A paper as a digest shows it.</summary>
public sealed record DigestPaper(
    string PaperId,
    string Title,
    string AbstractUrl,
    string Abstract,
    int? Upvotes,
    IReadOnlyList<string> CodeUrls,
    IReadOnlyList<string> Topics,
    double Score);

/// <summary>Everything one digest mail says.</summary>
public sealed record DigestContent(
    string Frequency,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string FilterDescription,
    IReadOnlyList<DigestPaper> Papers,
    string UnsubscribeUrl);

public sealed record RenderedDigest(string Subject, string Html, string Text);

/// <summary>
/// The HTML and plain-text parts of a digest. All paper text is HTML-encoded (titles and abstracts are data, never
/// markup), links are emitted only for http(s) URLs, and both parts end with the unsubscribe link.
/// </summary>
public static class DigestRenderer
{
    private const int AbstractChars = 300;

    public static RenderedDigest Render(DigestContent digest)
    {
        var title = digest.Frequency == "weekly" ? "Your weekly trending papers" : "Your daily trending papers";
        var subject = $"{title}: {digest.Papers.Count} paper{(digest.Papers.Count == 1 ? "" : "s")} ({digest.PeriodEnd.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
        return new RenderedDigest(subject, Html(digest, title), Text(digest, title));
    }

    private static string Html(DigestContent digest, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif;max-width:42em\">")
            .Append("<h1>").Append(E(title)).Append("</h1>")
            .Append("<p>").Append(E(Period(digest))).Append(" · ").Append(E(digest.FilterDescription)).Append("</p><ol>");
        foreach (var paper in digest.Papers)
        {
            html.Append("<li><p><strong>");
            if (IsHttp(paper.AbstractUrl))
            {
                html.Append("<a href=\"").Append(E(paper.AbstractUrl)).Append("\">").Append(E(paper.Title)).Append("</a>");
            }
            else
            {
                html.Append(E(paper.Title));
            }

            html.Append("</strong><br><small>").Append(E(Meta(paper))).Append("</small></p>");
            if (paper.Abstract.Length > 0)
            {
                html.Append("<p>").Append(E(Excerpt(paper.Abstract))).Append("</p>");
            }

            var code = paper.CodeUrls.FirstOrDefault(IsHttp);
            if (code is not null)
            {
                html.Append("<p><a href=\"").Append(E(code)).Append("\">code</a></p>");
            }

            html.Append("</li>");
        }

        html.Append("</ol><hr><p><small>Ranked by trending score: (upvotes + 1) × (1 + 0.5 if code) / (hours since publication + 2)^1.5. ")
            .Append("<a href=\"").Append(E(digest.UnsubscribeUrl)).Append("\">Unsubscribe</a></small></p></body></html>");
        return html.ToString();
    }

    private static string Text(DigestContent digest, string title)
    {
        var text = new StringBuilder();
        text.Append(title).Append('\n').Append(Period(digest)).Append(" · ").Append(digest.FilterDescription).Append("\n\n");
        var i = 0;
        foreach (var paper in digest.Papers)
        {
            text.Append(++i).Append(". ").Append(OneLine(paper.Title)).Append('\n')
                .Append("   ").Append(paper.AbstractUrl).Append('\n')
                .Append("   ").Append(Meta(paper)).Append('\n');
            if (paper.CodeUrls.FirstOrDefault(IsHttp) is { } code)
            {
                text.Append("   code: ").Append(code).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("-- \nUnsubscribe: ").Append(digest.UnsubscribeUrl).Append('\n');
        return text.ToString();
    }

    private static string Period(DigestContent digest) =>
        string.Create(CultureInfo.InvariantCulture, $"{digest.PeriodStart.UtcDateTime:yyyy-MM-dd HH:mm} – {digest.PeriodEnd.UtcDateTime:yyyy-MM-dd HH:mm} UTC");

    private static string Meta(DigestPaper paper)
    {
        var parts = new List<string> { $"arXiv:{paper.PaperId}" };
        if (paper.Upvotes is { } upvotes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{upvotes} upvotes"));
        }

        if (paper.CodeUrls.Count > 0)
        {
            parts.Add("code");
        }

        if (paper.Topics.Count > 0)
        {
            parts.Add(string.Join(", ", paper.Topics));
        }

        parts.Add(string.Create(CultureInfo.InvariantCulture, $"score {paper.Score:0.####}"));
        return string.Join(" · ", parts);
    }

    private static string Excerpt(string text)
    {
        var line = OneLine(text);
        return line.Length <= AbstractChars ? line : line[..AbstractChars].TrimEnd() + "…";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
