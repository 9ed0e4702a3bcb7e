using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>
/// Plain-text clean-up shared by every parser: hard wraps unfolded, whitespace collapsed, TeX accents decoded,
/// UTF-8-read-as-Latin-1 repaired, HTML stripped where the source is HTML. LaTeX math is kept verbatim.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>
    /// The full clean-up for titles, abstracts and comments: repairs mojibake, strips HTML when
    /// <paramref name="html"/> (tags outside math removed, entities decoded), decodes TeX accents outside math, then
    /// <see cref="Clean"/>.
    /// </summary>
    public static string Normalize(string? text, bool html = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var s = RepairMojibake(StripNul(text));
        if (html)
        {
            s = StripHtml(s);
        }

        return Clean(DecodeTexAccents(s));
    }

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

    // ---------------------------------------------------------------- mojibake

    /// <summary>
    /// Repairs UTF-8 that was decoded as Latin-1 (or Windows-1252): <c>WÃ¼bben</c> → <c>Wübben</c>. Each run of
    /// characters that map to bytes 0x80–0xFF is re-read as UTF-8 and replaced only when those bytes are valid UTF-8
    /// (the repair round-trips); anything else, such as a genuine <c>é</c> or <c>São</c>, is left alone.
    /// </summary>
    public static string RepairMojibake(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        StringBuilder? sb = null;
        var i = 0;
        var copiedUpTo = 0;
        while (i < text.Length)
        {
            if (ToHighByte(text[i]) < 0)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && ToHighByte(text[i]) >= 0)
            {
                i++;
            }

            if (i - start < 2)
            {
                continue;
            }

            var bytes = new byte[i - start];
            for (var k = start; k < i; k++)
            {
                bytes[k - start] = (byte)ToHighByte(text[k]);
            }

            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                continue;
            }

            var repaired = Encoding.UTF8.GetString(bytes);
            if (repaired.Any(char.IsControl))
            {
                continue;
            }

            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copiedUpTo, start - copiedUpTo).Append(repaired);
            copiedUpTo = i;
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return sb.ToString();
    }

    private const string Cp1252High = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

    /// <summary>The byte 0x80–0xFF that <paramref name="c"/> stands for under Latin-1 or Windows-1252, or -1.</summary>
    private static int ToHighByte(char c)
    {
        if (c is >= '\u0080' and <= '\u00FF')
        {
            return c;
        }

        if (c > '\u00FF')
        {
            var k = Cp1252High.IndexOf(c, StringComparison.Ordinal);
            if (k >= 0)
            {
                return 0x80 + k;
            }
        }

        return -1;
    }

    // ---------------------------------------------------------------- math segments

    /// <summary>Splits text into alternating prose and math (<c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c>, <c>\begin{…}…\end{…}</c>).</summary>
    internal static IEnumerable<(string Text, bool IsMath)> Segments(string text)
    {
        var proseStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var end = MathEnd(text, i);
            if (end < 0)
            {
                i++;
                continue;
            }

            if (i > proseStart)
            {
                yield return (text[proseStart..i], false);
            }

            yield return (text[i..end], true);
            i = end;
            proseStart = end;
        }

        if (proseStart < text.Length)
        {
            yield return (text[proseStart..], false);
        }
    }

    /// <summary>If a math segment opens at <paramref name="i"/>, the index just after it closes; otherwise -1.</summary>
    private static int MathEnd(string text, int i)
    {
        var c = text[i];
        if (c == '$' && !IsEscaped(text, i))
        {
            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                var close = text.IndexOf("$$", i + 2, StringComparison.Ordinal);
                return close < 0 ? -1 : close + 2;
            }

            for (var k = i + 1; k < text.Length; k++)
            {
                if (text[k] == '$' && !IsEscaped(text, k))
                {
                    return k + 1;
                }
            }

            return -1;
        }

        if (c != '\\' || i + 1 >= text.Length || IsEscaped(text, i))
        {
            return -1;
        }

        var next = text[i + 1];
        if (next is '(' or '[')
        {
            var closer = next == '(' ? @"\)" : @"\]";
            var close = text.IndexOf(closer, i + 2, StringComparison.Ordinal);
            return close < 0 ? -1 : close + 2;
        }

        if (string.CompareOrdinal(text, i, @"\begin{", 0, 7) == 0)
        {
            var nameEnd = text.IndexOf('}', i + 7);
            if (nameEnd < 0)
            {
                return -1;
            }

            var endTag = @"\end{" + text[(i + 7)..nameEnd] + "}";
            var close = text.IndexOf(endTag, nameEnd, StringComparison.Ordinal);
            return close < 0 ? -1 : close + endTag.Length;
        }

        return -1;
    }

    private static bool IsEscaped(string text, int i)
    {
        var backslashes = 0;
        for (var k = i - 1; k >= 0 && text[k] == '\\'; k--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static string MapProse(string text, Func<string, string> map)
    {
        if (!text.Contains('$', StringComparison.Ordinal) && !text.Contains('\\', StringComparison.Ordinal))
        {
            return map(text);
        }

        var sb = new StringBuilder(text.Length);
        foreach (var (segment, isMath) in Segments(text))
        {
            sb.Append(isMath ? segment : map(segment));
        }

        return sb.ToString();
    }

    // ---------------------------------------------------------------- TeX accents

    /// <summary>
    /// Decodes TeX accent commands outside math: <c>Bal\'azs</c> → <c>Balázs</c>, <c>{\"o}</c> → <c>ö</c>,
    /// <c>\c{c}</c> → <c>ç</c>, <c>\v{s}</c> → <c>š</c>, <c>\~n</c> → <c>ñ</c>, <c>\ss</c> → <c>ß</c>, <c>\o</c> → <c>ø</c>.
    /// Math (<c>$…$</c> and friends) and every other command (<c>\cdot</c>, <c>\vec</c>) are left verbatim.
    /// </summary>
    public static string DecodeTexAccents(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('\\', StringComparison.Ordinal))
        {
            return text ?? string.Empty;
        }

        return MapProse(text, DecodeAccentsInProse);
    }

    private static string DecodeAccentsInProse(string prose)
    {
        if (!prose.Contains('\\', StringComparison.Ordinal))
        {
            return prose;
        }

        var s = SymbolAccent().Replace(prose, m => Compose(m.Groups["acc"].Value[0], m.Groups["l"].Value));
        s = LetterAccent().Replace(s, m => Compose(m.Groups["acc"].Value[0], m.Groups["l"].Value));
        s = SpecialLetter().Replace(s, m => Specials[m.Groups["sp"].Value]);
        return s;
    }

    // {\"o}, \"o, \"{o}, \'\i, {\'{\i}}
    [GeneratedRegex(@"\{\\(?<acc>['""`^~=.])\s*(?:\{(?<l>\\[ij]|[A-Za-z])\}|(?<l>\\[ij](?![A-Za-z])|[A-Za-z]))\}|\\(?<acc>['""`^~=.])(?:\{(?<l>\\[ij]|[A-Za-z])\}|(?<l>\\[ij](?![A-Za-z])|[A-Za-z]))", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolAccent();

    // \c{c}, {\v s}, \v{s}, Maru\v sič, \c c, \H{o}, \k{a}, \r{u}: a letter command takes a braced letter, or after a
    // space the next letter inside a word ("\r and" in prose is an escape, not a ring); \cdot, \vec stay.
    [GeneratedRegex(@"\{\\(?<acc>[cvuHkrdb])(?:\{(?<l>\\[ij]|[A-Za-z])\}|\s+(?<l>[A-Za-z]))\}|\\(?<acc>[cvuHkrdb])\{(?<l>\\[ij]|[A-Za-z])\}|(?<=[A-Za-z])\\(?<acc>[cvuHkrdb])\s+(?<l>[A-Za-z])|\\(?<acc>[cvuHkrdb])\s+(?<l>[A-Za-z])(?![A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LetterAccent();

    // {\ss}, \ss{}, \ss, \o, \AA, \l, \dh (not \lambda, \omega, \int, \theta). \dh and \DH are taken even when
    // letters follow ("Gu\dhmundur" in a real RSS item): no TeX command starts with them.
    [GeneratedRegex(@"\{\\(?<sp>ss|ae|AE|oe|OE|aa|AA|dh|DH|th|TH|dj|DJ|ng|NG|o|O|l|L|i|j)\}|\\(?<sp>dh|DH)|\\(?<sp>ss|ae|AE|oe|OE|aa|AA|th|TH|dj|DJ|ng|NG|o|O|l|L|i|j)(?![A-Za-z])(?:\{\})?", RegexOptions.CultureInvariant)]
    private static partial Regex SpecialLetter();

    private static readonly Dictionary<string, string> Specials = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ", ["aa"] = "å", ["AA"] = "Å",
        ["o"] = "ø", ["O"] = "Ø", ["l"] = "ł", ["L"] = "Ł", ["i"] = "ı", ["j"] = "ȷ",
        ["dh"] = "ð", ["DH"] = "Ð", ["th"] = "þ", ["TH"] = "Þ", ["dj"] = "đ", ["DJ"] = "Đ", ["ng"] = "ŋ", ["NG"] = "Ŋ",
    };

    // Invariant globalization has no Unicode composition, so the common precomposed letters are listed.
    private static readonly Dictionary<char, (string Bases, string Composed, char Combining)> Accents = new()
    {
        ['\''] = ("aeiouyAEIOUYcCnNsSzZlLrRgG", "áéíóúýÁÉÍÓÚÝćĆńŃśŚźŹĺĹŕŔǵǴ", '\u0301'),
        ['`'] = ("aeiouAEIOUnN", "àèìòùÀÈÌÒÙǹǸ", '\u0300'),
        ['^'] = ("aeiouAEIOUcCgGhHjJsSwWyY", "âêîôûÂÊÎÔÛĉĈĝĜĥĤĵĴŝŜŵŴŷŶ", '\u0302'),
        ['"'] = ("aeiouyAEIOUY", "äëïöüÿÄËÏÖÜŸ", '\u0308'),
        ['~'] = ("aonAONiIuU", "ãõñÃÕÑĩĨũŨ", '\u0303'),
        ['='] = ("aeiouAEIOU", "āēīōūĀĒĪŌŪ", '\u0304'),
        ['.'] = ("cCeEgGzZI", "ċĊėĖġĠżŻİ", '\u0307'),
        ['u'] = ("aAgGuUeEiIoO", "ăĂğĞŭŬĕĔĭĬŏŎ", '\u0306'),
        ['v'] = ("cCdDeEnNrRsStTzZ", "čČďĎěĚňŇřŘšŠťŤžŽ", '\u030C'),
        ['H'] = ("oOuU", "őŐűŰ", '\u030B'),
        ['c'] = ("cCsStTgGkKlLnNrR", "çÇşŞţŢģĢķĶļĻņŅŗŖ", '\u0327'),
        ['k'] = ("aAeEiIuU", "ąĄęĘįĮųŲ", '\u0328'),
        ['r'] = ("aAuU", "åÅůŮ", '\u030A'),
        ['d'] = (string.Empty, string.Empty, '\u0323'),
        ['b'] = (string.Empty, string.Empty, '\u0331'),
    };

    private static string Compose(char accent, string letter)
    {
        // \i and \j are the dotless letters TeX wants under an accent; the composed form uses the plain letter.
        var baseLetter = letter switch { @"\i" => 'i', @"\j" => 'j', _ => letter[0] };
        var (bases, composed, combining) = Accents[accent];
        var k = bases.IndexOf(baseLetter, StringComparison.Ordinal);
        return k >= 0 ? composed[k].ToString() : string.Concat(baseLetter.ToString(), combining.ToString());
    }

    // ---------------------------------------------------------------- HTML

    /// <summary>
    /// Strips HTML markup outside math: scripts, styles and comments dropped, known tags removed (block tags become
    /// line breaks), entities decoded. A lone <c>&lt;</c> in running text or math is not a tag and stays.
    /// </summary>
    public static string StripHtml(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (!text.Contains('<', StringComparison.Ordinal) && !text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        var s = ScriptOrStyle().Replace(text, " ");
        s = HtmlComment().Replace(s, " ");
        s = MapProse(s, prose =>
        {
            var t = BlockTag().Replace(prose, "\n\n");
            t = LineBreak().Replace(t, "\n");
            return InlineTag().Replace(t, string.Empty);
        });
        return WebUtility.HtmlDecode(s);
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|pre|section|article|header|footer|figure|figcaption)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</?(?:a|abbr|b|big|cite|code|del|em|font|hr|i|img|ins|kbd|mark|q|s|small|span|strike|strong|sub|sup|tbody|td|tfoot|th|thead|tt|u|var|center|nav|main|label|time|figure|picture|source|video|audio|iframe|svg|path|math|mi|mo|mn|mrow|msub|msup|mfrac|annotation|semantics)\b(?:\s[^<>]*)?/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineTag();
}
