namespace Pipeline.Classification;

/// <summary>
/// The names of the fields the classifier reads (as they appear in <see cref="Evidence.Field"/>) and the exact text
/// that <see cref="Evidence.Offset"/> indexes into.
/// </summary>
public static class ClassifierFields
{
    public const string Title = "title";

    public const string Abstract = "abstract";

    /// <summary>The Hugging Face <c>ai_keywords</c>, joined with <see cref="KeywordSeparator"/>.</summary>
    public const string Keywords = "keywords";

    public const string KeywordSeparator = "; ";

    /// <summary>The text of <paramref name="field"/> in <paramref name="input"/> that evidence offsets refer to.</summary>
    public static string GetText(ClassifierInput input, string field)
    {
        ArgumentNullException.ThrowIfNull(input);
        return field switch
        {
            Title => input.Title ?? string.Empty,
            Abstract => input.Abstract ?? string.Empty,
            Keywords => string.Join(KeywordSeparator, input.Keywords ?? []),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown classifier field."),
        };
    }
}
