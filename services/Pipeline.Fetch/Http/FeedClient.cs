using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Npgsql;
using static Pipeline.Persistence.BatchExtensions;
using Pipeline.Fetch.Sources;

namespace Pipeline.Fetch.Http;

/// <summary>What one GET brought back; <see cref="Body"/> is null for <c>304 Not Modified</c>.</summary>
public sealed record HttpFetchResult(string Url, int StatusCode, byte[]? Body, string? ContentType, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// GETs feeds politely: conditional requests from the validators remembered per URL in
/// <c>fetcher.http_validators</c> (<c>ETag</c>, <c>Last-Modified</c>), a maximum body size, and the named client
/// <see cref="HttpClientName"/> (descriptive User-Agent, per-host budget, timeouts, retries with backoff and
/// jitter that honour <c>Retry-After</c>).
/// </summary>
public sealed class FeedClient(IHttpClientFactory http, NpgsqlDataSource db, IOptions<FetchOptions> options)
{
    public const string HttpClientName = "feeds";

    public async Task<HttpFetchResult> GetAsync(string url, bool conditional, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (conditional && await ValidatorsAsync(url, ct) is { } validators)
        {
            if (validators.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (validators.LastModified is { } modified)
            {
                request.Headers.IfModifiedSince = modified;
            }
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new HttpFetchResult(url, 304, null, null, headers);
        }

        if (!response.IsSuccessStatusCode)
        {
            // Error feeds say why (arXiv's one-entry "Error" feed, OAI-PMH error XML): keep the start of it.
            var excerpt = await ExcerptAsync(response, ct);
            throw new FetchFailedException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{(excerpt.Length > 0 ? ": " + excerpt : "")}");
        }

        var max = options.Value.MaxBodyBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new FetchFailedException($"GET {url}: body of {response.Content.Headers.ContentLength} bytes exceeds the limit of {max}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var body = await ReadLimitedAsync(stream, max, url, ct);
        return new HttpFetchResult(url, (int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString(), headers);
    }

    /// <summary>Remembers the validators of a response whose payload was stored.</summary>
    public async Task RememberAsync(HttpFetchResult result, CancellationToken ct)
    {
        result.Headers.TryGetValue("ETag", out var etag);
        DateTimeOffset? lastModified = result.Headers.TryGetValue("Last-Modified", out var lm) && DateTimeOffset.TryParse(lm, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
        if (etag is null && lastModified is null)
        {
            return;
        }

        await using var command = db.CreateCommand("""
            INSERT INTO fetcher.http_validators (url, etag, last_modified, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, updated_at = now()
            """);
        command.Parameters.Add(Param(result.Url));
        command.Parameters.Add(Param(etag));
        command.Parameters.Add(Param(lastModified));
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<(string? ETag, DateTimeOffset? LastModified)?> ValidatorsAsync(string url, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT etag, last_modified FROM fetcher.http_validators WHERE url = $1");
        command.Parameters.Add(Param(url));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var plain = System.Text.RegularExpressions.Regex.Replace(text.Length > 4000 ? text[..4000] : text, "<[^>]+>", " ");
            plain = System.Text.RegularExpressions.Regex.Replace(plain, @"\s+", " ").Trim();
            return plain.Length > 300 ? plain[..300] + "…" : plain;
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, long max, string url, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new FetchFailedException($"GET {url}: body exceeds the limit of {max} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
