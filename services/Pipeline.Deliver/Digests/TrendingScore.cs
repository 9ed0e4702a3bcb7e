namespace Pipeline.Deliver.Digests;

/// <summary>
/// Trending score of a paper at a moment (Hacker-News-style gravity):
/// <c>score = (upvotes + 1) × (1 + 0.5 × hasCode) / (hoursSincePublication + 2)^1.5</c>.
/// Upvotes count linearly, released code is worth 50 % more, and age decays the score polynomially, so a fresh
/// paper with a few upvotes can beat an older one with more. Age is measured from the arXiv publication date when
/// known, else from the pipeline's first publication; a future date counts as age 0.
/// </summary>
public static class TrendingScore
{
    public const double CodeBonus = 0.5;

    public const double Gravity = 1.5;

    public static double Compute(int? upvotes, bool hasCode, DateTimeOffset publishedAt, DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - publishedAt).TotalHours);
        return (Math.Max(0, upvotes ?? 0) + 1) * (1 + (hasCode ? CodeBonus : 0)) / Math.Pow(hours + 2, Gravity);
    }

    /// <summary>The top <paramref name="count"/> by score (ties: more upvotes, then paper id), highest first.</summary>
    public static List<T> Rank<T>(IEnumerable<T> items, Func<T, double> score, Func<T, int?> upvotes, Func<T, string> id, int count) =>
        items
            .Select(i => (Item: i, Score: score(i)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => upvotes(x.Item) ?? 0)
            .ThenBy(x => id(x.Item), StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Item)
            .ToList();
}
