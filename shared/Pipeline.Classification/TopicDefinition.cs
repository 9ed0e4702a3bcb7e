namespace Pipeline.Classification;

/// <summary>
/// One topic of the taxonomy: a stable <see cref="Id"/> (it appears in events, routing keys and the API), a display
/// <see cref="Name"/>, the <see cref="Description"/> operators read, and the weighted phrases that signal it.
/// </summary>
public sealed record TopicDefinition(string Id, string Name, string Description, IReadOnlyList<TopicKeyword> Keywords);

/// <summary>
/// A phrase or regular expression that signals a topic.
/// </summary>
/// <param name="Text">
/// A plain phrase (matched on word boundaries; spaces and hyphens between its words are interchangeable or may be
/// missing, and an English plural <c>s</c>/<c>es</c> is allowed) or, when <paramref name="IsRegex"/> is set, a .NET
/// regular expression, which is wrapped in <c>\b(?:…)\b</c> and so must begin and end with a word character.
/// </param>
/// <param name="Weight">How decisive one match is, in (0, 1]: 1 for an unambiguous phrase, ~0.3 for a weak hint.</param>
/// <param name="IsRegex">Whether <paramref name="Text"/> is a regular expression.</param>
/// <param name="CaseSensitive">Match case exactly (for acronyms that are ordinary words in lower case).</param>
public sealed record TopicKeyword(string Text, double Weight, bool IsRegex = false, bool CaseSensitive = false);
