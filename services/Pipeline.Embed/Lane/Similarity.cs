using System.Numerics;
using System.Runtime.InteropServices;

namespace Pipeline.Embed.Lane;

/// <summary>A paper and how similar it is to another (cosine, in [-1, 1]).</summary>
public readonly record struct Neighbour(string PaperId, double Similarity);

/// <summary>Cosine similarity and top-k selection: pure functions, used by the fallback search and tested alone.</summary>
public static class Similarity
{
    /// <summary>Orders by similarity descending, then paper id (ordinal), so ties rank the same everywhere.</summary>
    public static readonly IComparer<Neighbour> BestFirst = Comparer<Neighbour>.Create((a, b) =>
    {
        var bySimilarity = b.Similarity.CompareTo(a.Similarity);
        return bySimilarity != 0 ? bySimilarity : string.CompareOrdinal(a.PaperId, b.PaperId);
    });

    /// <summary>Cosine similarity of two vectors of the same length, clamped to [-1, 1]; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors differ in length ({a.Length} vs {b.Length}).", nameof(b));
        }

        double dot = 0, normA = 0, normB = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            Vector<float> d = default, na = default, nb = default;
            for (var j = 0; j < va.Length; j++)
            {
                d += va[j] * vb[j];
                na += va[j] * va[j];
                nb += vb[j] * vb[j];
            }

            dot = Vector.Sum(d);
            normA = Vector.Sum(na);
            normB = Vector.Sum(nb);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        if (normA <= 0 || normB <= 0)
        {
            return 0;
        }

        return Math.Clamp(dot / Math.Sqrt(normA * normB), -1, 1);
    }

    /// <summary>
    /// The <paramref name="k"/> candidates most similar to <paramref name="query"/> with a similarity above
    /// <paramref name="minSimilarity"/>, best first, never <paramref name="excludeId"/> itself.
    /// </summary>
    public static IReadOnlyList<Neighbour> TopK(
        ReadOnlySpan<float> query,
        IEnumerable<(string PaperId, float[] Vector)> candidates,
        int k,
        double minSimilarity,
        string? excludeId = null)
    {
        var top = new TopK(k, minSimilarity, excludeId);
        foreach (var (paperId, vector) in candidates)
        {
            top.Offer(paperId, Cosine(query, vector));
        }

        return top.Result();
    }
}

/// <summary>
/// Keeps the best <c>k</c> of a stream of scored papers in O(k) memory (a bounded min-heap): one per query when
/// the fallback search scans every stored vector once for a whole batch.
/// </summary>
public sealed class TopK
{
    private readonly int _k;
    private readonly double _minSimilarity;
    private readonly string? _excludeId;

    // Worst of the kept ones on top, so a better candidate replaces it.
    private readonly PriorityQueue<Neighbour, Neighbour> _heap;

    public TopK(int k, double minSimilarity, string? excludeId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _k = k;
        _minSimilarity = minSimilarity;
        _excludeId = excludeId;
        _heap = new PriorityQueue<Neighbour, Neighbour>(k + 1, Comparer<Neighbour>.Create((a, b) => Similarity.BestFirst.Compare(b, a)));
    }

    /// <summary>Offers a candidate; returns whether it is (for now) among the best k.</summary>
    public bool Offer(string paperId, double similarity)
    {
        if (similarity <= _minSimilarity || double.IsNaN(similarity) || string.Equals(paperId, _excludeId, StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = new Neighbour(paperId, similarity);
        if (_heap.Count < _k)
        {
            _heap.Enqueue(candidate, candidate);
            return true;
        }

        var worst = _heap.Peek();
        if (Similarity.BestFirst.Compare(candidate, worst) >= 0)
        {
            return false;
        }

        _heap.DequeueEnqueue(candidate, candidate);
        return true;
    }

    /// <summary>The kept candidates, best first.</summary>
    public IReadOnlyList<Neighbour> Result()
    {
        var result = _heap.UnorderedItems.Select(i => i.Element).ToList();
        result.Sort(Similarity.BestFirst);
        return result;
    }
}
