using System.Security.Cryptography;
using System.Text;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Tests;

public sealed class SignatureTests
{
    private const string Secret = "whsec_test-secret-0123456789";
    private const string Body = """{"id":"7b0c","type":"paper.published","data":{"paperId":"2406.12345","title":"Ünïcode ∑"}}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Round_trip_verifies()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now.AddSeconds(30)));
    }

    [Fact]
    public void Header_is_t_and_hex_hmac_of_timestamp_dot_body()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{Body}")));
        Assert.Equal($"t={t},v1={expected}", header);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.False(WebhookSignature.Verify(Secret, header, Body.Replace("2406.12345", "2406.12346", StringComparison.Ordinal), Now));
    }

    [Fact]
    public void Tampered_timestamp_is_rejected()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        var forged = header.Replace($"t={Now.ToUnixTimeSeconds()}", $"t={Now.ToUnixTimeSeconds() + 1}", StringComparison.Ordinal);
        Assert.False(WebhookSignature.Verify(Secret, forged, Body, Now));
    }

    [Fact]
    public void Wrong_secret_is_rejected()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.False(WebhookSignature.Verify("whsec_another-secret-000000", header, Body, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(3600)]
    public void Timestamp_outside_five_minutes_is_rejected(int skewSeconds)
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now.AddSeconds(skewSeconds)));
    }

    [Fact]
    public void Timestamp_within_tolerance_is_accepted_on_both_sides()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now.AddSeconds(299)));
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now.AddSeconds(-299)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=1732622400")]
    [InlineData("t=abc,v1=00")]
    public void Malformed_headers_are_rejected(string? header) =>
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now));

    [Theory]
    [InlineData("t=99999999999999,v1=00")]                  // beyond DateTimeOffset's range
    [InlineData("t=9223372036854775807,v1=00")]             // long.MaxValue
    [InlineData("t=99999999999999999999,v1=00")]            // beyond long
    [InlineData("t=-5,v1=00")]
    public void Out_of_range_timestamps_are_rejected_without_throwing(string header)
    {
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now));
        Assert.False(WebhookReceiver.Verify(Secret, header, Body, Now));
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]  // 64 characters, not hex
    [InlineData("ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ")]  // 64 characters, not ASCII
    [InlineData("")]
    public void Non_hex_signatures_are_rejected_without_throwing(string v1)
    {
        var header = $"t={Now.ToUnixTimeSeconds()},v1={v1}";
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now));
        Assert.False(WebhookReceiver.Verify(Secret, header, Body, Now));
    }

    [Fact]
    public void Readme_sample_accepts_what_the_service_signs_upper_case_too()
    {
        var header = WebhookSignature.Create(Secret, Now, Body);
        Assert.True(WebhookReceiver.Verify(Secret, header, Body, Now.AddSeconds(30)));
        Assert.True(WebhookReceiver.Verify(Secret, header.ToUpperInvariant().Replace("T=", "t=", StringComparison.Ordinal).Replace("V1=", "v1=", StringComparison.Ordinal), Body, Now));
        Assert.True(WebhookSignature.Verify(Secret, header.ToUpperInvariant().Replace("T=", "t=", StringComparison.Ordinal).Replace("V1=", "v1=", StringComparison.Ordinal), Body, Now));
        Assert.False(WebhookReceiver.Verify(Secret, header, Body + " ", Now));
        Assert.False(WebhookReceiver.Verify(Secret, header, Body, Now.AddSeconds(301)));
    }

    [Fact]
    public void Any_of_several_v1_signatures_may_match()
    {
        var good = WebhookSignature.Create(Secret, Now, Body);
        var header = $"t={Now.ToUnixTimeSeconds()},v1={new string('0', 64)},{good.Split(',')[1]}";
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now));
    }

    [Fact]
    public void Generated_secrets_are_long_and_distinct()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40, a);
    }
}
