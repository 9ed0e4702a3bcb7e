using System.Net;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Tests;

public sealed class TargetGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.0.9", AddressCategory.Loopback)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("10.1.2.3", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("100.64.0.1", AddressCategory.Private)]
    [InlineData("100.127.255.254", AddressCategory.Private)]
    [InlineData("fc00::1", AddressCategory.Private)]
    [InlineData("fd12:3456::1", AddressCategory.Private)]
    [InlineData("169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("fe80::1", AddressCategory.LinkLocal)]
    [InlineData("224.0.0.1", AddressCategory.Multicast)]
    [InlineData("239.255.255.250", AddressCategory.Multicast)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("255.255.255.255", AddressCategory.Reserved)]
    [InlineData("240.0.0.1", AddressCategory.Reserved)]
    [InlineData("192.0.2.10", AddressCategory.Reserved)]
    [InlineData("198.18.0.1", AddressCategory.Reserved)]
    [InlineData("2001:db8::1", AddressCategory.Reserved)]
    [InlineData("fec0::1", AddressCategory.Reserved)]
    [InlineData("93.184.215.14", AddressCategory.Public)]
    [InlineData("172.32.0.1", AddressCategory.Public)]
    [InlineData("100.128.0.1", AddressCategory.Public)]
    [InlineData("2606:4700::1111", AddressCategory.Public)]
    public void Categorizes_ranges(string address, AddressCategory expected) =>
        Assert.Equal(expected, TargetGuard.Categorize(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::ffff:10.0.0.1", AddressCategory.Private)]
    [InlineData("::ffff:169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("::ffff:93.184.215.14", AddressCategory.Public)]
    [InlineData("64:ff9b::7f00:1", AddressCategory.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressCategory.LinkLocal)]
    [InlineData("2002:c0a8:0101::1", AddressCategory.Private)]
    [InlineData("2002:7f00:0001::1", AddressCategory.Loopback)]
    [InlineData("::127.0.0.1", AddressCategory.Reserved)]
    public void IPv6_embedding_IPv4_is_judged_by_the_IPv4_address(string address, AddressCategory expected) =>
        Assert.Equal(expected, TargetGuard.Categorize(IPAddress.Parse(address)));

    [Fact]
    public void Default_policy_refuses_everything_but_public()
    {
        var guard = new TargetGuard(allowLoopback: false, allowPrivate: false);
        Assert.Null(guard.Check(IPAddress.Parse("93.184.215.14")));
        Assert.Contains("loopback", guard.Check(IPAddress.Loopback), StringComparison.Ordinal);
        Assert.Contains("loopback", guard.Check(IPAddress.Parse("::ffff:127.0.0.1")), StringComparison.Ordinal);
        Assert.Contains("private", guard.Check(IPAddress.Parse("192.168.0.1")), StringComparison.Ordinal);
        Assert.NotNull(guard.Check(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Allowing_loopback_does_not_allow_private_or_link_local()
    {
        var guard = new TargetGuard(allowLoopback: true, allowPrivate: false);
        Assert.Null(guard.Check(IPAddress.Loopback));
        Assert.Null(guard.Check(IPAddress.IPv6Loopback));
        Assert.NotNull(guard.Check(IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(guard.Check(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void Allowing_private_never_allows_link_local_multicast_or_unspecified()
    {
        var guard = new TargetGuard(allowLoopback: true, allowPrivate: true);
        Assert.Null(guard.Check(IPAddress.Parse("10.0.0.1")));
        Assert.Null(guard.Check(IPAddress.Parse("fd00::1")));
        Assert.NotNull(guard.Check(IPAddress.Parse("169.254.169.254")));
        Assert.NotNull(guard.Check(IPAddress.Parse("fe80::1")));
        Assert.NotNull(guard.Check(IPAddress.Parse("224.0.0.1")));
        Assert.NotNull(guard.Check(IPAddress.Any));
    }

    [Theory]
    [InlineData("https://hooks.example.org/paper", null)]
    [InlineData("http://hooks.example.org:8080/x?y=1", null)]
    [InlineData("ftp://hooks.example.org/", "scheme")]
    [InlineData("file:///etc/passwd", "scheme")]
    [InlineData("gopher://127.0.0.1:25/", "scheme")]
    [InlineData("https://user:pass@hooks.example.org/", "credentials")]
    [InlineData("hooks.example.org/x", "absolute")]
    public void Urls_must_be_plain_http_or_https(string url, string? problem)
    {
        var result = TargetGuard.CheckUrl(url);
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:9/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://0.0.0.0:9/")]
    public async Task Literal_targets_are_refused_by_default(string url)
    {
        var guard = new TargetGuard(allowLoopback: false, allowPrivate: false);
        Assert.NotNull(await guard.CheckTargetAsync(url, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Localhost_name_is_resolved_and_refused()
    {
        var guard = new TargetGuard(allowLoopback: false, allowPrivate: false);
        var problem = await guard.CheckTargetAsync("http://localhost:9/hook", TestContext.Current.CancellationToken);
        Assert.Contains("loopback", problem, StringComparison.Ordinal);
        Assert.Null(await new TargetGuard(allowLoopback: true, allowPrivate: false).CheckTargetAsync("http://localhost:9/hook", TestContext.Current.CancellationToken));
    }
}
