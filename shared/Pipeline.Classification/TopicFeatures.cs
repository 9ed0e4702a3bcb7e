namespace Pipeline.Classification;

/// <summary>
/// The text features of the linear topic model (<see cref="TopicModel"/>): lowercased word unigrams and bigrams of
/// the title, abstract and Hugging Face keywords. A word is a run of letters or digits; a bigram joins two adjacent
/// words of the same field separated only by spaces or hyphens (so not across a comma, a full stop or a keyword
/// separator). Each n-gram is identified by a 64-bit hash of its lowercased words, computed without allocating, so
/// the fast path looks n-grams up without building strings; the text of an n-gram (its words joined by one space) is
/// what the weights file stores, and hashing that text with <see cref="HashNgramText"/> gives the same hash.
/// </summary>
internal static class TopicFeatures
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The weights-file text of the pseudo n-gram of a title that asks a question ("Can MLLMs Perform ...?",
    /// "How Do LLMs Acquire New Knowledge?"): empirical and interpretability studies, which are <c>evaluation</c>,
    /// are often titled so. It cannot collide with a word, which has no '?'.</summary>
    internal const string TitleQuestion = "title?";

    /// <summary>The hash of <see cref="TitleQuestion"/>.</summary>
    internal static readonly ulong TitleQuestionHash = TitleQuestion.Aggregate(FnvOffset, (h, c) => (h ^ c) * FnvPrime);

    /// <summary>The span of a title up to its first '?' (the question), or null when the title asks nothing.</summary>
    internal static (int Start, int End)? QuestionSpan(string title)
    {
        var end = title.IndexOf('?', StringComparison.Ordinal);
        return end > 0 ? (0, end + 1) : null;
    }

    /// <summary>One n-gram occurrence: its hash and the span of the field text it covers.</summary>
    internal readonly record struct Ngram(ulong Hash, int Start, int End, bool IsBigram);

    /// <summary>Calls <paramref name="visit"/> for every unigram and bigram of <paramref name="text"/>, in order.</summary>
    internal static void Enumerate<TState>(string text, ref TState state, NgramVisitor<TState> visit)
    {
        ulong previousHash = 0;
        var previousStart = -1;
        var linked = false; // whether the gap since the previous word allows a bigram
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c != ' ' && c != '-' && c != '\n' && c != '\t' && c != '\r')
                {
                    linked = false;
                }

                i++;
                continue;
            }

            var start = i;
            var hash = FnvOffset;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                hash = (hash ^ char.ToLowerInvariant(text[i])) * FnvPrime;
                i++;
            }

            visit(ref state, new Ngram(hash, start, i, false));
            if (linked && previousStart >= 0)
            {
                visit(ref state, new Ngram(Combine(previousHash, hash), previousStart, i, true));
            }

            previousHash = hash;
            previousStart = start;
            linked = true;
        }
    }

    internal delegate void NgramVisitor<TState>(ref TState state, Ngram ngram);

    /// <summary>The hash of an n-gram given as its words joined by single spaces (as in the weights file); null when
    /// the text is not one or two words.</summary>
    internal static ulong? HashNgramText(string text)
    {
        if (text == TitleQuestion)
        {
            return TitleQuestionHash;
        }

        var words = text.Split(' ');
        if (words.Length is < 1 or > 2 || words.Any(w => w.Length == 0 || !w.All(char.IsLetterOrDigit)))
        {
            return null;
        }

        var hashes = words.Select(w => w.Aggregate(FnvOffset, (h, c) => (h ^ char.ToLowerInvariant(c)) * FnvPrime)).ToArray();
        return hashes.Length == 1 ? hashes[0] : Combine(hashes[0], hashes[1]);
    }

    /// <summary>The text form of an n-gram occurrence: its words, lowercased, joined by one space.</summary>
    internal static string NgramText(string text, Ngram ngram)
    {
        var span = text.AsSpan(ngram.Start, ngram.End - ngram.Start);
        if (!ngram.IsBigram)
        {
            return span.ToString().ToLowerInvariant();
        }

        var firstEnd = 0;
        while (char.IsLetterOrDigit(span[firstEnd]))
        {
            firstEnd++;
        }

        var secondStart = span.Length;
        while (char.IsLetterOrDigit(span[secondStart - 1]))
        {
            secondStart--;
        }

        return string.Concat(span[..firstEnd].ToString().ToLowerInvariant(), " ", span[secondStart..].ToString().ToLowerInvariant());
    }

    private static ulong Combine(ulong first, ulong second) =>
        (System.Numerics.BitOperations.RotateLeft(first, 29) * 0x9E3779B97F4A7C15UL) ^ second ^ 0xB;
}
