namespace Pipeline.Classification;

/// <summary>
/// One pass over a text finds which keywords could match it: an Aho-Corasick automaton over the prefilter literals
/// of every keyword (<see cref="RegexPrefilter"/>), run on the text lowercased character by character through a
/// lookup table (no lowercase copy is made). Keywords without a usable literal are always candidates.
/// Immutable after construction and safe to share between threads.
/// </summary>
internal sealed class KeywordScanner
{
    private readonly ushort[] _charClass = new ushort[char.MaxValue + 1];
    private readonly int _alphabet;
    private readonly int[] _next;          // state * alphabet + class -> state (a full DFA)
    private readonly int[] _outputStart;   // per state, into _outputs
    private readonly int[] _outputs;       // keyword indices, for all literals ending at a state (via failure links)
    private readonly int[] _always;        // keywords that always run

    /// <param name="literals">Per keyword: its any-of literal set, or null to always run it.</param>
    public KeywordScanner(IReadOnlyList<IReadOnlyList<string>?> literals)
    {
        KeywordCount = literals.Count;
        _always = [.. Enumerable.Range(0, literals.Count).Where(k => literals[k] is null)];

        // Alphabet: the distinct (lowercase) characters of all literals; class 0 is "any other character".
        var classes = new Dictionary<char, ushort>();
        foreach (var literal in literals.Where(l => l is not null).SelectMany(l => l!))
        {
            foreach (var c in literal)
            {
                if (!classes.ContainsKey(c))
                {
                    classes[c] = (ushort)(classes.Count + 1);
                }
            }
        }

        _alphabet = classes.Count + 1;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var lower = char.ToLowerInvariant((char)c);
            _charClass[c] = classes.TryGetValue(lower, out var cls) ? cls : (ushort)0;
        }

        // Trie.
        var gotos = new List<int[]> { NewRow() };
        var terminal = new List<List<int>> { new() };
        for (var k = 0; k < literals.Count; k++)
        {
            foreach (var literal in literals[k] ?? [])
            {
                var state = 0;
                foreach (var c in literal)
                {
                    var cls = classes[c];
                    if (gotos[state][cls] < 0)
                    {
                        gotos[state][cls] = gotos.Count;
                        gotos.Add(NewRow());
                        terminal.Add([]);
                    }

                    state = gotos[state][cls];
                }

                terminal[state].Add(k);
            }
        }

        // Failure links, breadth first, turning the trie into a DFA and merging outputs along failure links.
        var fail = new int[gotos.Count];
        var outputs = new List<int>[gotos.Count];
        outputs[0] = [.. terminal[0]];
        var queue = new Queue<int>();
        for (var cls = 0; cls < _alphabet; cls++)
        {
            if (gotos[0][cls] < 0)
            {
                gotos[0][cls] = 0;
            }
            else
            {
                fail[gotos[0][cls]] = 0;
                queue.Enqueue(gotos[0][cls]);
            }
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            outputs[state] = [.. terminal[state], .. outputs[fail[state]]];
            for (var cls = 0; cls < _alphabet; cls++)
            {
                var child = gotos[state][cls];
                if (child < 0)
                {
                    gotos[state][cls] = gotos[fail[state]][cls];
                }
                else
                {
                    fail[child] = gotos[fail[state]][cls];
                    queue.Enqueue(child);
                }
            }
        }

        _next = new int[gotos.Count * _alphabet];
        for (var s = 0; s < gotos.Count; s++)
        {
            Array.Copy(gotos[s], 0, _next, s * _alphabet, _alphabet);
        }

        _outputStart = new int[gotos.Count + 1];
        var flat = new List<int>();
        for (var s = 0; s < gotos.Count; s++)
        {
            _outputStart[s] = flat.Count;
            flat.AddRange(outputs[s].Distinct());
        }

        _outputStart[gotos.Count] = flat.Count;
        _outputs = [.. flat];

        int[] NewRow()
        {
            var row = new int[_alphabet];
            Array.Fill(row, -1);
            return row;
        }
    }

    public int KeywordCount { get; }

    /// <summary>The most segments a field is cut into; the last one runs to the end of the text.</summary>
    public const int MaxSegments = 64;

    /// <summary>
    /// Scans <paramref name="text"/>, cut into segments at every '.', and sets bit s of <paramref name="hits"/>[k] when a
    /// literal of keyword k ends in segment s (keywords without literals: every segment). Writes each segment's start
    /// to <paramref name="segmentStarts"/> and returns the number of segments.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, Span<ulong> hits, Span<int> segmentStarts)
    {
        var next = _next;
        var charClass = _charClass;
        var alphabet = _alphabet;
        var outputStart = _outputStart;
        var outputs = _outputs;
        var state = 0;
        var segment = 0;
        var bit = 1UL;
        segmentStarts[0] = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && segment < MaxSegments - 1)
            {
                segment++;
                bit <<= 1;
                segmentStarts[segment] = i + 1;
            }

            state = next[(state * alphabet) + charClass[c]];
            var end = outputStart[state + 1];
            for (var o = outputStart[state]; o < end; o++)
            {
                hits[outputs[o]] |= bit;
            }
        }

        var all = segment == 63 ? ulong.MaxValue : (1UL << (segment + 1)) - 1;
        foreach (var k in _always)
        {
            hits[k] = all;
        }

        return segment + 1;
    }
}
