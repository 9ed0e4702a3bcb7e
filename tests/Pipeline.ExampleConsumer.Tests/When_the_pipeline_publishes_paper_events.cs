using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;

namespace Pipeline.ExampleConsumer.Tests;

/// <summary>
/// The example consumer, bound to <c>paper.published.peft</c> and <c>paper.published.rag</c>, on a real RabbitMQ and
/// PostgreSQL: the fixture publishes events of several kinds and topics, a resend and a replay (see
/// <see cref="ExampleConsumerFixture"/>), and waits until the consumer has handled what it should.
/// </summary>
public sealed class When_the_pipeline_publishes_paper_events(ExampleConsumerFixture fixture) : IClassFixture<ExampleConsumerFixture>
{
    private const string Peft = "paper.published.peft";
    private const string Rag = "paper.published.rag";

    [Fact]
    public async Task Should_process_exactly_the_events_of_its_bindings()
    {
        var processed = await ProcessedAsync();
        Assert.Equal(
            new[] { fixture.TwoTopics.IdempotencyKey, fixture.Rag.IdempotencyKey, fixture.Last.IdempotencyKey }.Order(StringComparer.Ordinal),
            processed.Keys.Order(StringComparer.Ordinal));

        // Only the bound routing keys reached the queue, while a queue bound to paper.# got the others too.
        Assert.Equal(6, fixture.Deliveries.Handled.Count);
        Assert.All(fixture.Deliveries.Handled, d => Assert.Contains(d.RoutingKey, new[] { Peft, Rag }));
        foreach (var paperEvent in fixture.NotBound)
        {
            Assert.Contains(fixture.Everything.Received, r => r.IdempotencyKey == paperEvent.IdempotencyKey);
            Assert.DoesNotContain(fixture.Deliveries.Handled, d => d.IdempotencyKey == paperEvent.IdempotencyKey);
        }

        Assert.Equal(
            ["paper.published.agents", "paper.published.none", Peft, Rag, "paper.updated.peft", "paper.withdrawn.rag"],
            fixture.Everything.Received.Select(r => r.RoutingKey).Distinct().Order(StringComparer.Ordinal));

        var papers = await fixture.Infrastructure.QueryAsync(
            $"SELECT paper_id FROM {PaperStore.Schema}.papers ORDER BY paper_id", r => r.GetString(0));
        Assert.Equal(["2411.00001", "2411.00002", "2411.00009"], papers);
    }

    [Fact]
    public async Task Should_process_an_event_that_arrives_twice_once()
    {
        // Bound to both of its topics: a copy came on each key, one was applied.
        var twoTopicKeys = fixture.Deliveries.Handled.Where(d => d.IdempotencyKey == fixture.TwoTopics.IdempotencyKey).Select(d => d.RoutingKey).ToList();
        Assert.Contains(Peft, twoTopicKeys);
        Assert.Contains(Rag, twoTopicKeys);
        // Sent twice with the same message id (a relay resend): two deliveries, one applied.
        Assert.Equal(2, fixture.Deliveries.Handled.Count(d => d.IdempotencyKey == fixture.Rag.IdempotencyKey));

        var processed = await ProcessedAsync();
        Assert.Equal(1, processed[fixture.TwoTopics.IdempotencyKey].Count);
        Assert.Equal(1, processed[fixture.Rag.IdempotencyKey].Count);
    }

    [Fact]
    public async Task Should_ignore_a_replay_it_already_has()
    {
        // peft, rag, and the replay on peft carried the same key; the row is still the original publication's.
        Assert.Equal(3, fixture.Deliveries.Handled.Count(d => d.IdempotencyKey == fixture.TwoTopics.IdempotencyKey));
        var processed = await ProcessedAsync();
        Assert.False(processed[fixture.TwoTopics.IdempotencyKey].Replay);
    }

