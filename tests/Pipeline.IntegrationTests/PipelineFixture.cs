namespace Pipeline.IntegrationTests;

/// <summary>
/// One running pipeline for a test class: infrastructure, a loopback HF server, a drop folder, the four hosts,
/// and downstream listeners bound by routing key.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    /// <summary>The recorded day the loopback HF source serves.</summary>
    public const string HfDay = "2024-06-17";

    public const string HfSourceId = "hf-test";

    public const string DropSourceId = "drop-test";

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public LoopbackHfServer HfServer { get; private set; } = null!;

    public PipelineHosts Hosts { get; private set; } = null!;

    public SpanCollector Spans { get; } = new();

    public string DropFolder { get; } = Directory.CreateTempSubdirectory("pipeline-drop-").FullName;

    /// <summary>Bound to <c>paper.published.#</c>: every event.</summary>
    public PaperEventListener AllEvents { get; private set; } = null!;

    /// <summary>Bound to one topic only.</summary>
    public PaperEventListener MultimodalEvents { get; private set; } = null!;

    public const string MultimodalTopic = "multimodal";

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        HfServer = await LoopbackHfServer.StartAsync();
        AllEvents = await PaperEventListener.StartAsync(Infrastructure.AmqpUri, "paper.published.#");
        MultimodalEvents = await PaperEventListener.StartAsync(Infrastructure.AmqpUri, $"paper.published.{MultimodalTopic}");

        var configuration = Infrastructure.HostConfiguration();
        configuration[$"Fetch:Sources:{HfSourceId}:Kind"] = "hf-daily";
        configuration[$"Fetch:Sources:{HfSourceId}:BaseUrl"] = HfServer.BaseUrl;
        configuration[$"Fetch:Sources:{HfSourceId}:Date"] = HfDay;
        configuration[$"Fetch:Sources:{HfSourceId}:Interval"] = "01:00:00";
        configuration[$"Fetch:Sources:{DropSourceId}:Kind"] = "directory";
        configuration[$"Fetch:Sources:{DropSourceId}:Path"] = DropFolder;
        configuration[$"Fetch:Sources:{DropSourceId}:Pattern"] = "*.*";
        configuration[$"Fetch:Sources:{DropSourceId}:Interval"] = "01:00:00";
        Hosts = await PipelineHosts.StartAsync(configuration);
    }

    /// <summary>Makes a source due now and waits until a poll that started after this call has finished.</summary>
    public async Task PollNowAsync(string sourceId)
    {
        var before = await Infrastructure.ScalarAsync<DateTime>("SELECT now()");
        await Infrastructure.ExecuteAsync("UPDATE fetcher.sources SET next_due_at = now() WHERE id = $1", sourceId);
        await Eventually.TrueAsync(
            async () => await Infrastructure.ScalarAsync<bool>(
                "SELECT last_attempt_at >= $2 AND lease_until IS NULL FROM fetcher.sources WHERE id = $1", sourceId, before),
            TimeSpan.FromSeconds(30), $"source {sourceId} to be polled");
    }

    /// <summary>Waits until every outbox is drained and the listeners have stopped receiving: counts are then stable.</summary>
    public async Task QuiesceAsync()
    {
        await Eventually.TrueAsync(
            async () => await Infrastructure.ScalarAsync<long>(
                "SELECT (SELECT count(*) FROM fetcher.outbox_messages) + (SELECT count(*) FROM parse.outbox_messages) + (SELECT count(*) FROM classify.outbox_messages) + (SELECT count(*) FROM publish.outbox_messages)") == 0,
            TimeSpan.FromSeconds(60), "every outbox drained");
        var last = -1;
        while (AllEvents.Received.Count != last)
        {
            last = AllEvents.Received.Count;
            await Task.Delay(750);
        }
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        () => Hosts.DisposeAsync(),
        () => AllEvents.DisposeAsync(),
        () => MultimodalEvents.DisposeAsync(),
        () => HfServer.DisposeAsync(),
        () => Infrastructure.DisposeAsync(),
        () =>
        {
            Spans.Dispose();
            Directory.Delete(DropFolder, recursive: true);
            return ValueTask.CompletedTask;
        });
}

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}
