using System.Text;

namespace Pipeline.Api.Feeds;

/// <summary>Text as feeds can carry it: only characters XML 1.0 allows (abstracts do arrive with control characters).</summary>
public static class FeedText
{
    /// <summary>
    /// Removes what XML 1.0 forbids: C0 controls other than tab, line feed and carriage return, lone surrogates, and
    /// U+FFFE/U+FFFF. Returns the same instance when nothing had to go (the common case).
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var firstBad = FirstInvalid(text);
        if (firstBad < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsAllowed(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>XML 1.0 <c>Char</c> for one UTF-16 unit that is not part of a surrogate pair.</summary>
    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);

    /// <summary>The first <paramref name="max"/> characters, cut at a word boundary, with an ellipsis when cut.</summary>
    public static string Excerpt(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max);
        if (cut < max / 2)
        {
            cut = max;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }
}
