using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// The topics the classifier can assign, with their weighted keyword lists. The built-in taxonomy
/// (<see cref="LoadDefault"/>) mirrors <c>config/taxonomy.md</c>; operators may load their own JSON file of the same
/// shape (<see cref="Load"/>). Immutable and safe to share between threads.
/// </summary>
public sealed partial class Taxonomy
{
    private const string ResourceName = "Pipeline.Classification.taxonomy.json";

    private Taxonomy(IReadOnlyList<TopicDefinition> topics, IReadOnlyList<CompiledTopic> compiled, string hash)
    {
        Topics = topics;
        Compiled = compiled;
        Hash = hash;
        Scanner = new KeywordScanner([.. compiled.SelectMany(t => t.Matchers).Select(m => m.Literals)]);
    }

    public IReadOnlyList<TopicDefinition> Topics { get; }

    /// <summary>First 8 hex characters of the SHA-256 of the taxonomy's canonical JSON form: ids, names,
    /// descriptions and keywords, independent of whitespace, comments and property order in the file.</summary>
    public string Hash { get; }

    /// <summary>Topics with their keywords compiled, strongest keyword first.</summary>
    internal IReadOnlyList<CompiledTopic> Compiled { get; }

    /// <summary>Finds the keywords that could match a text; keyword k is the k-th matcher of
    /// <see cref="Compiled"/> in order (<see cref="CompiledTopic.FirstKeyword"/>).</summary>
    internal KeywordScanner Scanner { get; }

    /// <summary>The taxonomy embedded in this assembly.</summary>
    /// <summary>Routing-key word of the paper events for papers without a topic; no topic may be called that.</summary>
    public const string ReservedNoTopicId = "none";

    public static Taxonomy LoadDefault()
    {
        using var stream = typeof(Taxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the assembly.");
        return Load(stream);
    }

    /// <summary>Reads a taxonomy JSON document (comments and trailing commas allowed).</summary>
    /// <exception cref="InvalidDataException">The document is not valid JSON or not a valid taxonomy; the message
    /// says where.</exception>
    public static Taxonomy Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TaxonomyFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, TaxonomyJsonContext.Default.TaxonomyFile);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Taxonomy JSON is malformed: {ex.Message}", ex);
        }

        if (file?.Topics is null)
        {
            throw new InvalidDataException("Taxonomy JSON must be an object with a \"topics\" array.");
        }

        var topics = new List<TopicDefinition>();
        for (var i = 0; i < file.Topics.Count; i++)
        {
            topics.Add(ToDefinition(file.Topics[i], i));
        }

        return FromTopics(topics);
    }

    /// <summary>Builds a taxonomy from definitions, validating them like <see cref="Load"/> does.</summary>
    /// <exception cref="InvalidDataException">A definition is invalid.</exception>
    public static Taxonomy FromTopics(IEnumerable<TopicDefinition> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var list = topics.ToList();
        if (list.Count == 0)
        {
            throw new InvalidDataException("Taxonomy has no topics.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var compiled = new List<CompiledTopic>();
        foreach (var topic in list)
        {
            var where = $"Taxonomy topic '{topic.Id}'";
            if (string.IsNullOrEmpty(topic.Id) || !IdPattern().IsMatch(topic.Id))
            {
                throw new InvalidDataException($"Taxonomy topic id '{topic.Id}' is invalid: use lowercase letters, digits and single hyphens (e.g. 'efficient-inference').");
            }

            if (topic.Id == ReservedNoTopicId)
            {
                throw new InvalidDataException($"Taxonomy topic id '{ReservedNoTopicId}' is reserved: it is the routing-key word of papers without a topic (paper.published.none).");
            }

            if (!ids.Add(topic.Id))
            {
                throw new InvalidDataException($"{where} is defined twice.");
            }

            if (string.IsNullOrWhiteSpace(topic.Name))
            {
                throw new InvalidDataException($"{where} has no name.");
            }

            if (topic.Keywords is null || topic.Keywords.Count == 0)
            {
                throw new InvalidDataException($"{where} has no keywords, so it could never be assigned.");
            }

            var matchers = new List<KeywordMatcher>();
            foreach (var keyword in topic.Keywords)
            {
                if (string.IsNullOrWhiteSpace(keyword.Text))
                {
                    throw new InvalidDataException($"{where} has an empty keyword.");
                }

                if (!(keyword.Weight > 0 && keyword.Weight <= 1))
                {
                    throw new InvalidDataException($"{where}, keyword '{keyword.Text}': weight {keyword.Weight} is outside (0, 1].");
                }

                try
                {
                    matchers.Add(KeywordMatcher.Create(keyword));
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidDataException($"{where}, keyword '{keyword.Text}': not a valid regular expression: {ex.Message}", ex);
                }
            }

            // Strongest first, so that a specific phrase ("KV cache compression") claims its text before a
            // weaker one inside it ("compression") can count it again. Stable: ties keep the file's order.
            compiled.Add(new CompiledTopic(topic, [.. matchers.OrderByDescending(m => m.Keyword.Weight)], compiled.Sum(c => c.Matchers.Count)));
        }

        return new Taxonomy(list, compiled, ComputeHash(list));
    }

    private static TopicDefinition ToDefinition(TopicJson topic, int index)
    {
        var where = $"Taxonomy topic #{index + 1} ('{topic.Id}')";
        if (topic.Id is null || topic.Name is null)
        {
            throw new InvalidDataException($"{where} needs an \"id\" and a \"name\".");
        }

        var keywords = new List<TopicKeyword>();
        foreach (var (keyword, k) in (topic.Keywords ?? []).Select((kw, k) => (kw, k)))
        {
            if ((keyword.Phrase is null) == (keyword.Regex is null))
            {
                throw new InvalidDataException($"{where}, keyword #{k + 1}: give exactly one of \"phrase\" or \"regex\".");
            }

            if (keyword.Weight is null)
            {
                throw new InvalidDataException($"{where}, keyword #{k + 1} ('{keyword.Phrase ?? keyword.Regex}'): \"weight\" is missing.");
            }

            keywords.Add(new TopicKeyword(keyword.Phrase ?? keyword.Regex!, keyword.Weight.Value, keyword.Regex is not null, keyword.CaseSensitive));
        }

        return new TopicDefinition(topic.Id, topic.Name, topic.Description ?? string.Empty, keywords);
    }

    private static string ComputeHash(IReadOnlyList<TopicDefinition> topics)
    {
        var canonical = new TaxonomyFile
        {
            Topics = [.. topics.Select(t => new TopicJson
            {
                Id = t.Id,
                Name = t.Name,
                Description = t.Description,
                Keywords = [.. t.Keywords.Select(k => new KeywordJson
                {
                    Phrase = k.IsRegex ? null : k.Text,
                    Regex = k.IsRegex ? k.Text : null,
                    Weight = k.Weight,
                    CaseSensitive = k.CaseSensitive,
                })],
            })],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical, TaxonomyJsonContext.Default.TaxonomyFile);
        return Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 4);
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>A topic with its keywords compiled, strongest first; its keywords are numbered from
/// <paramref name="FirstKeyword"/> on in <see cref="Taxonomy.Scanner"/>.</summary>
internal sealed record CompiledTopic(TopicDefinition Definition, IReadOnlyList<KeywordMatcher> Matchers, int FirstKeyword);
