using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli;

namespace Pipeline.Deliver.Tests;

/// <summary><c>pipeline webhooks …</c> and <c>pipeline digests …</c> against the fixture's database and running Deliver service.</summary>
[Collection(DeliverTestGroup.Name)]
public sealed class CliTests(DeliverFixture fixture)
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<(int Exit, string Out, string Err)> RunAsync(bool allowLoopback, params string[] args)
    {
        await ConsoleLock.WaitAsync(TestContext.Current.CancellationToken);
        var (stdout, stderr) = (Console.Out, Console.Error);
        Environment.SetEnvironmentVariable("ConnectionStrings__Pipeline", fixture.Infrastructure.ConnectionString);
        Environment.SetEnvironmentVariable("Deliver__Webhooks__AllowLoopback", allowLoopback ? "true" : null);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            var root = new RootCommand("test") { WebhooksCommand.Create(), DigestsCommand.Create() };
            var exit = await root.Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Environment.SetEnvironmentVariable("Deliver__Webhooks__AllowLoopback", null);
            ConsoleLock.Release();
        }
    }

    [Fact]
    public async Task Webhook_verbs_add_list_show_dead_letters_redeliver_and_remove()
    {
        var receiver = fixture.Receiver;
        receiver.Secrets["cli"] = "cli-secret-0123456789abcdef";
        receiver.Status["cli"] = 503;

        var refused = await RunAsync(false, "webhooks", "add", receiver.Url("cli"), "--secret", receiver.Secrets["cli"], "--topic", "cli-topic");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("loopback", refused.Err, StringComparison.Ordinal);

        var added = await RunAsync(true, "webhooks", "add", receiver.Url("cli"), "--secret", receiver.Secrets["cli"], "--topic", "cli-topic", "--kind", "published");
        Assert.Equal(0, added.Exit);
        var id = Guid.Parse(added.Out.Split(' ', 2)[0]);

        var list = await RunAsync(false, "webhooks", "list", "--json");
        Assert.Equal(0, list.Exit);
        var listed = JsonDocument.Parse(list.Out).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(["cli-topic"], listed.GetProperty("filter").GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain(receiver.Secrets["cli"], list.Out, StringComparison.Ordinal);

        await TestEvents.PublishAsync(fixture.Bus, TestEvents.Published("2611.50001", ["cli-topic"]));
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE subscription_id = $1", id) == "dead", Timeout));

        var dead = await RunAsync(false, "webhooks", "deliveries", "--status", "dead", "--subscription", id.ToString(), "--json");
        Assert.Equal(0, dead.Exit);
        var delivery = JsonDocument.Parse(dead.Out).RootElement.EnumerateArray().Single();
        Assert.Equal("paper.published", delivery.GetProperty("type").GetString());
        Assert.Equal(503, delivery.GetProperty("lastStatusCode").GetInt32());
        var table = await RunAsync(false, "webhooks", "deliveries", "--status", "dead");
        Assert.Contains(delivery.GetProperty("id").GetString()!, table.Out, StringComparison.Ordinal);

        receiver.Status["cli"] = 200;
        var redeliver = await RunAsync(false, "webhooks", "redeliver", delivery.GetProperty("id").GetString()!);
        Assert.Equal(0, redeliver.Exit);
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.webhook_deliveries WHERE subscription_id = $1", id) == "delivered", Timeout));

        Assert.Equal(2, (await RunAsync(false, "webhooks", "redeliver", Guid.NewGuid().ToString())).Exit);
        Assert.Equal(0, (await RunAsync(false, "webhooks", "remove", id.ToString())).Exit);
        Assert.Equal(0L, await fixture.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM deliver.webhook_deliveries WHERE subscription_id = $1", id));
    }

    [Fact]
    public async Task Digest_verbs_add_list_send_and_remove()
    {
        var added = await RunAsync(false, "digests", "add", "cli-reader@example.org", "--topic", "cli-digest-topic", "--frequency", "weekly", "--hour", "6");
        Assert.Equal(0, added.Exit);
        var id = Guid.Parse(added.Out.Split(' ', 2)[0]);

        var list = await RunAsync(false, "digests", "list", "--json");
        var listed = JsonDocument.Parse(list.Out).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal("weekly", listed.GetProperty("frequency").GetString());
        Assert.Equal(6, listed.GetProperty("sendHourUtc").GetInt32());

        Assert.Equal(0, (await RunAsync(false, "digests", "send", id.ToString())).Exit);
        // Nothing matches this topic: the scheduler records an empty digest and sends nothing.
        Assert.True(await DeliverFixture.EventuallyAsync(
            async () => await fixture.Infrastructure.ScalarAsync<string>("SELECT status FROM deliver.digest_runs WHERE subscription_id = $1", id) == "empty", Timeout));

        var invalid = await RunAsync(false, "digests", "add", "not-an-address");
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("email", invalid.Err, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(false, "digests", "remove", id.ToString())).Exit);
        Assert.Equal(2, (await RunAsync(false, "digests", "send", id.ToString())).Exit);
    }
}
