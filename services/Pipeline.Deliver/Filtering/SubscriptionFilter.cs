using Pipeline.Contracts;

namespace Pipeline.Deliver.Filtering;

/// <summary>What a paper looks like to a filter: its text, topics, base models and benchmarks.</summary>
public sealed record PaperFacts(
    string Title,
    string Abstract,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Benchmarks)
{
    /// <summary>The facts of an integration event: base models by name and family, benchmarks by canonical name and as written.</summary>
    public static PaperFacts From(PaperEvent paper) => new(
        paper.Title,
        paper.Abstract,
        paper.Topics.Select(t => t.Id).ToList(),
        paper.BaseModels.SelectMany(m => new[] { m.Name, m.Family }).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        paper.Benchmarks.SelectMany(b => new[] { b.Canonical, b.Name }).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
}

/// <summary>
/// A subscriber's filter. Every non-empty criterion must hold (AND); within one criterion any value may match (OR).
/// Empty lists match everything. Topics are taxonomy ids (exact), kinds <c>published</c>/<c>updated</c>/<c>withdrawn</c>,
/// models and benchmarks compare case-insensitively with a base model's name or family and a benchmark's canonical
/// name or its spelling in the text; <see cref="Text"/> is words that must all occur (case-insensitive) in the title
/// or the abstract.
/// </summary>
public sealed record SubscriptionFilter
{
    public static readonly IReadOnlyList<string> AllKinds = [PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn];

    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<string> Kinds { get; init; } = [];

    public IReadOnlyList<string> Models { get; init; } = [];

    public IReadOnlyList<string> Benchmarks { get; init; } = [];

    public string? Text { get; init; }

    public bool Matches(PaperFacts paper, string kind)
    {
        if (Kinds.Count > 0 && !Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Topics.Count > 0 && !Topics.Any(t => paper.Topics.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Models.Count > 0 && !Models.Any(m => paper.Models.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (Benchmarks.Count > 0 && !Benchmarks.Any(b => paper.Benchmarks.Contains(b, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        return Words(Text).All(w =>
            paper.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || paper.Abstract.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Problems with the filter as given by an operator; empty when valid.</summary>
    public IEnumerable<(string Field, string Error)> Validate()
    {
        foreach (var kind in Kinds.Where(k => !AllKinds.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            yield return ("kinds", $"unknown kind '{kind}' (published, updated or withdrawn)");
        }

        foreach (var (field, values) in new[] { ("topics", Topics), ("models", Models), ("benchmarks", Benchmarks) })
        {
            if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 128))
            {
                yield return (field, "values are 1–128 characters");
            }
        }

        if (Text is { Length: > 256 })
        {
            yield return ("text", "at most 256 characters");
        }
    }

    /// <summary>The same filter with values trimmed, de-duplicated, kinds lower-cased and a blank text removed.</summary>
    public SubscriptionFilter Normalized() => new()
    {
        Topics = Clean(Topics),
        Kinds = Clean(Kinds).Select(k => k.ToLowerInvariant()).ToList(),
        Models = Clean(Models),
        Benchmarks = Clean(Benchmarks),
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
    };

    /// <summary>A short human description, e.g. for a digest's footer.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Topics.Count > 0)
        {
            parts.Add($"topics {string.Join(", ", Topics)}");
        }

        if (Kinds.Count > 0)
        {
            parts.Add($"kinds {string.Join(", ", Kinds)}");
        }

        if (Models.Count > 0)
        {
            parts.Add($"models {string.Join(", ", Models)}");
        }

        if (Benchmarks.Count > 0)
        {
            parts.Add($"benchmarks {string.Join(", ", Benchmarks)}");
        }

        if (Text is not null)
        {
            parts.Add($"text \"{Text}\"");
        }

        return parts.Count == 0 ? "all papers" : string.Join("; ", parts);
    }

    private static string[] Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
