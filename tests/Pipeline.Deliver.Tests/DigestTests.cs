using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Pipeline.Contracts;
using Pipeline.Deliver.Digests;
using Pipeline.Deliver.Management;

namespace Pipeline.Deliver.Tests;

/// <summary>Digests end to end: events on the broker build the read model; a digest reaches the in-process SMTP server.</summary>
[Collection(DeliverTestGroup.Name)]
public sealed partial class DigestTests(DeliverFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Digest_reaches_smtp_with_both_parts_ranked_by_trending_score_and_its_unsubscribe_link_works()
    {
        var now = DateTimeOffset.UtcNow;
        // Scores at send time (≈ now): B 11×1.5/3^1.5 ≈ 3.18, A 51/12^1.5 ≈ 1.23, D 31×1.5/22^1.5 ≈ 0.45, C 1/2.5^1.5 ≈ 0.25.
        var a = TestEvents.Published("2611.40001", ["dg-topic"], upvotes: 50, at: now.AddMinutes(-5), arxivAt: now.AddHours(-10), title: "Alpha: many upvotes, older");
        var b = TestEvents.Published("2611.40002", ["dg-topic", "dg-other"], upvotes: 10, code: true, at: now.AddMinutes(-5), arxivAt: now.AddHours(-1), title: "Beta: fresh with code");
        var c = TestEvents.Published("2611.40003", ["dg-topic"], upvotes: 0, at: now.AddMinutes(-5), arxivAt: now.AddMinutes(-30), title: "<script>alert('digest')</script> Gamma");
        var d = TestEvents.Published("2611.40004", ["dg-topic"], upvotes: 30, code: true, at: now.AddMinutes(-5), arxivAt: now.AddHours(-20), title: "Delta: old with code");
        var offTopic = TestEvents.Published("2611.40005", ["dg-elsewhere"], upvotes: 999, at: now.AddMinutes(-5), title: "Off topic");
        var withdrawn = TestEvents.As<PaperWithdrawn>(TestEvents.Published("2611.40006", ["dg-topic"], upvotes: 999, at: now.AddMinutes(-4), title: "Withdrawn one"));
        var old = TestEvents.Published("2611.40007", ["dg-topic"], upvotes: 999, at: now.AddDays(-3), title: "Before the period");
        // An older revision arriving after the newer one must not overwrite it.
        var dUpdated = TestEvents.As<PaperUpdated>(TestEvents.Published("2611.40004", ["dg-topic"], revision: 2, upvotes: 30, code: true, at: now.AddMinutes(-3), arxivAt: now.AddHours(-20), title: "Delta: old with code"));
        foreach (var e in new PaperEvent[] { a, b, c, dUpdated, d, offTopic, withdrawn, old })
        {
            await TestEvents.PublishAsync(fixture.Bus, e);
        }

        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.papers WHERE paper_id LIKE '2611.4000%'") == 7, Timeout));
        Assert.Equal(2, await fixture.Infrastructure.ScalarAsync<int>("SELECT revision FROM deliver.papers WHERE paper_id = '2611.40004'"));
        // Periods go by when Deliver recorded an event, not by the publisher's time: "before the period" means it
        // was recorded three days ago (as its event time says), not just now.
        await fixture.Infrastructure.ExecuteAsync("UPDATE deliver.papers SET recorded_at = last_event_at WHERE paper_id = '2611.40007'");

        var subscription = await fixture.ManageAsync(m => m.CreateDigestAsync(
            new DigestSubscriptionRequest { Email = "reader@example.org", Topics = ["dg-topic"], Frequency = "daily" }, TestContext.Current.CancellationToken));
        var empty = await fixture.ManageAsync(m => m.CreateDigestAsync(
            new DigestSubscriptionRequest { Email = "nobody@example.org", Topics = ["dg-nothing-matches"] }, TestContext.Current.CancellationToken));
        Assert.True(subscription.NextDueAt > now);

        var before = fixture.Smtp.ReceivedEmailCount;
        using (var send = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Post, $"/api/digests/{subscription.Id}/send"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        }

        Assert.True(await fixture.ManageAsync(m => m.RequestSendAsync(empty.Id, TestContext.Current.CancellationToken)));
        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(fixture.Smtp.ReceivedEmailCount > before), Timeout));
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.digest_runs WHERE subscription_id = $1", empty.Id) == "empty", Timeout));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        // Exactly one mail: the empty digest was not sent.
        // Filtered by recipient: the server's list is not in arrival order, and other tests send digests too.
        var mails = fixture.Smtp.ReceivedEmail
            .Where(m => m.Data.Contains("reader@example.org", StringComparison.Ordinal) || m.Data.Contains("nobody@example.org", StringComparison.Ordinal))
            .ToList();
        var mail = Assert.Single(mails);
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), TestContext.Current.CancellationToken);
        Assert.Equal("reader@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("digests@pipeline.test", Assert.Single(message.From.Mailboxes).Address);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));

        var text = message.TextBody ?? "";
        var html = message.HtmlBody ?? "";
        string[] expectedOrder = ["2611.40002", "2611.40001", "2611.40004", "2611.40003"];
        Assert.Equal(expectedOrder, PaperIds().Matches(text).Select(m => m.Groups[1].Value).Distinct());
        Assert.Equal(expectedOrder, PaperIds().Matches(html).Select(m => m.Groups[1].Value).Distinct());
        foreach (var excluded in new[] { "2611.40005", "2611.40006", "2611.40007" })
        {
            Assert.DoesNotContain(excluded, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;digest&#39;)&lt;/script&gt; Gamma", html, StringComparison.Ordinal);
        Assert.Contains("4 papers", message.Subject, StringComparison.Ordinal);

        // The unsubscribe link: in both parts and in List-Unsubscribe; it works without a key and deactivates.
        var listUnsubscribe = message.Headers["List-Unsubscribe"] ?? "";
        var link = Regex.Match(listUnsubscribe, "<(.+)>").Groups[1].Value;
        Assert.StartsWith("http://127.0.0.1:5080/digests/unsubscribe?token=", link, StringComparison.Ordinal);
        Assert.Contains(link, text, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(link), html, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

        var run = await fixture.Infrastructure.QueryAsync(
            "SELECT status, paper_ids, message_id FROM deliver.digest_runs WHERE subscription_id = $1", r => (r.GetString(0), r.GetFieldValue<string[]>(1), r.GetString(2)), subscription.Id);
        Assert.Equal("sent", Assert.Single(run).Item1);
        Assert.Equal(expectedOrder, run[0].Item2);
        Assert.Equal(message.MessageId, run[0].Item3);

        var path = new Uri(link).PathAndQuery; // same route on the test's API host

        // GET (what a mail scanner's prefetch does) changes nothing: a page whose button POSTs to the same URL.
        using (var page = await fixture.ApiClient.GetAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var content = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains($"<form method=\"post\" action=\"{WebUtility.HtmlEncode(path)}\">", content, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", content, StringComparison.OrdinalIgnoreCase);
        }

        var stillActive = await fixture.ManageAsync(m => m.GetDigestAsync(subscription.Id, TestContext.Current.CancellationToken));
        Assert.True(stillActive!.Active);
        Assert.Null(stillActive.UnsubscribedAt);

        // The page's button (a form POST; RFC 8058 one-click is the same POST) deactivates.
        using (var unsubscribe = await fixture.ApiClient.PostAsync(path, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, unsubscribe.StatusCode);
            Assert.Contains("unsubscribed", await unsubscribe.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var after = await fixture.ManageAsync(m => m.GetDigestAsync(subscription.Id, TestContext.Current.CancellationToken));
        Assert.False(after!.Active);
        Assert.NotNull(after.UnsubscribedAt);
        Assert.False(await fixture.ManageAsync(m => m.RequestSendAsync(subscription.Id, TestContext.Current.CancellationToken)));
        using (var again = await fixture.ApiClient.GetAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("already unsubscribed", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var unknown = await fixture.ApiClient.GetAsync("/digests/unsubscribe?token=not-a-token", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var unknownPost = await fixture.ApiClient.PostAsync("/digests/unsubscribe?token=not-a-token", null, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownPost.StatusCode);
        }
    }

    [Fact]
    public async Task An_event_published_before_the_last_digest_but_recorded_after_it_is_in_the_next_digest()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscription = await fixture.ManageAsync(m => m.CreateDigestAsync(
            new DigestSubscriptionRequest { Email = "late@example.org", Topics = ["dg-late"], Frequency = "daily" }, ct));

        // The previous digest ran up to now; the event it could not see was stamped ten minutes earlier by Publish.
        var previousEnd = DateTimeOffset.UtcNow;
        await fixture.Infrastructure.ExecuteAsync("UPDATE deliver.digest_subscriptions SET last_period_end = $2 WHERE id = $1", subscription.Id, previousEnd);
        await Task.Delay(50, ct);
        await TestEvents.PublishAsync(fixture.Bus, TestEvents.Published("2611.40101", ["dg-late"], upvotes: 3, at: previousEnd.AddMinutes(-10), title: "Late arrival"));
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.papers WHERE paper_id = '2611.40101'") == 1, Timeout));

        Assert.True(await fixture.ManageAsync(m => m.RequestSendAsync(subscription.Id, ct)));
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.digest_runs WHERE subscription_id = $1", subscription.Id) == 1, Timeout));
        var run = await fixture.Infrastructure.QueryAsync(
            "SELECT status, paper_ids FROM deliver.digest_runs WHERE subscription_id = $1", r => (r.GetString(0), r.GetFieldValue<string[]>(1)), subscription.Id);
        Assert.Equal("sent", Assert.Single(run).Item1);
        Assert.Equal(["2611.40101"], run[0].Item2);

        // The SMTP server may count the mail a moment after the run is recorded; other tests count mails.
        Assert.True(await DeliverFixture.EventuallyAsync(
            () => Task.FromResult(fixture.Smtp.ReceivedEmail.Any(m => m.Data.Contains("late@example.org", StringComparison.Ordinal))), Timeout));
    }

    [Fact]
    public async Task Digest_subscription_requests_are_validated()
    {
        var ex = await Assert.ThrowsAsync<DeliveryValidationException>(() => fixture.ManageAsync(m => m.CreateDigestAsync(
            new DigestSubscriptionRequest { Email = "not an address", Frequency = "hourly", SendHourUtc = 24, Kinds = ["deleted"] }, TestContext.Current.CancellationToken)));
        Assert.Equal(["email", "frequency", "kinds", "sendHourUtc"], ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DayOfWeek.Monday, DigestSchedule.NextDue("weekly", 6, DateTimeOffset.UtcNow).DayOfWeek);
    }

    [GeneratedRegex(@"arXiv:(\d{4}\.\d{5})")]
    private static partial Regex PaperIds();
}
