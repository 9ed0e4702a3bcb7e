using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Contracts;

namespace Pipeline.Publish.Publishing;

/// <summary>
/// What counts as a material change of a published paper: the fields below, compared by value. Upvotes, listing
/// dates, keywords, provenance, topic scores, evidence offsets and the related-papers list (derived data, announced
/// on its own as <see cref="RelatedPapersUpdated"/>) are kept fresh in the stored record but are not news: they never
/// cause a paper event on their own.
/// </summary>
public static class MaterialChanges
{
    private static readonly (string Name, Func<PaperEvent, object?> Value)[] Fields =
    [
        ("version", e => e.Version),
        ("title", e => e.Title),
        ("abstract", e => e.Abstract),
        ("authors", e => e.Authors),
        ("withdrawn", e => e.Withdrawn),
        ("topics", e => e.Topics.Select(t => t.Id).Order(StringComparer.Ordinal)),
        ("baseModels", e => e.BaseModels.Select(m => $"{m.Family}|{m.Version}|{m.Size}|{m.Variant}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        ("benchmarks", e => e.Benchmarks.Select(b => b.Canonical).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        ("scores", e => e.Scores.Select(s => $"{s.Benchmark}|{s.Value}|{s.Unit}").Order(StringComparer.Ordinal)),
        ("improvements", e => e.Improvements.Select(s => $"{s.Benchmark}|{s.Value}|{s.Unit}").Order(StringComparer.Ordinal)),
        ("languages", e => e.Languages.Order(StringComparer.Ordinal)),
        ("paramSizes", e => e.ParamSizes.Order(StringComparer.Ordinal)),
        ("codeUrls", e => e.CodeUrls.Order(StringComparer.Ordinal)),
        ("huggingFaceUrls", e => e.HuggingFaceUrls.Order(StringComparer.Ordinal)),
        ("projectPage", e => e.ProjectPage),
        ("categories", e => e.Categories),
        ("dois", e => e.Dois.Order(StringComparer.Ordinal)),
        ("journalRef", e => e.JournalRef),
        ("license", e => e.License),
    ];

    /// <summary>Names of the material fields that differ; empty when nothing material changed.</summary>
    public static IReadOnlyList<string> Between(PaperEvent previous, PaperEvent current) =>
        Fields.Where(f => Json(f.Value(previous)) != Json(f.Value(current))).Select(f => f.Name).ToList();

    /// <summary>Hash of the material fields (hex, 32 characters), stored with the record.</summary>
    public static string Hash(PaperEvent paper) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(Fields.Select(f => f.Value(paper)))))[..32];

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
