using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>A <see cref="TopicKeyword"/> compiled to the regular expression that finds it.</summary>
internal sealed class KeywordMatcher
{
    /// <summary>
    /// Bounds the cost of an operator's pathological regular expression. Generous on purpose: the clock also runs while
    /// the thread is descheduled, and a 250 ms limit fired on ordinary 2 KB abstracts on a loaded two-core machine.
    /// </summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Word boundary: <c>\b</c> is much cheaper for the regex engine than an equivalent lookaround.</summary>
    private const string Boundary = @"\b";

    private KeywordMatcher(TopicKeyword keyword, Regex regex)
    {
        Keyword = keyword;
        Regex = regex;
        Literals = RegexPrefilter.RequiredLiterals(regex.ToString());
        Windowed = Literals is not null && CannotSpanAFullStop(regex.ToString());
    }

    /// <summary>
    /// True when no match can contain '.', and the pattern has no lookaround or anchor that could see past a '.': then
    /// every match lies inside one '.'-delimited segment, and running the regex on only the segments where one of its
    /// literals occurs finds exactly the matches a run over the whole text finds (a segment edge is next to '.', a
    /// non-word character, so <c>\b</c> behaves the same).
    /// </summary>
    public bool Windowed { get; }

    internal static bool CannotSpanAFullStop(string pattern)
    {
        string[] unsafeParts = ["(?=", "(?!", "(?<=", "(?<!", "^", "$", @"\A", @"\z", @"\Z", @"\G", @"\W", @"\S", @"\D", @"\p", @"\P", @"\u", @"\x", @"\.", "[^"];
        if (unsafeParts.Any(p => pattern.Contains(p, StringComparison.Ordinal)))
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++; // an escaped character (\. was rejected above)
            }
            else if (pattern[i] == '.')
            {
                return false;
            }
        }

        return true;
    }

    public TopicKeyword Keyword { get; }

    public Regex Regex { get; }

    /// <summary>Lowercase literals one of which every match contains (null: none known, always run the regex).</summary>
    public IReadOnlyList<string>? Literals { get; }

    /// <exception cref="ArgumentException">The keyword's regular expression does not parse.</exception>
    public static KeywordMatcher Create(TopicKeyword keyword)
    {
        var pattern = keyword.IsRegex ? $"{Boundary}(?:{keyword.Text}){Boundary}" : PhrasePattern(keyword.Text);
        var options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled;
        if (!keyword.CaseSensitive)
        {
            options |= RegexOptions.IgnoreCase;
        }

        return new KeywordMatcher(keyword, new Regex(pattern, options, MatchTimeout));
    }

    /// <summary>
    /// "vision-language model" becomes <c>vision(sep)?language(sep)?model(?:s|es)?</c> where <c>sep</c> is a space
    /// or hyphen run, anchored so that "ai" does not match inside "train".
    /// </summary>
    internal static string PhrasePattern(string phrase)
    {
        var words = phrase.Split([' ', '\t', '\r', '\n', '-'], StringSplitOptions.RemoveEmptyEntries);
        var pattern = new StringBuilder();
        if (char.IsLetterOrDigit(phrase.Trim()[0]))
        {
            pattern.Append(Boundary);
        }

        pattern.AppendJoin(@"(?:\s*[-‐–]\s*|\s+)?", words.Select(Regex.Escape));
        var last = phrase.Trim()[^1];
        if (char.IsLetter(last))
        {
            pattern.Append("(?:s|es)?");
        }

        if (char.IsLetterOrDigit(last))
        {
            pattern.Append(Boundary);
        }

        return pattern.ToString();
    }
}
