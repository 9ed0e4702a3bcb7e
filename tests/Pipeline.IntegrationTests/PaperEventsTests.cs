using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.Parsing;
using Pipeline.Publish.Persistence;
using Pipeline.Publish.Publishing;

namespace Pipeline.IntegrationTests;

/// <summary>
/// The integration events downstream teams bind to: <c>paper.{published|updated|withdrawn}.{topic}</c> on the
/// topic exchange, only for what is new or materially changed, never twice, and replays on demand. One pipeline
/// (fresh database and vhost) ingests the recorded HF day; the tests then change it the way real sources do.
/// </summary>
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class PaperEventsTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly List<string> DayIds = PayloadParser.Parse(File.ReadAllBytes(TestFiles.HfDay(PipelineFixture.HfDay)), "hf-daily")
        .Papers.Select(p => p.Id).Distinct().Order(StringComparer.Ordinal).ToList();

    private async Task PublishedAsync()
    {
        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE paper_id = ANY($1)", (object)DayIds.ToArray()) == DayIds.Count,
            Timeout, "every paper of the day published");
        await pipeline.QuiesceAsync();
    }

    private Task<(int Revision, string Kind, string Record)> StoredAsync(string id) =>
        pipeline.Infrastructure.QueryAsync(
            "SELECT revision, kind, record::text FROM publish.papers WHERE paper_id = $1",
            r => (r.GetInt32(0), r.GetString(1), r.GetString(2)),
            id).ContinueWith(t => t.Result.Single(), TaskScheduler.Default);

    [Fact, TestPriority(1)]
    public async Task A_changed_abstract_is_one_PaperUpdated_and_an_upvote_change_is_stored_but_not_announced()
    {
        await PublishedAsync();
        await using var updates = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.updated.#");
        await using var everything = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.#");

        // The day as the API serves it later: one abstract revised, one paper's upvotes grown.
        var day = JsonNode.Parse(File.ReadAllBytes(TestFiles.HfDay(PipelineFixture.HfDay)))!.AsArray();
        var revised = day[0]!["paper"]!;
        var upvoted = day[1]!["paper"]!;
        var (revisedId, upvotedId) = (revised["id"]!.GetValue<string>(), upvoted["id"]!.GetValue<string>());
        revised["summary"] = revised["summary"]!.GetValue<string>() + " In a revised version we add experiments on three more datasets.";
        upvoted["upvotes"] = upvoted["upvotes"]!.GetValue<int>() + 100;
        pipeline.HfServer.Overrides[PipelineFixture.HfDay] = JsonSerializer.SerializeToUtf8Bytes(day);
        var upvotedBefore = await StoredAsync(upvotedId);
        var revisedBefore = await StoredAsync(revisedId);

        await pipeline.PollNowAsync(PipelineFixture.HfSourceId);
        await Eventually.TrueAsync(() => Task.FromResult(!updates.Received.IsEmpty), Timeout, "a PaperUpdated");
        await pipeline.QuiesceAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Exactly the revised paper, once per topic it has or had, on paper.updated.{topic}, saying what changed.
        var (revision, kind, record) = await StoredAsync(revisedId);
        Assert.Equal((2, PaperEvents.Updated), (revision, kind));
        static IEnumerable<string> TopicsOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetString()!);
        var topics = TopicsOf(record).Concat(TopicsOf(revisedBefore.Record)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.All(everything.Received, e => Assert.Equal(revisedId, e.PaperId));
        Assert.Equal(topics.Select(t => $"paper.updated.{t}"), everything.Received.Select(e => e.RoutingKey).Order(StringComparer.Ordinal));
        Assert.Single(everything.Received.Select(e => e.IdempotencyKey).Distinct());
        var update = everything.Received.First();
        Assert.Contains("abstract", update.Changes);
        Assert.DoesNotContain("upvotes", update.Changes);
        Assert.Equal(2, update.Revision);
        Assert.False(update.Replay);
        Assert.Contains(update.MessageTypes, t => t.EndsWith(":PaperUpdated", StringComparison.Ordinal));
        Assert.StartsWith($"{revisedId}:v", update.IdempotencyKey, StringComparison.Ordinal);

        // The upvotes are fresh in the stored record; its revision and idempotency key are unchanged.
        var upvotedAfter = await StoredAsync(upvotedId);
        Assert.Equal((1, PaperEvents.Published), (upvotedAfter.Revision, upvotedAfter.Kind));
        var before = JsonDocument.Parse(upvotedBefore.Record).RootElement;
        var after = JsonDocument.Parse(upvotedAfter.Record).RootElement;
        Assert.Equal(before.GetProperty("upvotes").GetInt32() + 100, after.GetProperty("upvotes").GetInt32());
        Assert.Equal(before.GetProperty("idempotencyKey").GetString(), after.GetProperty("idempotencyKey").GetString());

        // Polling the changed day again emits nothing new.
        var count = everything.Received.Count;
        await pipeline.PollNowAsync(PipelineFixture.HfSourceId);
        await pipeline.QuiesceAsync();
        Assert.Equal(count, everything.Received.Count);
    }

    [Fact, TestPriority(2)]
    public async Task A_withdrawal_notice_from_arXiv_is_a_PaperWithdrawn_on_its_topics()
    {
        await PublishedAsync();
        await using var withdrawals = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.withdrawn.#");
        var id = DayIds[^1];
        var before = await StoredAsync(id);

        // arXiv's API entry for the paper's v2, whose comment is the withdrawal notice.
        var atom = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
              <id>https://arxiv.org/api/withdrawn-test</id>
              <title>arXiv Query: id_list={id}</title>
              <updated>2024-07-01T00:00:00Z</updated>
              <opensearch:totalResults>1</opensearch:totalResults>
              <opensearch:startIndex>0</opensearch:startIndex>
              <opensearch:itemsPerPage>1</opensearch:itemsPerPage>
              <entry>
                <id>http://arxiv.org/abs/{id}v2</id>
                <title>Withdrawn</title>
                <updated>2024-07-01T00:00:00Z</updated>
                <published>2024-06-14T00:00:00Z</published>
                <summary>This paper has been withdrawn by the authors.</summary>
                <author><name>A. Author</name></author>
                <arxiv:comment>This paper has been withdrawn by the authors due to an error in the evaluation.</arxiv:comment>
                <arxiv:primary_category term="cs.CL"/>
                <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
              </entry>
            </feed>
            """;
        await File.WriteAllTextAsync(Path.Combine(pipeline.DropFolder, "withdrawn.atom"), atom, TestContext.Current.CancellationToken);
        await pipeline.PollNowAsync(PipelineFixture.DropSourceId);
        await Eventually.TrueAsync(() => Task.FromResult(!withdrawals.Received.IsEmpty), Timeout, "a PaperWithdrawn");
        await pipeline.QuiesceAsync();

        var (revision, kind, record) = await StoredAsync(id);
        Assert.Equal(PaperEvents.Withdrawn, kind);
        Assert.True(JsonDocument.Parse(record).RootElement.GetProperty("withdrawn").GetBoolean());
        Assert.All(withdrawals.Received, e => Assert.Equal(id, e.PaperId));
        Assert.All(withdrawals.Received, e => Assert.Equal(revision, e.Revision));
        Assert.Contains("withdrawn", withdrawals.Received.First().Changes);
        Assert.Contains(withdrawals.Received.First().MessageTypes, t => t.EndsWith(":PaperWithdrawn", StringComparison.Ordinal));
        // On every topic the paper has or had (a withdrawal notice usually changes the text, and so the topics).
        static IEnumerable<string> TopicsOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetString()!);
        var keys = TopicsOf(record).Concat(TopicsOf(before.Record)).Distinct(StringComparer.Ordinal).Select(t => $"paper.withdrawn.{t}");
        Assert.Equal(keys.Order(StringComparer.Ordinal), withdrawals.Received.Select(e => e.RoutingKey).Order(StringComparer.Ordinal));
    }

    [Fact, TestPriority(3)]
    public async Task Republish_by_topic_re_emits_that_topics_papers_as_replays_with_their_keys()
    {
        await PublishedAsync();
        await using var multimodal = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, $"paper.*.{PipelineFixture.MultimodalTopic}");
        await using var everything = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.#");
        var stored = await pipeline.Infrastructure.QueryAsync(
            "SELECT paper_id, record->>'idempotencyKey', kind FROM publish.papers WHERE $1 = ANY(topics)",
            r => (Id: r.GetString(0), Key: r.GetString(1), Kind: r.GetString(2)),
            PipelineFixture.MultimodalTopic);
        Assert.NotEmpty(stored);

        // What `pipeline republish --since … --topic multimodal` does.
        await using (var scope = pipeline.Hosts.Publish.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublishDbContext>();
            var count = await new Republisher(db).RepublishAsync(new RepublishFilter(DateTimeOffset.UtcNow.AddDays(-1), Topic: PipelineFixture.MultimodalTopic), null, TestContext.Current.CancellationToken);
            Assert.Equal(stored.Count, count);
        }

        await Eventually.TrueAsync(() => Task.FromResult(multimodal.Received.Count >= stored.Count), Timeout, "the replays");
        await pipeline.QuiesceAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // One replay per paper of the topic, on that topic's key only, carrying the original idempotency key.
        Assert.Equal(stored.Select(s => s.Id).Order(StringComparer.Ordinal), multimodal.Received.Select(e => e.PaperId).Order(StringComparer.Ordinal));
        Assert.Equal(stored.Count, everything.Received.Count);
        Assert.All(multimodal.Received, e => Assert.True(e.Replay));
        Assert.All(multimodal.Received, e => Assert.Equal(stored.Single(s => s.Id == e.PaperId).Key, e.IdempotencyKey));
        Assert.All(multimodal.Received, e => Assert.Equal(
            stored.Single(s => s.Id == e.PaperId).Kind == PaperEvents.Withdrawn ? $"paper.withdrawn.{PipelineFixture.MultimodalTopic}" : $"paper.published.{PipelineFixture.MultimodalTopic}",
            e.RoutingKey));
    }

    [Fact, TestPriority(4)]
    public async Task A_related_list_computed_earlier_never_replaces_a_later_one()
    {
        await PublishedAsync();
        await using var updates = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.updated.#");
        var (id, newer, older) = (DayIds[2], DayIds[3], DayIds[4]);
        var at = DateTimeOffset.UtcNow;
        var bus = pipeline.Hosts.Publish.Services.GetRequiredService<MassTransit.IBus>();

        // The later computation arrives first, the earlier one after it.
        await bus.Publish(new RelatedPapersComputed { Papers = [new PaperRelations(id, "test", [new RelatedPaperRef(newer, "", 0.9)], at)] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(updates.Received.Any(e => e.PaperId == id)), Timeout, "the related update");
        await bus.Publish(new RelatedPapersComputed { Papers = [new PaperRelations(id, "test", [new RelatedPaperRef(older, "", 0.8)], at.AddMinutes(-1))] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.inbox_records WHERE consumer = 'publish-related'") >= 2,
            Timeout, "both related messages consumed");
        await pipeline.QuiesceAsync();

        var (revision, _, record) = await StoredAsync(id);
        var related = JsonDocument.Parse(record).RootElement.GetProperty("related").EnumerateArray().Select(r => r.GetProperty("paperId").GetString()).ToList();
        Assert.Equal([newer], related);
        Assert.Single(updates.Received.Where(e => e.PaperId == id).Select(e => e.IdempotencyKey).Distinct());
        Assert.Equal(["related"], updates.Received.First(e => e.PaperId == id).Changes);
        Assert.Equal(updates.Received.First(e => e.PaperId == id).Revision, revision);
    }

    [Fact, TestPriority(5)]
    public async Task A_late_message_with_an_older_version_changes_nothing()
    {
        await PublishedAsync();
        await using var everything = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.#");
        var id = DayIds[5];
        var stored = PublishedPaperStore.Deserialize((await StoredAsync(id)).Record, PaperEvents.Published);
        ClassifiedPaper AtVersion(int version) => new()
        {
            Paper = new PaperRecord
            {
                Id = id, Version = version, Title = stored.Title, Abstract = stored.Abstract, Authors = stored.Authors,
                SourceId = "test", ContentHash = $"version-{version}",
            },
            Enrichment = new PaperEnrichment
            {
                EnrichmentVersion = stored.EnrichmentVersion, Topics = stored.Topics, CodeUrls = stored.CodeUrls, HuggingFaceUrls = stored.HuggingFaceUrls,
            },
        };
        var bus = pipeline.Hosts.Publish.Services.GetRequiredService<MassTransit.IBus>();

        // v3 arrives first (news), then a late message still carrying v2 (stale: nothing).
        await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [AtVersion(3)] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(everything.Received.Any(e => e.PaperId == id)), Timeout, "the v3 update");
        const string consumedSql = "SELECT count(*) FROM publish.inbox_records WHERE consumer = 'publish'";
        var consumed = await pipeline.Infrastructure.ScalarAsync<long>(consumedSql);
        await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [AtVersion(2)] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await pipeline.Infrastructure.ScalarAsync<long>(consumedSql) > consumed, Timeout, "the late message consumed");
        await pipeline.QuiesceAsync();

        Assert.Single(everything.Received.Where(e => e.PaperId == id).Select(e => e.IdempotencyKey).Distinct());
        Assert.Contains("version", everything.Received.First(e => e.PaperId == id).Changes);
        Assert.Equal(3, JsonDocument.Parse((await StoredAsync(id)).Record).RootElement.GetProperty("version").GetInt32());
    }
}
