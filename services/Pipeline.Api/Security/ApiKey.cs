using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Pipeline.Api.Security;

/// <summary>
/// The operator's key (<c>Api:Key</c>): header <c>X-Api-Key</c> on the API (scheme <see cref="Scheme"/>), a sign-in
/// that sets an HttpOnly, SameSite=Strict cookie on the dashboard. Without a configured key nothing can change state.
/// </summary>
public static class ApiKey
{
    public const string Scheme = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>Authorization policy of every state-changing API endpoint.</summary>
    public const string Policy = "ApiKey";

    /// <summary>Dashboard policy: signed in with the key.</summary>
    public const string OperatorPolicy = "Operator";

    public static bool Matches(ApiOptions options, string? presented)
    {
        if (string.IsNullOrEmpty(options.Key) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Constant time over equal-length hashes: no timing hint on the key.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(options.Key)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }

    public static ClaimsPrincipal Operator(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, "operator")], scheme));
}

public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder, IOptions<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKey.HeaderName, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(ApiKey.Matches(api.Value, presented.ToString())
            ? AuthenticateResult.Success(new AuthenticationTicket(ApiKey.Operator(ApiKey.Scheme), ApiKey.Scheme))
            : AuthenticateResult.Fail("wrong API key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = ApiKey.Scheme;
        var detail = string.IsNullOrEmpty(api.Value.Key)
            ? "State-changing actions are disabled: no Api:Key is configured."
            : $"This action changes state: send the operator key in the {ApiKey.HeaderName} header.";
        await Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required").ExecuteAsync(Context);
    }
}
