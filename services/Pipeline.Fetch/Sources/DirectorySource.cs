using Microsoft.Extensions.Options;
using Pipeline.Fetch.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Payload files dropped in a folder. Files are left in place; a payload already stored (same hash) is skipped,
/// so polling a folder again ingests only new or changed files.
/// </summary>
public sealed class DirectorySource(IOptions<FetchOptions> options) : ISourceFetcher
{
    public string Kind => SourceKinds.Directory;

    public IReadOnlyList<string> Plan(SourceOptions source, DateTimeOffset now) =>
        Directory.Exists(source.Path)
            ? Directory.EnumerateFiles(source.Path!, source.Pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList()
            : throw new FetchFailedException($"Directory '{source.Path}' does not exist");

    public async Task<FetchedPayload> FetchAsync(string target, SourceOptions source, CancellationToken ct)
    {
        var info = new FileInfo(target);
        if (info.Length > options.Value.MaxBodyBytes)
        {
            throw new FetchFailedException($"{target}: {info.Length} bytes exceeds the limit of {options.Value.MaxBodyBytes}");
        }

        var body = await File.ReadAllBytesAsync(target, ct);
        return new FetchedPayload(new Uri(info.FullName).AbsoluteUri, body, source.Format);
    }
}
