using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;
using Pipeline.Deliver.Management;
using Pipeline.Deliver.Persistence;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Tests;

/// <summary>Webhooks end to end: real broker and database, the Deliver service in process, a loopback receiver.</summary>
[Collection(DeliverTestGroup.Name)]
public sealed class WebhookDeliveryTests(DeliverFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] PeftTopics = ["wh-peft"];

    [Fact]
    public async Task Matching_subscription_gets_each_event_of_its_topic_once_signed()
    {
        var receiver = fixture.Receiver;
        receiver.Secrets["peft"] = "peft-secret-0123456789abcdef";
        receiver.Secrets["rl"] = "rl-secret-0123456789abcdef";

        // Through the API, as an operator would; the secret is returned once.
        using var created = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Post, "/api/webhooks", JsonContent.Create(new
        {
            url = receiver.Url("peft"), secret = receiver.Secrets["peft"], topics = PeftTopics,
        })), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var peftId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("subscription").GetProperty("id").GetGuid();
        var rl = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("rl"), Secret = receiver.Secrets["rl"], Topics = ["wh-rl"], Kinds = ["published"],
        }, TestContext.Current.CancellationToken));

        var p1 = TestEvents.Published("2611.10001", ["wh-peft", "wh-llm", "wh-other"]);  // three copies on the exchange
        var p2 = TestEvents.Published("2611.10002", ["wh-rl"]);
        var p3 = TestEvents.As<PaperUpdated>(TestEvents.Published("2611.10003", ["wh-peft", "wh-rl"], revision: 2)); // rl wants published only
        var p4 = TestEvents.Published("2611.10004", []);                                  // paper.published.none
        var p5 = TestEvents.As<PaperWithdrawn>(TestEvents.Published("2611.10005", ["wh-llm"], revision: 3));
        foreach (var e in new PaperEvent[] { p1, p2, p3, p4, p5 })
        {
            await TestEvents.PublishAsync(fixture.Bus, e);
        }

        // The same event again (a re-run or redelivery): changes nothing.
        await TestEvents.PublishAsync(fixture.Bus, p1);

        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(receiver.For("peft").Count >= 2 && receiver.For("rl").Count >= 1), Timeout));
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.papers WHERE paper_id LIKE '2611.1000%'") == 5, Timeout));
        await Task.Delay(1500, TestContext.Current.CancellationToken); // anything extra would have arrived by now

        var peft = receiver.For("peft");
        Assert.Equal(["2611.10001", "2611.10003"], peft.Select(h => PaperId(h.Body)).Order(StringComparer.Ordinal));
        Assert.Equal(["2611.10002"], receiver.For("rl").Select(h => PaperId(h.Body)));
        Assert.All(receiver.Received.Where(h => h.Name is "peft" or "rl"), h =>
        {
            Assert.True(h.SignatureValid, $"signature of {h.DeliveryId} does not verify: {h.Signature}");
            Assert.StartsWith("PaperPipeline-Webhooks/", h.UserAgent, StringComparison.Ordinal);
            using var body = JsonDocument.Parse(h.Body);
            Assert.Equal(h.DeliveryId, body.RootElement.GetProperty("id").GetString());
            Assert.Equal(h.Event, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(body.RootElement.GetProperty("data").GetProperty("idempotencyKey").GetString()!.Split(':')[0], body.RootElement.GetProperty("data").GetProperty("paperId").GetString());
        });
        Assert.Equal("paper.updated", peft.Single(h => PaperId(h.Body) == "2611.10003").Event);
        Assert.Equal(peftId.ToString(), JsonDocument.Parse(peft[0].Body).RootElement.GetProperty("subscription").GetString());
        Assert.Equal(rl.Subscription.Id.ToString(), JsonDocument.Parse(receiver.For("rl")[0].Body).RootElement.GetProperty("subscription").GetString());

        // One inbox mark per event (not per topic copy; keyed by the idempotency key alone), every delivery delivered once.
        Assert.Equal(5, await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.inbox_records WHERE message_key LIKE '2611.1000%'"));
        var statuses = await fixture.Infrastructure.QueryAsync(
            "SELECT status, attempts FROM deliver.webhook_deliveries WHERE subscription_id = ANY($1)", r => (r.GetString(0), r.GetInt32(1)), new[] { peftId, rl.Subscription.Id });
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(("delivered", 1), s));
        Assert.True(await fixture.Infrastructure.ScalarAsync<bool>("SELECT withdrawn FROM deliver.papers WHERE paper_id = '2611.10005'"));
    }

    [Fact]
    public async Task Failing_receiver_sees_retries_with_growing_gaps_then_a_dead_letter_and_redeliver_works()
    {
        var receiver = fixture.Receiver;
        receiver.Secrets["down"] = "down-secret-0123456789abcdef";
        receiver.Status["down"] = 500;
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("down"), Secret = receiver.Secrets["down"], Topics = ["wh-down"],
        }, TestContext.Current.CancellationToken));

        await TestEvents.PublishAsync(fixture.Bus, TestEvents.Published("2611.20001", ["wh-down"]));

        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE subscription_id = $1", subscription.Subscription.Id) == "dead",
            Timeout));
        var hits = receiver.For("down");
        Assert.Equal(DeliverFixture.MaxAttempts, hits.Count);
        Assert.Single(hits.Select(h => h.DeliveryId).Distinct());
        Assert.All(hits, h => Assert.True(h.SignatureValid));
        var gaps = hits.Zip(hits.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        // Configured 150 ms × 3ⁿ (±10 % jitter, plus up to one 50 ms poll): ~150, ~450, ~1350 ms.
        Assert.Equal(DeliverFixture.MaxAttempts - 1, gaps.Count);
        for (var i = 0; i < gaps.Count; i++)
        {
            Assert.True(gaps[i] >= 0.85 * 150 * Math.Pow(3, i), $"gap {i} shorter than the schedule: {string.Join(", ", gaps)}");
            Assert.True(i == 0 || gaps[i] > gaps[i - 1] * 1.3, $"gaps do not grow: {string.Join(", ", gaps)}");
        }

        var deliveryId = Guid.Parse(hits[0].DeliveryId);
        var detail = await fixture.ManageAsync(m => m.GetDeliveryAsync(deliveryId, TestContext.Current.CancellationToken));
        Assert.NotNull(detail);
        Assert.Equal("dead", detail.Delivery.Status);
        Assert.Equal(Enumerable.Range(1, DeliverFixture.MaxAttempts), detail.Attempts.Select(a => a.Attempt));
        Assert.All(detail.Attempts, a =>
        {
            Assert.Equal(500, a.StatusCode);
            Assert.Contains("500", a.Error, StringComparison.Ordinal);
            Assert.Equal("receiver is down", a.ResponseExcerpt);
            Assert.True(a.DurationMs >= 0);
        });
        Assert.All(detail.Attempts.SkipLast(1), a => Assert.NotNull(a.NextDelayMs));
        Assert.Null(detail.Attempts[^1].NextDelayMs);

        // The operator sees it among the dead letters (API), fixes the receiver and redelivers.
        using var dead = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Get, $"/api/webhooks/deliveries?status=dead&subscription={subscription.Subscription.Id}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, dead.StatusCode);
        Assert.Equal(deliveryId, (await dead.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken))[0].GetProperty("id").GetGuid());
        // ... and on the dashboard's failures list (host only, no path: the list needs no key), and replays it from there.
        var failures = await fixture.ApiClient.GetFromJsonAsync<JsonElement>("/api/failures", TestContext.Current.CancellationToken);
        var failure = failures.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("id").GetString() == $"webhook:{deliveryId}");
        Assert.Equal("webhook", failure.GetProperty("kind").GetString());
        Assert.Equal(new Uri(receiver.Url("down")).Authority, failure.GetProperty("where").GetString());
        Assert.Contains("500", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("2611.20001", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(failures.GetProperty("counts").GetProperty("webhooks").GetInt64() >= 1);
        receiver.Status["down"] = 204;
        using var anonymousReplay = await fixture.ApiClient.PostAsync($"/api/failures/replay/webhook:{deliveryId}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousReplay.StatusCode);
        using var redeliver = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Post, $"/api/failures/replay/webhook:{deliveryId}"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, redeliver.StatusCode);
        Assert.Equal(1, (await redeliver.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("webhooks").GetInt32());
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE id = $1", deliveryId) == "delivered",
            Timeout));
        Assert.Equal(DeliverFixture.MaxAttempts + 1, receiver.For("down").Count);
        var after = await fixture.ManageAsync(m => m.GetDeliveryAsync(deliveryId, TestContext.Current.CancellationToken));
        Assert.Equal(DeliverFixture.MaxAttempts + 1, after!.Attempts.Count);
        Assert.Equal(204, after.Attempts[^1].StatusCode);

        var cleared = await fixture.ApiClient.GetFromJsonAsync<JsonElement>("/api/failures", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(cleared.GetProperty("items").EnumerateArray(), f => f.GetProperty("id").GetString() == $"webhook:{deliveryId}");

        // Redelivering a delivered one (webhooks API) sends it once more.
        using var again = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Post, $"/api/webhooks/deliveries/{deliveryId}/redeliver"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(receiver.For("down").Count == DeliverFixture.MaxAttempts + 2), Timeout));
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_honoured()
    {
        var receiver = fixture.Receiver;
        receiver.Secrets["busy"] = "busy-secret-0123456789abcdef";
        receiver.Status["busy"] = 429;
        receiver.RetryAfterSeconds["busy"] = 2;
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("busy"), Secret = receiver.Secrets["busy"], Topics = ["wh-busy"],
        }, TestContext.Current.CancellationToken));
        await TestEvents.PublishAsync(fixture.Bus, TestEvents.Published("2611.30001", ["wh-busy"]));
        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(receiver.For("busy").Count >= 1), Timeout));
        receiver.Status["busy"] = 200;
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE subscription_id = $1", subscription.Subscription.Id) == "delivered",
            Timeout));
        // The schedule alone would retry after ~150 ms; Retry-After: 2 holds the second attempt back.
        var hits = receiver.For("busy");
        Assert.Equal(2, hits.Count);
        Assert.True((hits[1].At - hits[0].At) >= TimeSpan.FromSeconds(1.9), $"second attempt after {(hits[1].At - hits[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Without_allow_loopback_a_127_0_0_1_target_is_refused_at_subscription_and_at_connection()
    {
        var strict = Options.Create(new DeliverOptions()); // AllowLoopback and AllowPrivateTargets off
        await using var scope = fixture.Deliver.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliverDbContext>();
        var management = new DeliveryManagement(db, strict, TimeProvider.System);
        foreach (var url in new[] { fixture.Receiver.Url("strict"), "http://localhost:1/x", "http://[::ffff:127.0.0.1]:1/x", "http://169.254.169.254/latest", "file:///etc/passwd" })
        {
            var ex = await Assert.ThrowsAsync<DeliveryValidationException>(() => management.CreateWebhookAsync(
                new WebhookSubscriptionRequest { Url = url, Secret = "strict-secret-0123456789" }, TestContext.Current.CancellationToken));
            Assert.True(ex.Errors.ContainsKey("url"), url);
        }

        // At connection time too (a subscription made while it was allowed, or DNS that changed since).
        using var services = new ServiceCollection()
            .AddHttpClient(WebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => WebhookSender.CreateHandler(strict.Value.Webhooks)).Services
            .BuildServiceProvider();
        var sender = new WebhookSender(services.GetRequiredService<IHttpClientFactory>(), strict, TimeProvider.System);
        var before = fixture.Receiver.For("strict").Count;
        var outcome = await sender.SendAsync(
            new ClaimedDelivery(Guid.NewGuid(), Guid.NewGuid(), fixture.Receiver.Url("strict"), "strict-secret-0123456789", "{}", "published", 1, 1),
            TestContext.Current.CancellationToken);
        Assert.False(outcome.Delivered);
        Assert.True(outcome.Refused);
        Assert.Contains("loopback", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Receiver.For("strict").Count);

        // The API refuses too when its configuration does not allow loopback? (Here it does: tests enable it explicitly.)
        using var unauthorized = await fixture.ApiClient.PostAsJsonAsync("/api/webhooks", new { url = "https://hooks.example.org/x" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var badScheme = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Post, "/api/webhooks", JsonContent.Create(new { url = "gopher://127.0.0.1:70/" })), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badScheme.StatusCode);
    }

    [Fact]
    public async Task Listing_never_shows_secrets()
    {
        await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = fixture.Receiver.Url("listed"), Secret = "listed-secret-0123456789", Topics = ["wh-listed"],
        }, TestContext.Current.CancellationToken));
        using var response = await fixture.ApiClient.SendAsync(DeliverFixture.Operator(HttpMethod.Get, "/api/webhooks"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("wh-listed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listed-secret", text, StringComparison.Ordinal);
        using var anonymous = await fixture.ApiClient.GetAsync("/api/webhooks", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Subscription_is_deactivated_after_the_configured_dead_letters_in_a_row()
    {
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = fixture.Receiver.Url("flaky"), Secret = "flaky-secret-0123456789", Topics = ["wh-flaky"],
        }, TestContext.Current.CancellationToken));
        var id = subscription.Subscription.Id;
        await using var scope = fixture.Deliver.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliverDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<DeliverStore>();
        var deliveries = Enumerable.Range(1, 3).Select(i => new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), SubscriptionId = id, EventKind = "published", IdempotencyKey = $"flaky:{i}", PaperId = $"2611.6000{i}",
            Body = "{}", NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1), CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        AttemptOutcome Outcome(bool delivered) => new(delivered, delivered ? 200 : 500, delivered ? null : "HTTP 500", TimeSpan.FromMilliseconds(5), null, null, false, DateTimeOffset.UtcNow);
        ClaimedDelivery Claimed(WebhookDelivery d) => new(d.Id, id, fixture.Receiver.Url("flaky"), "flaky-secret-0123456789", "{}", "published", 1, 1);

        // dead, delivered (resets the count), dead, dead → deactivated at the second dead letter in a row.
        Assert.False(await store.SettleAsync(Claimed(deliveries[0]), Outcome(false), null, 2, TestContext.Current.CancellationToken));
        await db.WebhookDeliveries.Where(d => d.Id == deliveries[0].Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, "pending"), TestContext.Current.CancellationToken);
        Assert.False(await store.SettleAsync(Claimed(deliveries[0]), Outcome(true), null, 2, TestContext.Current.CancellationToken));
        Assert.False(await store.SettleAsync(Claimed(deliveries[1]), Outcome(false), null, 2, TestContext.Current.CancellationToken));
        Assert.True((await fixture.ManageAsync(m => m.GetWebhookAsync(id, TestContext.Current.CancellationToken)))!.Active);
        Assert.True(await store.SettleAsync(Claimed(deliveries[2]), Outcome(false), null, 2, TestContext.Current.CancellationToken));
        var view = await fixture.ManageAsync(m => m.GetWebhookAsync(id, TestContext.Current.CancellationToken));
        Assert.False(view!.Active);
        Assert.Equal(2, view.ConsecutiveDeadLetters);
        Assert.Contains("2 dead letters", view.DisabledReason, StringComparison.Ordinal);
    }

    private static string PaperId(string body) => JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("paperId").GetString()!;
}
