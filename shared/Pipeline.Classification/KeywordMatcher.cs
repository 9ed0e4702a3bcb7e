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
    }

    public TopicKeyword Keyword { get; }

    public Regex Regex { get; }

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
