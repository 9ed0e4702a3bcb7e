using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Api.Endpoints;

/// <summary>
/// JSON with a strong ETag (hash of the body); answers <c>304 Not Modified</c> when <c>If-None-Match</c> has it.
/// Clients revalidate every time (<c>Cache-Control: no-cache</c>): cheap polling for scripts and the dashboard.
/// </summary>
public sealed class ETagged<T>(T value) : IResult, IEndpointMetadataProvider
{
    public T Value { get; } = value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, json);
        var etag = ETagged.Of(body);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (EntityTagHeaderValue.TryParseList([.. http.Request.Headers.IfNoneMatch.Select(v => v ?? "")], out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

#pragma warning disable CA1000 // required by IEndpointMetadataProvider
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified));
    }
#pragma warning restore CA1000
}

public static class ETagged
{
    public static ETagged<T> Json<T>(T value) => new(value);

    /// <summary>The ETag of a JSON body.</summary>
    public static string Of(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";

    /// <summary>The ETag the API gives <paramref name="value"/>: pages embed it so their polling knows what they show.</summary>
    public static string Of<T>(T value, HttpContext http) =>
        Of(JsonSerializer.SerializeToUtf8Bytes(value, http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));
}
