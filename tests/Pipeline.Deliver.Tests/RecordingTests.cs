using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.Deliver.Management;
using Pipeline.Deliver.Persistence;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Tests;

/// <summary>Recording events and settling deliveries through <see cref="DeliverStore"/> on the fixture's database.</summary>
[Collection(DeliverTestGroup.Name)]
public sealed class RecordingTests(DeliverFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_replay_updates_the_read_model_but_never_fans_out_as_news()
    {
        var ct = TestContext.Current.CancellationToken;
        fixture.Receiver.Secrets["replay"] = "replay-secret-0123456789abcdef";
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = fixture.Receiver.Url("replay"), Secret = fixture.Receiver.Secrets["replay"], Topics = ["wh-replay"],
        }, ct));
        var id = subscription.Subscription.Id;

        // An update, then `pipeline republish` re-emitting it as published with the original key.
        var updated = TestEvents.As<PaperUpdated>(TestEvents.Published("2611.70001", ["wh-replay"], revision: 2));
        Assert.Equal(1, await RecordAsync(updated));
        Assert.Null(await RecordAsync(TestEvents.As<PaperPublished>(updated) with { Replay = true }));
        Assert.Null(await RecordAsync(TestEvents.As<PaperWithdrawn>(updated) with { Replay = true }));

        // A replay of an older revision never seen here: no delivery, and the newer revision stays.
        Assert.Equal(0, await RecordAsync(TestEvents.Published("2611.70001", ["wh-replay"], revision: 1, title: "Older") with { Replay = true }));
        Assert.Equal(2, await fixture.Infrastructure.ScalarAsync<int>("SELECT revision FROM deliver.papers WHERE paper_id = '2611.70001'"));
        Assert.Equal("updated", await fixture.Infrastructure.ScalarAsync<string>("SELECT last_event_kind FROM deliver.papers WHERE paper_id = '2611.70001'"));

        // A replay of a paper never seen: the read model learns it (not as news for digests), nothing is delivered.
        var publishedAt = DateTimeOffset.UtcNow.AddDays(-2);
        Assert.Equal(0, await RecordAsync(TestEvents.Published("2611.70002", ["wh-replay"], revision: 3, at: publishedAt, title: "Replayed only") with { Replay = true }));
        var paper = await fixture.Infrastructure.QueryAsync(
            "SELECT revision, title, recorded_at = last_event_at FROM deliver.papers WHERE paper_id = '2611.70002'", r => (r.GetInt32(0), r.GetString(1), r.GetBoolean(2)));
        Assert.Equal((3, "Replayed only", true), Assert.Single(paper));

        var deliveries = await fixture.Infrastructure.QueryAsync(
            "SELECT paper_id, event_kind FROM deliver.webhook_deliveries WHERE subscription_id = $1", r => (r.GetString(0), r.GetString(1)), id);
        Assert.Equal(("2611.70001", "updated"), Assert.Single(deliveries));
        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(fixture.Receiver.For("replay").Count >= 1), Timeout));
        await Task.Delay(1000, ct);
        Assert.Single(fixture.Receiver.For("replay"));
    }

    [Fact]
    public async Task The_literal_text_backslash_u0000_survives_and_nul_characters_are_stripped()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = fixture.Receiver.Url("nul"), Secret = "nul-secret-0123456789abcdef", Topics = ["wh-nul"],
        }, ct));
        const string title = @"Escapes: \u0000 is not NUL";
        var e = TestEvents.Published("2611.70003", ["wh-nul"], title: title, abstractText: "A real\0NUL character.") with
        {
            Authors = ["Nul\0Author"],
            Provenance = new Dictionary<string, string>(StringComparer.Ordinal) { ["ti\0tle"] = "arxiv\0" },
        };
        Assert.Equal(1, await RecordAsync(e));

        var body = await fixture.Infrastructure.ScalarAsync<string>("SELECT body::text FROM deliver.webhook_deliveries WHERE subscription_id = $1", subscription.Subscription.Id);
        using var json = JsonDocument.Parse(body!);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal(title, data.GetProperty("title").GetString());
        Assert.Equal("A realNUL character.", data.GetProperty("abstract").GetString());
        Assert.Equal("NulAuthor", data.GetProperty("authors")[0].GetString());
        Assert.Equal("arxiv", data.GetProperty("provenance").GetProperty("title").GetString());
        Assert.Equal(title, await fixture.Infrastructure.ScalarAsync<string>("SELECT title FROM deliver.papers WHERE paper_id = '2611.70003'"));
        Assert.Equal(title, JsonDocument.Parse(WebhookPayload.Create(Guid.NewGuid(), Guid.NewGuid(), e)).RootElement.GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Settling_a_delivery_whose_subscription_was_deleted_meanwhile_does_not_fail()
    {
        var ct = TestContext.Current.CancellationToken;
        var subscription = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = fixture.Receiver.Url("gone"), Secret = "gone-secret-0123456789abcdef", Topics = ["wh-gone"],
        }, ct));
        var id = subscription.Subscription.Id;
        await using var scope = fixture.Deliver.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliverDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<DeliverStore>();
        var deliveries = Enumerable.Range(1, 2).Select(i => new WebhookDelivery
        {
            Id = Guid.CreateVersion7(), SubscriptionId = id, EventKind = "published", IdempotencyKey = $"gone:{i}", PaperId = $"2611.7100{i}",
            Body = "{}", NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1), CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);

        // Claimed and sent, then the subscription (with its deliveries) is deleted before the results are recorded.
        Assert.True(await fixture.ManageAsync(m => m.DeleteWebhookAsync(id, ct)));
        ClaimedDelivery Claimed(WebhookDelivery d) => new(d.Id, id, fixture.Receiver.Url("gone"), "gone-secret-0123456789abcdef", "{}", "published", 1, 1);
        Assert.False(await store.SettleAsync(Claimed(deliveries[0]), new AttemptOutcome(true, 200, null, TimeSpan.FromMilliseconds(5), null, null, false, DateTimeOffset.UtcNow), null, 2, ct));
        Assert.False(await store.SettleAsync(Claimed(deliveries[1]), new AttemptOutcome(false, 500, "HTTP 500", TimeSpan.FromMilliseconds(5), null, null, false, DateTimeOffset.UtcNow), null, 2, ct));
        Assert.Equal(0, await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.webhook_attempts WHERE delivery_id = ANY($1)", deliveries.Select(d => d.Id).ToArray()));
    }

    [Fact]
    public async Task Deleting_a_subscription_with_a_delivery_in_flight_leaves_the_rest_of_the_batch_settled()
    {
        var ct = TestContext.Current.CancellationToken;
        var receiver = fixture.Receiver;
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Holds["held"] = hold;
        var held = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("held"), Secret = "held-secret-0123456789abcdef", Topics = ["wh-held"],
        }, ct));
        var other = await fixture.ManageAsync(m => m.CreateWebhookAsync(new WebhookSubscriptionRequest
        {
            Url = receiver.Url("beside"), Secret = "beside-secret-0123456789abcdef", Topics = ["wh-held"],
        }, ct));

        // Both deliveries go out in one batch; one stays in flight while its subscription is deleted.
        Assert.Equal(2, await RecordAsync(TestEvents.Published("2611.72001", ["wh-held"])));
        Assert.True(await DeliverFixture.EventuallyAsync(() => Task.FromResult(receiver.For("held").Count == 1 && receiver.For("beside").Count == 1), Timeout));
        Assert.True(await fixture.ManageAsync(m => m.DeleteWebhookAsync(held.Subscription.Id, ct)));
        hold.SetResult();

        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE subscription_id = $1", other.Subscription.Id) == "delivered",
            TimeSpan.FromSeconds(10)));
        await Task.Delay(1000, ct);
        Assert.Single(receiver.For("beside"));
        Assert.Single(receiver.For("held"));
        Assert.Equal(1, await fixture.Infrastructure.ScalarAsync<long>(
            "SELECT count(*) FROM deliver.webhook_attempts a JOIN deliver.webhook_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = $1", other.Subscription.Id));
    }

    private async Task<int?> RecordAsync(PaperEvent paperEvent)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = fixture.Deliver.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliverDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<DeliverStore>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = await store.RecordEventAsync(paperEvent, ct);
        await tx.CommitAsync(ct);
        if (added > 0)
        {
            fixture.Deliver.Services.GetRequiredService<WebhookSignal>().Notify();
        }

        return added;
    }
}
