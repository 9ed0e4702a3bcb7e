using System.Net.Http.Headers;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Tests;

public sealed class RetryScheduleTests
{
    private static readonly WebhookOptions Defaults = new();

    [Fact]
    public void Default_schedule_is_five_attempts_growing_by_six()
    {
        var schedule = new RetrySchedule(Defaults);
        Assert.Equal(5, schedule.MaxAttempts);
        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(36)],
            Enumerable.Range(1, 4).Select(schedule.BaseDelay).ToArray());
        Assert.True(schedule.HasNext(4));
        Assert.False(schedule.HasNext(5));
    }

    [Fact]
    public void Delays_are_capped_by_max_delay()
    {
        var schedule = new RetrySchedule(new WebhookOptions { MaxAttempts = 20, MaxDelay = TimeSpan.FromHours(1) });
        Assert.Equal(TimeSpan.FromHours(1), schedule.BaseDelay(10));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.999999, 1.2)]
    public void Jitter_stays_within_its_fraction(double random, double factor)
    {
        var schedule = new RetrySchedule(Defaults);
        Assert.Equal(60 * factor, schedule.NextDelay(2, random).TotalSeconds, 3);
    }

    [Fact]
    public void Jittered_delays_still_grow()
    {
        var schedule = new RetrySchedule(Defaults);
        for (var attempt = 1; attempt < 4; attempt++)
        {
            // Worst case: this delay jittered up, the next one down.
            Assert.True(schedule.NextDelay(attempt, 0.999999) < schedule.NextDelay(attempt + 1, 0.0));
        }
    }

    [Fact]
    public void Longer_retry_after_wins_and_is_capped()
    {
        var schedule = new RetrySchedule(new WebhookOptions { MaxRetryAfter = TimeSpan.FromMinutes(30) });
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.NextDelay(1, 0.5, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromMinutes(30), schedule.NextDelay(1, 0.5, TimeSpan.FromHours(3)));
        // A shorter Retry-After does not shorten the backoff.
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(1, 0.5, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Retry_after_reads_seconds_and_dates()
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(120), RetrySchedule.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)), now));
        Assert.Equal(TimeSpan.FromMinutes(3), RetrySchedule.RetryAfter(new RetryConditionHeaderValue(now.AddMinutes(3)), now));
        Assert.Equal(TimeSpan.Zero, RetrySchedule.RetryAfter(new RetryConditionHeaderValue(now.AddMinutes(-3)), now));
        Assert.Null(RetrySchedule.RetryAfter(null, now));
    }
}
