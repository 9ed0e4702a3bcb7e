using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Classification;

/// <summary>The taxonomy file: <c>{"topics": [{"id", "name", "description", "keywords": [...]}]}</c>.</summary>
internal sealed class TaxonomyFile
{
    /// <summary>Free text for the people editing the file; not part of the hash.</summary>
    [JsonPropertyName("about")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? About { get; set; }

    [JsonPropertyName("topics")]
    public List<TopicJson>? Topics { get; set; }
}

internal sealed class TopicJson
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("keywords")]
    public List<KeywordJson>? Keywords { get; set; }
}

/// <summary>One keyword: <c>{"phrase": "LoRA", "weight": 1}</c> or <c>{"regex": "adapters?", "weight": 0.7}</c>,
/// optionally with <c>"caseSensitive": true</c>.</summary>
internal sealed class KeywordJson
{
    [JsonPropertyName("phrase")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Phrase { get; set; }

    [JsonPropertyName("regex")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Regex { get; set; }

    [JsonPropertyName("weight")]
    public double? Weight { get; set; }

    [JsonPropertyName("caseSensitive")]
    public bool CaseSensitive { get; set; }
}

/// <summary>Source-generated (reflection-free) serialization of the taxonomy file. Unknown properties are errors so
/// that a misspelt "wieght" is reported rather than silently ignored.</summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TaxonomyFile))]
internal sealed partial class TaxonomyJsonContext : JsonSerializerContext;
