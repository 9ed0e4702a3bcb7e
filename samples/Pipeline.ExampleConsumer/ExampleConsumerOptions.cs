using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;

namespace Pipeline.ExampleConsumer;

/// <summary>Section <c>ExampleConsumer</c>: which queue, and which events it binds to.</summary>
public sealed class ExampleConsumerOptions
{
    public const string SectionName = "ExampleConsumer";

    /// <summary>Durable queue of this consumer (one per consuming application; its instances share it).</summary>
    public string Queue { get; set; } = "";

    /// <summary>Comma-separated event kinds: <c>published</c>, <c>updated</c>, <c>withdrawn</c>, or <c>*</c> for all.</summary>
    public string Kinds { get; set; } = "";

    /// <summary>Comma-separated taxonomy topic ids (<c>peft,rag</c>), <c>none</c> for papers without a topic, or <c>#</c> for all.</summary>
    public string Topics { get; set; } = "";

    /// <summary>Declare the queue as a quorum queue (replicated; choose before the queue first exists — RabbitMQ
    /// refuses to redeclare a classic queue as quorum).</summary>
    public bool QuorumQueue { get; set; }

    public int PrefetchCount { get; set; } = 16;

    /// <summary><c>ConnectionStrings:ExampleConsumer</c>: the consumer's own database (idempotency store and read model).</summary>
    public string ConnectionString { get; set; } = "";

    public IReadOnlyList<string> KindList => Split(Kinds);

    public IReadOnlyList<string> TopicList => Split(Topics);

    /// <summary>One binding per kind and topic: <c>paper.{kind}.{topic}</c> (<c>paper.updated.#</c>, <c>paper.*.peft</c>…).</summary>
    public IReadOnlyList<string> BindingKeys() =>
        [.. KindList.SelectMany(kind => TopicList.Select(topic => PaperEvents.RoutingKey(kind, topic))).Distinct(StringComparer.Ordinal)];

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Refuses to start with a configuration that would bind nothing or bind by mistake.</summary>
public sealed partial class ExampleConsumerOptionsValidator : IValidateOptions<ExampleConsumerOptions>
{
    private static readonly string[] KnownKinds = [PaperEvents.Published, PaperEvents.Updated, PaperEvents.Withdrawn, "*"];

    public ValidateOptionsResult Validate(string? name, ExampleConsumerOptions options)
    {
        var errors = new List<string>();
        if (!QueueName().IsMatch(options.Queue))
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:Queue must be a queue name (letters, digits, '.', '_', '-', ':'), got '{options.Queue}'.");
        }

        if (options.KindList.Count == 0)
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:Kinds is empty: name published, updated, withdrawn (comma-separated) or *.");
        }

        foreach (var kind in options.KindList.Where(k => !KnownKinds.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:Kinds: unknown kind '{kind}' (published, updated, withdrawn or *).");
        }

        if (options.TopicList.Count == 0)
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:Topics is empty: name taxonomy ids (peft,rag), none, or # for every topic.");
        }

        foreach (var topic in options.TopicList.Where(t => !Topic().IsMatch(t)))
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:Topics: '{topic}' is not a taxonomy id (lowercase letters, digits, '-'), '*' or '#'.");
        }

        if (options.PrefetchCount is < 1 or > 1000)
        {
            errors.Add($"{ExampleConsumerOptions.SectionName}:PrefetchCount must be 1..1000.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("ConnectionStrings:ExampleConsumer is required (the consumer's own PostgreSQL database).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex QueueName();

    [GeneratedRegex("^([a-z0-9][a-z0-9-]*|\\*|#)$")]
    private static partial Regex Topic();
}
