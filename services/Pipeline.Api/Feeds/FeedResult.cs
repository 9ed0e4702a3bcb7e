using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Api.Feeds;

/// <summary>
/// A rendered feed page with its validators: a strong <c>ETag</c> over what the page shows and <c>Last-Modified</c>
/// (its newest entry); answers <c>304 Not Modified</c> to <c>If-None-Match</c> or, without it, <c>If-Modified-Since</c>.
/// </summary>
public sealed class FeedResult(byte[] body, string contentType, string etag, DateTimeOffset? lastModified, TimeSpan maxAge) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = etag;
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }

        response.Headers.CacheControl = $"public, max-age={(long)maxAge.TotalSeconds}";
        var request = httpContext.Request.GetTypedHeaders();
        if (FeedValidators.IsNotModified(request.IfNoneMatch, request.IfModifiedSince, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

/// <summary>Validators of feed pages (pure).</summary>
public static class FeedValidators
{
    /// <summary>
    /// A strong ETag over the page's identity: format, URL (query, cursor, limit), title and, per entry, id,
    /// revision and related paper ids. A new revision, a new paper, a renamed feed or a new related list changes it
    /// (the last is derived data: it refreshes the entry in place, never moves it); nothing else does.
    /// </summary>
    public static string ETag(FeedFormat format, FeedDocument feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var key = new StringBuilder()
            .Append(format.Extension()).Append('\n')
            .Append(feed.SelfUrl).Append('\n')
            .Append(feed.Title).Append('\n')
            .Append(feed.NextUrl).Append('\n');
        foreach (var (id, name) in feed.TopicNames.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            key.Append(id).Append('=').Append(name).Append(';');
        }

        key.Append('\n');
        foreach (var entry in feed.Entries)
        {
            key.Append(entry.PaperId).Append(':').Append(entry.Revision.ToString(CultureInfo.InvariantCulture))
                .Append(':').AppendJoin(',', entry.Related.Select(r => r.PaperId)).Append('\n');
        }

        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32]}\"";
    }

    /// <summary>
    /// RFC 9110 §13.2.2: <c>If-None-Match</c> decides when present (weak comparison); otherwise
    /// <c>If-Modified-Since</c> at whole-second precision. Without validators, or without a modification time, never.
    /// </summary>
    public static bool IsNotModified(IList<EntityTagHeaderValue>? ifNoneMatch, DateTimeOffset? ifModifiedSince, string etag, DateTimeOffset? lastModified)
    {
        if (ifNoneMatch is { Count: > 0 })
        {
            var current = new EntityTagHeaderValue(etag);
            return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
        }

        if (ifModifiedSince is { } since && lastModified is { } modified)
        {
            var seconds = modified.ToUniversalTime();
            seconds = new DateTimeOffset(seconds.Ticks - (seconds.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            return seconds <= since;
        }

        return false;
    }
}
