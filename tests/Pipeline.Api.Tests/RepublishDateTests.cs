using Pipeline.Cli;

namespace Pipeline.Api.Tests;

/// <summary>Units: <c>pipeline republish</c> reads dates as UTC unless they carry an offset.</summary>
public sealed class RepublishDateTests
{
    [Theory]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T06:00:00+01:00", "2026-11-01T05:00:00+00:00")]
    public void Republish_dates_without_an_offset_are_UTC(string text, string expected)
    {
        Assert.True(RepublishCommand.TryParseUtc(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }
}
