using MimeKit;
using Pipeline.Deliver.Digests;

namespace Pipeline.Deliver.Tests;

public sealed class TrendingScoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Formula_is_documented_gravity()
    {
        // (10 + 1) × 1.5 / (1 + 2)^1.5
        Assert.Equal(11 * 1.5 / Math.Pow(3, 1.5), TrendingScore.Compute(10, hasCode: true, Now.AddHours(-1), Now), 10);
        Assert.Equal(1 / Math.Pow(2, 1.5), TrendingScore.Compute(null, hasCode: false, Now, Now), 10);
    }

    [Fact]
    public void More_upvotes_code_and_recency_each_rank_higher()
    {
        var at = Now.AddHours(-5);
        Assert.True(TrendingScore.Compute(20, false, at, Now) > TrendingScore.Compute(10, false, at, Now));
        Assert.True(TrendingScore.Compute(10, true, at, Now) > TrendingScore.Compute(10, false, at, Now));
        Assert.True(TrendingScore.Compute(10, false, Now.AddHours(-1), Now) > TrendingScore.Compute(10, false, at, Now));
    }

    [Fact]
    public void A_fresh_paper_beats_an_old_one_with_more_upvotes()
    {
        Assert.True(TrendingScore.Compute(10, false, Now.AddHours(-1), Now) > TrendingScore.Compute(100, false, Now.AddDays(-3), Now));
    }

    [Fact]
    public void Future_dates_and_negative_upvotes_do_not_blow_up()
    {
        Assert.Equal(TrendingScore.Compute(0, false, Now, Now), TrendingScore.Compute(-5, false, Now.AddHours(3), Now));
    }

    [Fact]
    public void Rank_takes_top_n_by_score_then_upvotes_then_id()
    {
        var items = new[] { ("b", 1.0, 5), ("a", 1.0, 5), ("c", 2.0, 1), ("d", 1.0, 9), ("e", 0.1, 100) };
        var ranked = TrendingScore.Rank(items, i => i.Item2, i => i.Item3, i => i.Item1, 4);
        Assert.Equal(["c", "d", "a", "b"], ranked.Select(i => i.Item1));
    }
}

public sealed class DigestScheduleTests
{
    [Theory]
    [InlineData("2026-11-26T05:00:00Z", 7, "2026-11-26T07:00:00Z")]
    [InlineData("2026-11-26T07:00:00Z", 7, "2026-11-27T07:00:00Z")]
    [InlineData("2026-11-26T23:30:00Z", 0, "2026-11-27T00:00:00Z")]
    public void Daily_is_the_next_send_hour(string after, int hour, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DigestSchedule.NextDue("daily", hour, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-26T05:00:00Z", "2026-11-30T07:00:00Z")] // Thursday → Monday
    [InlineData("2026-11-30T06:59:00Z", "2026-11-30T07:00:00Z")] // Monday before the hour
    [InlineData("2026-11-30T07:00:00Z", "2026-12-07T07:00:00Z")] // Monday at the hour → next week
    public void Weekly_is_monday_at_the_send_hour(string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DigestSchedule.NextDue("weekly", 7, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed class DigestRenderingTests
{
    private const string Unsubscribe = "https://pipeline.example.org/digests/unsubscribe?token=abc_DEF-123";

    private static DigestContent Content(params DigestPaper[] papers) => new(
        "daily",
        new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero),
        "topics peft",
        papers,
        Unsubscribe);

    private static DigestPaper Paper(string id, string title, string url = "https://arxiv.org/abs/2406.00001", string summary = "An abstract.") =>
        new(id, title, url, summary, 12, ["https://github.com/x/y"], ["peft"], 1.25);

    [Fact]
    public void Html_encodes_paper_text()
    {
        var rendered = DigestRenderer.Render(Content(
            Paper("2406.00001", "<script>alert('x')</script> & LoRA", summary: "<img src=x onerror=alert(1)> abstract")));
        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; LoRA", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> & LoRA", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_http_links_are_not_linked()
    {
        var rendered = DigestRenderer.Render(Content(Paper("2406.00002", "Title", url: "javascript:alert(1)")));
        Assert.DoesNotContain("href=\"javascript:", rendered.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Both_parts_list_papers_in_order_and_end_with_the_unsubscribe_link()
    {
        var rendered = DigestRenderer.Render(Content(Paper("2406.00001", "First"), Paper("2406.00002", "Second")));
        Assert.True(rendered.Text.IndexOf("First", StringComparison.Ordinal) < rendered.Text.IndexOf("Second", StringComparison.Ordinal));
        Assert.True(rendered.Html.IndexOf("First", StringComparison.Ordinal) < rendered.Html.IndexOf("Second", StringComparison.Ordinal));
        Assert.Contains($"Unsubscribe: {Unsubscribe}", rendered.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Unsubscribe}\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("2 papers", rendered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_is_multipart_alternative_with_list_unsubscribe()
    {
        var rendered = DigestRenderer.Render(Content(Paper("2406.00001", "First")));
        var message = DigestMessage.Create("Paper pipeline <digests@example.org>", "reader@example.org", rendered, Unsubscribe);
        Assert.Equal($"<{Unsubscribe}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(rendered.Html, message.HtmlBody);
        Assert.Equal(rendered.Text, message.TextBody);
    }

    [Fact]
    public void Unsubscribe_url_escapes_the_token() =>
        Assert.Equal("http://127.0.0.1:5080/digests/unsubscribe?token=a%2Bb", DigestMessage.UnsubscribeUrl("http://127.0.0.1:5080/", "a+b"));
}

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new DeliverOptions().Errors());

    [Fact]
    public void Broken_values_are_named()
    {
        var options = new DeliverOptions
        {
            PublicBaseUrl = "not a url",
            Webhooks = new WebhookOptions { MaxAttempts = 0, Jitter = 1.5 },
            Smtp = new SmtpOptions { Host = "127.0.0.1", From = "@@" },
        };
        var errors = options.Errors().ToList();
        Assert.Contains(errors, e => e.Contains("PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Jitter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("From", StringComparison.Ordinal));
    }
}
