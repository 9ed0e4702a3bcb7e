using System.Text;

namespace Pipeline.Parsing;

/// <summary>Plain-text clean-up shared by every parser. LaTeX is kept verbatim.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Unfolds arXiv's hard line wraps and collapses runs of whitespace into one space; removes NUL and other
    /// control characters PostgreSQL or readers choke on. Paragraph breaks (blank lines) are kept as one newline.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        var newlines = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                continue;
            }

            if (c == '\n')
            {
                newlines++;
                pendingSpace = true;
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && sb.Length > 0)
            {
                sb.Append(newlines >= 2 ? '\n' : ' ');
            }

            pendingSpace = false;
            newlines = 0;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Removes NUL characters, which PostgreSQL rejects in text and jsonb.</summary>
    public static string StripNul(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", string.Empty, StringComparison.Ordinal) : text;
}
