using System.Net;
using System.Net.Sockets;

namespace Pipeline.Deliver.Webhooks;

/// <summary>What kind of address a webhook target resolves to.</summary>
public enum AddressCategory
{
    Public,
    Loopback,
    /// <summary>RFC 1918, shared address space 100.64/10 (CGNAT), unique local fc00::/7.</summary>
    Private,
    /// <summary>169.254/16, fe80::/10: includes cloud metadata endpoints; never allowed.</summary>
    LinkLocal,
    Multicast,
    /// <summary>0.0.0.0/8, <c>::</c>.</summary>
    Unspecified,
    /// <summary>Everything else that is not a public unicast address: broadcast, 240/4, documentation, benchmarking, IETF protocol assignments, Teredo, deprecated site-local, …</summary>
    Reserved,
}

/// <summary>Raised when a webhook target is refused by <see cref="TargetGuard"/>: never retried.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// SSRF rules for webhook targets: http(s) only, and every address the host resolves to must be public unicast
/// unless configuration allows loopback (<c>AllowLoopback</c>) or private ranges (<c>AllowPrivateTargets</c>).
/// Link-local, multicast, unspecified and reserved ranges are always refused. IPv4-mapped (::ffff:a.b.c.d), NAT64
/// (64:ff9b::/96) and 6to4 (2002::/16) addresses are judged by the IPv4 address they carry.
/// </summary>
public sealed class TargetGuard(bool allowLoopback, bool allowPrivate)
{
    public static TargetGuard From(WebhookOptions options) => new(options.AllowLoopback, options.AllowPrivateTargets);

    /// <summary>Null when <paramref name="url"/> is an acceptable absolute http(s) URL; otherwise why not.</summary>
    public static string? CheckUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "not an absolute URL";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"scheme '{uri.Scheme}' is not allowed (http or https only)";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "credentials in the URL are not allowed (use the signing secret)";
        }

        return uri.Fragment.Length > 0 ? "a fragment is not allowed" : null;
    }

    /// <summary>Null when connecting to <paramref name="address"/> is allowed; otherwise why not.</summary>
    public string? Check(IPAddress address)
    {
        var category = Categorize(address);
        return category switch
        {
            AddressCategory.Public => null,
            AddressCategory.Loopback when allowLoopback => null,
            AddressCategory.Private when allowPrivate => null,
            AddressCategory.Loopback => $"{address} is a loopback address (Deliver:Webhooks:AllowLoopback is off)",
            AddressCategory.Private => $"{address} is a private address (Deliver:Webhooks:AllowPrivateTargets is off)",
            _ => $"{address} is a {category.ToString().ToLowerInvariant()} address",
        };
    }

    /// <summary>Resolves <paramref name="host"/> (or takes the literal) and returns the allowed addresses, or throws with the reason.</summary>
    public async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, CancellationToken ct)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var addresses = IPAddress.TryParse(literal, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"{host} does not resolve");
        }

        var allowed = addresses.Where(a => Check(a) is null).ToList();
        return allowed.Count > 0
            ? allowed
            : throw new WebhookTargetRefusedException($"target {host} refused: {Check(addresses[0])}");
    }

    /// <summary>Checks a URL at subscription time: scheme, then every address its host resolves to.</summary>
    public async Task<string?> CheckTargetAsync(string url, CancellationToken ct)
    {
        if (CheckUrl(url) is { } problem)
        {
            return problem;
        }

        try
        {
            await ResolveAllowedAsync(new Uri(url).Host, ct);
            return null;
        }
        catch (WebhookTargetRefusedException ex)
        {
            return ex.Message;
        }
        catch (SocketException ex)
        {
            return $"{new Uri(url).Host} does not resolve: {ex.Message}";
        }
    }

    public static AddressCategory Categorize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Categorize(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => CategorizeV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => CategorizeV6(address.GetAddressBytes()),
            _ => AddressCategory.Reserved,
        };
    }

    private static AddressCategory CategorizeV4(byte[] b) => (b[0], b[1], b[2]) switch
    {
        (0, _, _) => AddressCategory.Unspecified,
        (127, _, _) => AddressCategory.Loopback,
        (10, _, _) => AddressCategory.Private,
        (172, >= 16 and <= 31, _) => AddressCategory.Private,
        (192, 168, _) => AddressCategory.Private,
        (100, >= 64 and <= 127, _) => AddressCategory.Private,
        (169, 254, _) => AddressCategory.LinkLocal,
        (>= 224 and <= 239, _, _) => AddressCategory.Multicast,
        (>= 240, _, _) => AddressCategory.Reserved, // 240/4 and 255.255.255.255
        (192, 0, 0) or (192, 0, 2) or (198, 51, 100) or (203, 0, 113) => AddressCategory.Reserved, // IETF, documentation
        (198, 18 or 19, _) => AddressCategory.Reserved, // benchmarking
        (192, 88, 99) => AddressCategory.Reserved, // 6to4 relay anycast (deprecated)
        _ => AddressCategory.Public,
    };

    private static AddressCategory CategorizeV6(byte[] b)
    {
        if (b.All(x => x == 0))
        {
            return AddressCategory.Unspecified;
        }

        if (b.Take(15).All(x => x == 0) && b[15] == 1)
        {
            return AddressCategory.Loopback;
        }

        // IPv4-compatible ::a.b.c.d (deprecated, never routed).
        if (b.Take(12).All(x => x == 0))
        {
            return AddressCategory.Reserved;
        }

        // NAT64 64:ff9b::/96 and 6to4 2002::/16: judge the embedded IPv4.

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
        {
            return CategorizeV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return CategorizeV4(b[2..6]);
        }

        if (b[0] == 0xff)
        {
            return AddressCategory.Multicast;
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return AddressCategory.Private; // fc00::/7 unique local
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return AddressCategory.LinkLocal; // fe80::/10
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            return AddressCategory.Reserved; // fec0::/10 site-local (deprecated)
        }

        if (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x0d && b[3] == 0xb8) || (b[2] == 0 && b[3] == 0)))
        {
            return AddressCategory.Reserved; // 2001:db8::/32 documentation, 2001::/32 Teredo
        }

        if (b[0] == 0x01 && b[1] == 0x00 && b.Skip(2).Take(6).All(x => x == 0))
        {
            return AddressCategory.Reserved; // 100::/64 discard
        }

        // Global unicast is 2000::/3; everything else is unassigned.
        return (b[0] & 0xe0) == 0x20 ? AddressCategory.Public : AddressCategory.Reserved;
    }
}
