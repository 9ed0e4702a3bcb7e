namespace Pipeline.Classification;

/// <summary>
/// The characters a model-family head pattern of <see cref="ModelExtractor"/> can start with, so that a word is tried
/// only against the few families it could begin. Understands what those patterns use: literals, escapes, classes,
/// <c>(?:…)</c> and <c>(?i:…)</c> groups, alternation, <c>?</c>/<c>*</c> (a skippable first item) and lookarounds
/// (transparent). A pattern it cannot read yields every character, so the family is tried everywhere.
/// </summary>
internal static class HeadFirstChars
{
    public static IReadOnlySet<char> Of(string pattern)
    {
        try
        {
            var position = 0;
            var (first, _) = Alternation(pattern, ref position, ignoreCase: false);
            return position == pattern.Length && first is not null ? first : Everything();
        }
        catch (NotSupportedException)
        {
            return Everything();
        }
    }

    private static HashSet<char> Everything()
    {
        var all = new HashSet<char>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            all.Add((char)c);
        }

        return all;
    }

    /// <returns>The first characters (null: unknown, e.g. \s) and whether the pattern can match the empty string.</returns>
    private static (HashSet<char>? First, bool Nullable) Alternation(string p, ref int i, bool ignoreCase)
    {
        var (first, nullable) = Concatenation(p, ref i, ignoreCase);
        while (i < p.Length && p[i] == '|')
        {
            i++;
            var (f, n) = Concatenation(p, ref i, ignoreCase);
            first = first is null || f is null ? null : [.. first, .. f];
            nullable |= n;
        }

        return (first, nullable);
    }

    private static (HashSet<char>? First, bool Nullable) Concatenation(string p, ref int i, bool ignoreCase)
    {
        HashSet<char>? first = [];
        var nullable = true;
        while (i < p.Length && p[i] != '|' && p[i] != ')')
        {
            var (item, n) = Item(p, ref i, ignoreCase);
            if (i < p.Length && p[i] is '?' or '*')
            {
                n = true;
                i++;
            }
            else if (i < p.Length && p[i] == '+')
            {
                i++;
            }
            else if (i < p.Length && p[i] == '{')
            {
                throw new NotSupportedException();
            }

            if (nullable)
            {
                // An item whose characters are unknown (\s, \w, \d) matters only where it can come first.
                first = first is null || item is null ? null : [.. first, .. item];
                nullable = n;
            }
        }

        return (first, nullable);
    }

    private static (HashSet<char>? First, bool Nullable) Item(string p, ref int i, bool ignoreCase)
    {
        var c = p[i++];
        switch (c)
        {
            case '(':
                var lookaround = false;
                var inner = ignoreCase;
                if (p[i] == '?')
                {
                    if (p.AsSpan(i).StartsWith("?:"))
                    {
                        i += 2;
                    }
                    else if (p.AsSpan(i).StartsWith("?i:"))
                    {
                        i += 3;
                        inner = true;
                    }
                    else if (p.AsSpan(i).StartsWith("?=") || p.AsSpan(i).StartsWith("?!"))
                    {
                        i += 2;
                        lookaround = true;
                    }
                    else
                    {
                        throw new NotSupportedException();
                    }
                }

                (HashSet<char>? First, bool Nullable) result = Alternation(p, ref i, inner);
                if (i >= p.Length || p[i] != ')')
                {
                    throw new NotSupportedException();
                }

                i++;
                return lookaround ? ([], true) : result;
            case '[':
                var set = new HashSet<char>();
                var known = true;
                while (i < p.Length && p[i] != ']')
                {
                    var ch = p[i] == '\\' ? Escaped(p[++i]) : p[i];
                    if (ch is null)
                    {
                        known = false;
                        i++;
                        continue;
                    }

                    if (i + 2 < p.Length && p[i + 1] == '-' && p[i + 2] != ']')
                    {
                        for (var x = ch.Value; x <= p[i + 2]; x++)
                        {
                            Add(set, x, ignoreCase);
                        }

                        i += 3;
                        continue;
                    }

                    Add(set, ch.Value, ignoreCase);
                    i++;
                }

                i++;
                return (known ? set : null, false);
            case '\\':
                var escaped = Escaped(p[i++]);
                return (escaped is null ? null : Set(escaped.Value, ignoreCase), false);
            case '.' or '^' or '$':
                throw new NotSupportedException();
            default:
                return (Set(c, ignoreCase), false);
        }
    }

    /// <summary>An escaped literal character, or null for a class like \s \w \d.</summary>
    private static char? Escaped(char c) => char.IsLetterOrDigit(c) ? null : c;

    private static HashSet<char> Set(char c, bool ignoreCase)
    {
        var set = new HashSet<char>();
        Add(set, c, ignoreCase);
        return set;
    }

    private static void Add(HashSet<char> set, char c, bool ignoreCase)
    {
        set.Add(c);
        if (ignoreCase)
        {
            set.Add(char.ToLowerInvariant(c));
            set.Add(char.ToUpperInvariant(c));
        }
    }
}
