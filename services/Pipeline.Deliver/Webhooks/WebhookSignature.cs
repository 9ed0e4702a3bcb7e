using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Deliver.Webhooks;

/// <summary>
/// <c>X-Pipeline-Signature: t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c> (Stripe's scheme). A
/// receiver recomputes the HMAC over the exact bytes it received, compares in constant time and rejects timestamps
/// further than the tolerance (5 minutes by default) from its clock, so a captured delivery cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Pipeline-Signature";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Largest Unix time <see cref="DateTimeOffset"/> represents (9999-12-31T23:59:59Z).</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Create(string secret, DateTimeOffset timestamp, string body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, t, body)}";
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>"{t}.{body}"</c> under <paramref name="secret"/>.</summary>
    public static string Compute(string secret, long unixSeconds, string body)
    {
        var payload = Encoding.UTF8.GetBytes($"{unixSeconds.ToString(CultureInfo.InvariantCulture)}.{body}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>
    /// True when <paramref name="header"/> carries a <c>v1</c> signature of <paramref name="body"/> under
    /// <paramref name="secret"/> and its timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// Several <c>v1</c> entries are allowed (any may match), unknown schemes are ignored.
    /// </summary>
    public static bool Verify(string secret, string? header, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        // A timestamp beyond what DateTimeOffset can represent is simply invalid (FromUnixTimeSeconds would throw).
        if (timestamp is not { } unix || unix > MaxUnixSeconds || signatures.Count == 0)
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(unix);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        // Hex strings compared as bytes in constant time: a v1 that is not hex (or not ASCII) just does not match.
        var expected = Encoding.UTF8.GetBytes(Compute(secret, unix, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(s.ToLowerInvariant())));
    }

    /// <summary>A new random secret (32 bytes, base64url) for a subscription created without one.</summary>
    public static string NewSecret() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
