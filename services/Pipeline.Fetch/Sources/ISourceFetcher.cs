namespace Pipeline.Fetch.Sources;

/// <summary>One source kind: what one poll of a source fetches, through <see cref="SourcePoll"/>.</summary>
public interface ISourceFetcher
{
    /// <summary>The <c>Kind</c> values of <see cref="SourceOptions"/> this fetcher serves.</summary>
    IReadOnlyList<string> Kinds { get; }

    Task PollAsync(SourcePoll poll, CancellationToken ct);
}

/// <summary>The server answered, but not with a payload we can store.</summary>
public sealed class FetchFailedException(string message) : Exception(message);
