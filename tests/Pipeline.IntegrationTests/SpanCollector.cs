using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pipeline.IntegrationTests;

/// <summary>Records every finished span of the pipeline's sources (MassTransit, Pipeline) in this process.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "MassTransit" or "Pipeline",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Spans.Add(new Span(a.TraceId.ToString(), a.Source.Name, a.DisplayName, a.Kind,
                a.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal))),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentBag<Span> Spans { get; } = [];

    public void Dispose() => _listener.Dispose();

    public sealed record Span(string TraceId, string Source, string Name, ActivityKind Kind, IReadOnlyDictionary<string, string?> Tags);
}