    [Fact]
    public async Task Should_join_the_publishers_trace()
    {
        var processed = await ProcessedAsync();
        Assert.Equal(fixture.TwoTopicsTraceId, processed[fixture.TwoTopics.IdempotencyKey].TraceId);
        Assert.Equal(fixture.RagTraceId, processed[fixture.Rag.IdempotencyKey].TraceId);
        Assert.NotEqual(fixture.TwoTopicsTraceId, fixture.RagTraceId);

        // And the spans form one tree: each "process" span of the consumer descends (through MassTransit's "receive"
        // span) from a "send" span, which is a child of the publisher's own activity.
        var spans = fixture.Spans.Where(s => s.TraceId == fixture.TwoTopicsTraceId).ToList();
        var byId = spans.GroupBy(s => s.SpanId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var consumes = spans.Where(s => s.Kind == System.Diagnostics.ActivityKind.Consumer && s.Name.EndsWith(" process", StringComparison.Ordinal)).ToList();
        Assert.True(consumes.Count >= 2, $"expected a consume span per copy, got: {string.Join("; ", spans.Select(s => $"{s.Kind} {s.Name}"))}");
        foreach (var consume in consumes)
        {
            var chain = new List<SpanRecord>();
            for (var span = consume; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
            {
                chain.Add(span);
            }

            Assert.Contains(chain, s => s.Kind == System.Diagnostics.ActivityKind.Producer);
            Assert.Equal(fixture.TwoTopicsRootSpanId, chain[^1].ParentSpanId);
        }
    }

    [Fact]
    public async Task Should_bind_a_durable_queue_by_routing_key_only()
    {
        using var http = ManagementClient();
        var path = $"api/queues/{Uri.EscapeDataString(fixture.Infrastructure.VirtualHost)}/{Uri.EscapeDataString(ExampleConsumerFixture.Queue)}";
        var ct = TestContext.Current.CancellationToken;

        using var queue = JsonDocument.Parse(await http.GetStringAsync(path, ct));
        Assert.True(queue.RootElement.GetProperty("durable").GetBoolean());
        Assert.False(queue.RootElement.GetProperty("auto_delete").GetBoolean());
        Assert.Equal("classic", queue.RootElement.GetProperty("type").GetString());

        // MassTransit binds the topic exchange to an exchange named like the queue, which feeds the queue: the
        // routing keys sit on that exchange-to-exchange binding.
        using var bindings = JsonDocument.Parse(await http.GetStringAsync(
            $"api/exchanges/{Uri.EscapeDataString(fixture.Infrastructure.VirtualHost)}/{Uri.EscapeDataString(PaperEvents.Exchange)}/bindings/source", ct));
        Assert.Equal(
            [Peft, Rag],
            bindings.RootElement.EnumerateArray()
                .Where(b => b.GetProperty("destination").GetString() == ExampleConsumerFixture.Queue)
                .Select(b => b.GetProperty("routing_key").GetString()!)
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_declare_a_quorum_queue_when_configured()
    {
        using var http = ManagementClient();
        await using var quorum = await fixture.StartConsumerAsync(new()
        {
            ["ExampleConsumer:Queue"] = "example-consumer.quorum",
            ["ExampleConsumer:Kinds"] = "*",
            ["ExampleConsumer:Topics"] = "none",
            ["ExampleConsumer:QuorumQueue"] = "true",
        });
        using var queue = JsonDocument.Parse(await http.GetStringAsync(
            $"api/queues/{Uri.EscapeDataString(fixture.Infrastructure.VirtualHost)}/example-consumer.quorum", TestContext.Current.CancellationToken));
        Assert.Equal("quorum", queue.RootElement.GetProperty("type").GetString());
        await quorum.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Should_refuse_to_start_with_a_binding_that_is_not_a_routing_key_word()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.StartConsumerAsync(new()
        {
            ["ExampleConsumer:Queue"] = "example-consumer.invalid",
            ["ExampleConsumer:Kinds"] = "published,created",
            ["ExampleConsumer:Topics"] = "peft.lora",
        }));
        Assert.Contains("unknown kind 'created'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'peft.lora' is not a taxonomy id", ex.Message, StringComparison.Ordinal);
    }

    private HttpClient ManagementClient()
    {
        var management = Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ_MANAGEMENT");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(management), "PIPELINE_TEST_RABBITMQ_MANAGEMENT is not set (RabbitMQ's management API)");
        var rabbit = fixture.Infrastructure.HostConfiguration();
        var http = new HttpClient { BaseAddress = new Uri(management!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit["RabbitMq:User"]}:{rabbit["RabbitMq:Pass"]}")));
        return http;
    }

    private async Task<Dictionary<string, (int Count, bool Replay, string? TraceId)>> ProcessedAsync()
    {
        var rows = await fixture.Infrastructure.QueryAsync(
            $"SELECT idempotency_key, replay, trace_id FROM {PaperStore.Schema}.processed_events",
            r => (Key: r.GetString(0), Replay: r.GetBoolean(1), TraceId: r.IsDBNull(2) ? null : r.GetString(2)));
        return rows.GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(), g.First().Replay, g.First().TraceId), StringComparer.Ordinal);
    }
}
