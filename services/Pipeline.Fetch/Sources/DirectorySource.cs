using Microsoft.Extensions.Options;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// Payload files dropped in a folder. Files are left in place; a payload already stored (same hash) is skipped,
/// so polling a folder again ingests only new or changed files.
/// </summary>
public sealed class DirectorySource(IOptions<FetchOptions> options) : ISourceFetcher
{
    public IReadOnlyList<string> Kinds { get; } = [SourceKinds.Directory];

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        var folder = poll.Options.Path!;
        if (!Directory.Exists(folder))
        {
            throw new FetchFailedException($"Directory '{folder}' does not exist");
        }

        foreach (var file in Directory.EnumerateFiles(folder, poll.Options.Pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            await poll.StoreLocalAsync(new Uri(info.FullName).AbsoluteUri, async token =>
            {
                if (info.Length > options.Value.MaxBodyBytes)
                {
                    throw new FetchFailedException($"{file}: {info.Length} bytes exceeds the limit of {options.Value.MaxBodyBytes}");
                }

                return await File.ReadAllBytesAsync(file, token);
            }, ct);
        }
    }
}
