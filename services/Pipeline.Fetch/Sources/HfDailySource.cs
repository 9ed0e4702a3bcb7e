using System.Globalization;
using Microsoft.Extensions.Options;
using Pipeline.Fetch.Persistence;

namespace Pipeline.Fetch.Sources;

/// <summary>Hugging Face <c>GET {baseUrl}/api/daily_papers?date=YYYY-MM-DD</c>, one request per day.</summary>
public sealed class HfDailySource(IHttpClientFactory http, IOptions<FetchOptions> options) : ISourceFetcher
{
    public const string HttpClientName = "hf-daily";

    public string Kind => SourceKinds.HfDaily;

    public IReadOnlyList<string> Plan(SourceOptions source, DateTimeOffset now)
    {
        var baseUrl = source.BaseUrl!.TrimEnd('/');
        DateOnly first, last;
        if (source.Date is { } date)
        {
            (first, last) = (date, source.Until ?? date);
        }
        else
        {
            last = DateOnly.FromDateTime(now.UtcDateTime);
            first = last.AddDays(-Math.Max(0, source.LookbackDays));
        }

        var urls = new List<string>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            urls.Add($"{baseUrl}/api/daily_papers?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        return urls;
    }

    public async Task<FetchedPayload> FetchAsync(string target, SourceOptions source, CancellationToken ct)
    {
        var client = http.CreateClient(HttpClientName);
        using var response = await client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new FetchFailedException($"GET {target} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var max = options.Value.MaxBodyBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new FetchFailedException($"GET {target}: body of {response.Content.Headers.ContentLength} bytes exceeds the limit of {max}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var body = await ReadLimitedAsync(stream, max, target, ct);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new FetchedPayload(target, body, source.Format, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), headers);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, long max, string target, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new FetchFailedException($"GET {target}: body exceeds the limit of {max} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
