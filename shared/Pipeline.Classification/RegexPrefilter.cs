namespace Pipeline.Classification;

/// <summary>
/// Works out, for a regular expression, a set of lowercase literals of which every match must contain at least one
/// (the "required factors" of RE2's and code search's prefilters). <see cref="KeywordScanner"/> looks for all of them
/// in one pass over the text, and a keyword's regex runs only on the fields where one of its literals occurs, so the
/// result is exactly that of running every regex, only faster. Handles the subset of .NET syntax that taxonomies use
/// (groups, alternation, quantifiers, classes, escapes, lookarounds); anything else yields no prefilter, and that
/// keyword's regex simply always runs.
/// </summary>
internal static class RegexPrefilter
{
    private const int MaxExact = 64;

    /// <summary>The literals (lowercase, each at least two characters), or null when no useful set exists.</summary>
    public static IReadOnlyList<string>? RequiredLiterals(string pattern)
    {
        try
        {
            var parser = new Parser(pattern);
            var info = parser.ParseAlternation();
            if (parser.Position != pattern.Length)
            {
                return null;
            }

            var literals = ToMatch(info);
            return literals is null || literals.Min(l => l.Length) < 2 ? null : [.. literals.Order(StringComparer.Ordinal)];
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What is known about a sub-pattern: the exact (finite, small) set of strings it matches, or else an
    /// any-of set of literals one of which every match contains (null: nothing known).</summary>
    private sealed record Info(HashSet<string>? Exact, HashSet<string>? Match)
    {
        public static readonly Info Any = new(null, null);

        public static readonly Info Empty = new([string.Empty], null);

        public static Info Literal(string s) => new([s], null);
    }

    private static HashSet<string>? ToMatch(Info info)
    {
        if (info.Exact is { } exact)
        {
            return exact.Contains(string.Empty) ? null : exact;
        }

        return info.Match;
    }

    private static HashSet<string>? Best(HashSet<string>? a, HashSet<string>? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        int minA = a.Min(s => s.Length), minB = b.Min(s => s.Length);
        return minA != minB ? (minA > minB ? a : b) : (a.Count <= b.Count ? a : b);
    }

    private static Info Concat(Info a, Info b)
    {
        if (a.Exact is { } ea && b.Exact is { } eb && ea.Count * eb.Count <= MaxExact)
        {
            var cross = new HashSet<string>(StringComparer.Ordinal);
            foreach (var x in ea)
            {
                foreach (var y in eb)
                {
                    cross.Add(x + y);
                }
            }

            return new Info(cross, null);
        }

        return new Info(null, Best(ToMatch(a), ToMatch(b)));
    }

    private static Info Alternate(Info a, Info b)
    {
        if (a.Exact is { } ea && b.Exact is { } eb && ea.Count + eb.Count <= MaxExact)
        {
            return new Info([.. ea, .. eb], null);
        }

        var ma = ToMatch(a);
        var mb = ToMatch(b);
        return ma is null || mb is null ? Info.Any : new Info(null, [.. ma, .. mb]);
    }

    private static Info Repeat(Info a, int min, int max)
    {
        if (min == 1 && max == 1)
        {
            return a;
        }

        if (a.Exact is not null && max >= 0 && max <= 3)
        {
            // x? x{0,2} x{2}: small exact sets stay exact.
            var union = new HashSet<string>(StringComparer.Ordinal);
            var power = Info.Literal(string.Empty);
            for (var n = 0; n <= max; n++)
            {
                if (n > 0)
                {
                    power = Concat(power, a);
                }

                if (power.Exact is null || union.Count > MaxExact)
                {
                    return min == 0 ? Info.Any : new Info(null, ToMatch(a));
                }

                if (n >= min)
                {
                    union.UnionWith(power.Exact);
                }
            }

            return new Info(union, null);
        }

        return min == 0 ? Info.Any : new Info(null, ToMatch(a));
    }

    private sealed class Parser(string pattern)
    {
        public int Position { get; private set; }

        private bool More => Position < pattern.Length;

        private char Peek => pattern[Position];

        public Info ParseAlternation()
        {
            var result = ParseConcatenation();
            while (More && Peek == '|')
            {
                Position++;
                result = Alternate(result, ParseConcatenation());
            }

            return result;
        }

        /// <summary>Keeps the exact strings of the current run of exact atoms ("machine" after "\s+") and the best
        /// required set of the runs and atoms before it.</summary>
        private Info ParseConcatenation()
        {
            HashSet<string>? best = null;
            var run = Info.Literal(string.Empty);
            var flushed = false;
            while (More && Peek != '|' && Peek != ')')
            {
                var atom = ParseQuantifier(ParseAtom());
                var joined = Concat(run, atom);
                if (joined.Exact is not null)
                {
                    run = joined;
                    continue;
                }

                best = Best(best, ToMatch(run));
                flushed = true;
                if (atom.Exact is not null)
                {
                    run = atom;
                }
                else
                {
                    best = Best(best, atom.Match);
                    run = Info.Literal(string.Empty);
                }
            }

            return flushed ? new Info(null, Best(best, ToMatch(run))) : run;
        }

        private Info ParseQuantifier(Info atom)
        {
            if (!More)
            {
                return atom;
            }

            int min, max;
            switch (Peek)
            {
                case '?':
                    (min, max) = (0, 1);
                    Position++;
                    break;
                case '*':
                    (min, max) = (0, -1);
                    Position++;
                    break;
                case '+':
                    (min, max) = (1, -1);
                    Position++;
                    break;
                case '{' when TryParseBraces(out min, out max):
                    break;
                default:
                    return atom;
            }

            if (More && (Peek == '?' || Peek == '+'))
            {
                Position++; // lazy or possessive: the same set of strings
            }

            return Repeat(atom, min, max);
        }

        private bool TryParseBraces(out int min, out int max)
        {
            min = max = 0;
            var close = pattern.IndexOf('}', Position);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(Position + 1, close - Position - 1);
            var comma = body.IndexOf(',');
            if (comma < 0)
            {
                if (!int.TryParse(body, out min))
                {
                    return false;
                }

                max = min;
            }
            else
            {
                if (!int.TryParse(body[..comma], out min))
                {
                    return false;
                }

                var upper = body[(comma + 1)..];
                if (upper.IsEmpty)
                {
                    max = -1;
                }
                else if (!int.TryParse(upper, out max))
                {
                    return false;
                }
            }

            Position = close + 1;
            return true;
        }

        private Info ParseAtom()
        {
            var c = pattern[Position++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    SkipClass();
                    return Info.Any;
                case '\\':
                    return ParseEscape();
                case '.':
                    return Info.Any;
                case '^' or '$':
                    return Info.Empty;
                default:
                    return Info.Literal(char.ToLowerInvariant(c).ToString());
            }
        }

        private Info ParseGroup()
        {
            var zeroWidth = false;
            if (More && Peek == '?')
            {
                Position++;
                if (!More)
                {
                    throw new NotSupportedException();
                }

                switch (Peek)
                {
                    case ':' or '>':
                        Position++;
                        break;
                    case '=' or '!':
                        Position++;
                        zeroWidth = true;
                        break;
                    case '<' when Position + 1 < pattern.Length && pattern[Position + 1] is '=' or '!':
                        Position += 2;
                        zeroWidth = true;
                        break;
                    case '<' or '\'':
                        var end = pattern.IndexOf(Peek == '<' ? '>' : '\'', Position + 1);
                        if (end < 0)
                        {
                            throw new NotSupportedException();
                        }

                        Position = end + 1;
                        break;
                    default:
                        // Inline options: (?i) (?-i) (?i:...)
                        var start = Position;
                        while (More && (char.IsLetter(Peek) || Peek == '-'))
                        {
                            Position++;
                        }

                        if (Position == start || !More)
                        {
                            throw new NotSupportedException();
                        }

                        if (Peek == ')')
                        {
                            Position++;
                            return Info.Empty;
                        }

                        if (Peek != ':')
                        {
                            throw new NotSupportedException();
                        }

                        Position++;
                        break;
                }
            }

            var inner = ParseAlternation();
            if (!More || Peek != ')')
            {
                throw new NotSupportedException();
            }

            Position++;
            return zeroWidth ? Info.Empty : inner;
        }

        private void SkipClass()
        {
            if (More && Peek == '^')
            {
                Position++;
            }

            if (More && Peek == ']')
            {
                Position++;
            }

            while (More && Peek != ']')
            {
                if (Peek == '\\')
                {
                    Position++;
                }
                else if (Peek == '[')
                {
                    throw new NotSupportedException(); // character class subtraction
                }

                Position++;
            }

            if (!More)
            {
                throw new NotSupportedException();
            }

            Position++;
        }

        private Info ParseEscape()
        {
            if (!More)
            {
                throw new NotSupportedException();
            }

            var c = pattern[Position++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Info.Empty;
                case 's' or 'S' or 'w' or 'W' or 'd' or 'D':
                    return Info.Any;
                case 'p' or 'P':
                    var close = pattern.IndexOf('}', Position);
                    if (close < 0)
                    {
                        throw new NotSupportedException();
                    }

                    Position = close + 1;
                    return Info.Any;
                case 'n':
                    return Info.Literal("\n");
                case 't':
                    return Info.Literal("\t");
                case 'r':
                    return Info.Literal("\r");
                case 'u' when Position + 4 <= pattern.Length:
                    var code = Convert.ToInt32(pattern.Substring(Position, 4), 16);
                    Position += 4;
                    return Info.Literal(char.ToLowerInvariant((char)code).ToString());
                case 'x' when Position + 2 <= pattern.Length:
                    var hex = Convert.ToInt32(pattern.Substring(Position, 2), 16);
                    Position += 2;
                    return Info.Literal(char.ToLowerInvariant((char)hex).ToString());
                default:
                    if (char.IsLetterOrDigit(c))
                    {
                        throw new NotSupportedException(); // backreferences, \k<name>, \cX, ...
                    }

                    return Info.Literal(char.ToLowerInvariant(c).ToString());
            }
        }
    }
}
