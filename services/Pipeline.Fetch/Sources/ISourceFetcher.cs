using Pipeline.Fetch.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>One source kind: which requests a poll makes, and how to make one.</summary>
public interface ISourceFetcher
{
    string Kind { get; }

    /// <summary>The URLs (or files) one poll of the source covers.</summary>
    IReadOnlyList<string> Plan(SourceOptions source, DateTimeOffset now);

    Task<FetchedPayload> FetchAsync(string target, SourceOptions source, CancellationToken ct);
}

/// <summary>The server answered, but not with a payload we can store.</summary>
public sealed class FetchFailedException(string message) : Exception(message);
