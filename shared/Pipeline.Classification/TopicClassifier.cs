using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Classification;

/// <summary>
/// Transparent, rule-based multi-label topic classifier. Each topic's score is built from its keyword matches in
/// the title, abstract and Hugging Face <c>ai_keywords</c> (see <see cref="ClassifierOptions"/> for the formula), and
/// every assigned topic carries the evidence that produced it. Thread-safe; no I/O; deterministic.
/// </summary>
public sealed class TopicClassifier
{
    /// <summary>Bump when the scoring rules change in a way that changes output.</summary>
    public const string RulesVersion = "rules-2";

    private readonly Taxonomy _taxonomy;
    private readonly ClassifierOptions _options;
    private readonly (string Name, double Weight)[] _fields;

    public TopicClassifier(Taxonomy taxonomy, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _options = options ?? ClassifierOptions.Default;
        _options.Validate();
        _fields =
        [
            (ClassifierFields.Title, _options.TitleWeight),
            (ClassifierFields.Abstract, _options.AbstractWeight),
            (ClassifierFields.Keywords, _options.KeywordsWeight),
        ];
        Version = _options == ClassifierOptions.Default
            ? $"{RulesVersion}+tax-{taxonomy.Hash}"
            : $"{RulesVersion}+tax-{taxonomy.Hash}+opt-{OptionsHash(_options)}";
    }

    /// <summary><c>rules-2+tax-&lt;taxonomy hash&gt;</c>, plus <c>+opt-&lt;hash&gt;</c> when the options are not the
    /// defaults: equal versions give equal output for equal input.</summary>
    public string Version { get; }

    /// <summary>
    /// Scores every topic of the taxonomy and returns those at or above the threshold (at most
    /// <see cref="ClassifierOptions.MaxTopics"/>, highest score first; ties keep taxonomy order), each with its evidence
    /// ordered by field (title, abstract, keywords) and offset, plus the paper's code and Hugging Face links.
    /// </summary>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A keyword regex of an operator's
    /// taxonomy ran away on this input.</exception>
    public Enrichment Classify(ClassifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string[] texts =
        [
            ClassifierFields.GetText(input, ClassifierFields.Title),
            ClassifierFields.GetText(input, ClassifierFields.Abstract),
            ClassifierFields.GetText(input, ClassifierFields.Keywords),
        ];

        var assigned = new List<(TopicScore Topic, double Raw, int Order)>();
        var claimed = new List<(int Field, int Start, int End)>();
        for (var t = 0; t < _taxonomy.Compiled.Count; t++)
        {
            var topic = _taxonomy.Compiled[t];
            claimed.Clear();
            var (raw, evidence) = ScoreTopic(topic, texts, claimed);
            var score = Math.Round(1 - Math.Exp(-raw), 4);
            if (evidence is not null && score >= _options.Threshold)
            {
                evidence.Sort(CompareEvidence);
                assigned.Add((new TopicScore(topic.Definition.Id, score, evidence), raw, t));
            }
        }

        // Every paper gets at least one topic: the catch-all (score 0, no evidence) when no topic is a main subject.
        // A passing mention still assigns nothing.
        if (assigned.Count == 0 && _options.FallbackTopic is { } fallback)
        {
            assigned.Add((new TopicScore(fallback, 0, []), 0, int.MaxValue));
        }

        var links = LinkExtractor.Extract(input);
        return new Enrichment
        {
            Version = Version,
            Topics =
            [
                .. assigned
                    .OrderByDescending(a => a.Topic.Score)
                    .ThenByDescending(a => a.Raw)
                    .ThenBy(a => a.Order)
                    .Take(_options.MaxTopics)
                    .Select(a => a.Topic),
            ],
            CodeUrls = links.Code,
            HuggingFaceUrls = links.HuggingFace,
        };
    }

    /// <summary>Sums keyword weight × field weight × decay^repeat over the topic's matches. A match overlapping
    /// text already claimed by a stronger keyword of the same topic is not counted twice.</summary>
    private (double Raw, List<Evidence>? Evidence) ScoreTopic(CompiledTopic topic, string[] texts, List<(int Field, int Start, int End)> claimed)
    {
        double raw = 0;
        List<Evidence>? evidence = null;
        foreach (var matcher in topic.Matchers)
        {
            for (var f = 0; f < texts.Length; f++)
            {
                var (fieldName, fieldWeight) = _fields[f];
                if (fieldWeight == 0 || texts[f].Length == 0)
                {
                    continue;
                }

                var repeats = 0;
                foreach (var match in matcher.Regex.EnumerateMatches(texts[f]))
                {
                    var end = match.Index + match.Length;
                    if (match.Length == 0 || Overlaps(claimed, f, match.Index, end))
                    {
                        continue;
                    }

                    // Repeats beyond MaxRepeats add nothing but still claim their text.
                    claimed.Add((f, match.Index, end));
                    if (repeats++ < _options.MaxRepeats)
                    {
                        raw += matcher.Keyword.Weight * fieldWeight * Math.Pow(_options.RepeatDecay, repeats - 1);
                        (evidence ??= []).Add(new Evidence(texts[f].Substring(match.Index, match.Length), fieldName, match.Index));
                    }
                }
            }
        }

        return (raw, evidence);
    }

    private static bool Overlaps(List<(int Field, int Start, int End)> claimed, int field, int start, int end)
    {
        foreach (var span in claimed)
        {
            if (span.Field == field && start < span.End && span.Start < end)
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareEvidence(Evidence a, Evidence b)
    {
        var byField = FieldOrder(a.Field).CompareTo(FieldOrder(b.Field));
        return byField != 0 ? byField : a.Offset.CompareTo(b.Offset);
    }

    private static int FieldOrder(string field) => field switch
    {
        ClassifierFields.Title => 0,
        ClassifierFields.Abstract => 1,
        _ => 2,
    };

    private static string OptionsHash(ClassifierOptions options)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Threshold:R}|{options.MaxTopics}|{options.FallbackTopic}|{options.TitleWeight:R}|{options.AbstractWeight:R}|{options.KeywordsWeight:R}|{options.RepeatDecay:R}|{options.MaxRepeats}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 4);
    }
}
