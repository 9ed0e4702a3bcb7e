using System.Globalization;
using System.Text.Json;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// arXiv OAI-PMH <c>ListRecords</c> (<c>metadataPrefix</c> arXiv or arXivRaw, optional <c>set</c>), following
/// <c>resumptionToken</c> until the list is done. The cursor keeps the token after every page (a crash resumes
/// there) and, once a harvest completes, the day it started, which becomes the next harvest's <c>from</c>.
/// <c>noRecordsMatch</c> is a normal empty result.
/// </summary>
public sealed class OaiPmhSource : ISourceFetcher
{
    public IReadOnlyList<string> Kinds { get; } = [SourceKinds.OaiPmh];

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        var source = poll.Options;
        var baseUrl = (source.BaseUrl ?? "https://oaipmh.arxiv.org/oai").TrimEnd('/');
        var cursor = poll.Cursor is { } json ? JsonSerializer.Deserialize<OaiCursor>(json) ?? new OaiCursor() : new OaiCursor();
        var harvestStarted = cursor.HarvestStarted ?? DateOnly.FromDateTime(poll.Now.UtcDateTime);
        var from = cursor.From ?? source.Date;
        var token = cursor.Token;
        while (true)
        {
            var url = token is not null
                ? $"{baseUrl}?verb=ListRecords&resumptionToken={Uri.EscapeDataString(token)}"
                : FirstPageUrl(baseUrl, source, from);
            var result = await poll.FetchAsync(url, conditional: false, ct: ct);
            if (result?.Body is null)
            {
                return; // failed: the cursor still points at this page
            }

            var page = PageInfo.Read(result.Body);
            if (page.OaiError is { } error && error != "noRecordsMatch")
            {
                throw new FetchFailedException($"OAI-PMH error '{error}' for {url}");
            }

            token = page.ResumptionToken;
            poll.SetCursor(JsonSerializer.Serialize(token is null
                ? new OaiCursor { From = harvestStarted }
                : new OaiCursor { From = from, Token = token, HarvestStarted = harvestStarted }));
            if (token is null)
            {
                return;
            }
        }
    }

    private static string FirstPageUrl(string baseUrl, SourceOptions source, DateOnly? from)
    {
        var url = $"{baseUrl}?verb=ListRecords&metadataPrefix={Uri.EscapeDataString(source.MetadataPrefix)}";
        if (from is { } day)
        {
            url += "&from=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (source.Until is { } until)
        {
            url += "&until=" + until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (source.Set is { Length: > 0 } set)
        {
            url += "&set=" + Uri.EscapeDataString(set);
        }

        return url;
    }

    private sealed record OaiCursor
    {
        public DateOnly? From { get; init; }

        public string? Token { get; init; }

        public DateOnly? HarvestStarted { get; init; }
    }
}
