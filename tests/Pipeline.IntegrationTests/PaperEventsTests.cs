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
    public async Task A_related_list_refreshes_the_record_silently_and_goes_out_once_per_topic_on_related_updated_only()
    {
        await PublishedAsync();
        await using var paperEvents = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.#");
        await using var lists = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "related.updated.#");
        var (id, newer, older) = (DayIds[2], DayIds[3], DayIds[4]);
        var before = await PublicationAsync(id);
        var at = DateTimeOffset.UtcNow;
        var bus = pipeline.Hosts.Publish.Services.GetRequiredService<MassTransit.IBus>();
        RelatedPapersComputed List(string related, double similarity, DateTimeOffset computedAt) =>
            new() { Papers = [new PaperRelations(id, "test-model", [new RelatedPaperRef(related, "", similarity)], computedAt)] };

        // The first list of a published paper: news for list consumers only.
        await bus.Publish(List(newer, 0.9, at), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(lists.Received.Any(e => e.PaperId == id)), Timeout, "the RelatedPapersUpdated");
        // A later computation naming the same paper (only its similarity moved), then an earlier one naming another.
        await bus.Publish(List(newer, 0.95, at.AddMinutes(1)), TestContext.Current.CancellationToken);
        await bus.Publish(List(older, 0.8, at.AddMinutes(-1)), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.inbox_records WHERE consumer = 'publish-related'") >= 3,
            Timeout, "the three related messages consumed");
        await pipeline.QuiesceAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // One copy per topic of the paper, one idempotency key, the list with the related paper's title.
        var topics = before.Topics.Count == 0 ? [PaperEvents.NoTopic] : before.Topics;
        var received = lists.Received.Where(e => e.PaperId == id).ToList();
        Assert.Equal(topics.Select(t => $"related.updated.{t}").Order(StringComparer.Ordinal), received.Select(e => e.RoutingKey).Order(StringComparer.Ordinal));
        Assert.Single(received.Select(e => e.IdempotencyKey).Distinct());
        Assert.All(received, e => Assert.Contains(e.MessageTypes, t => t.EndsWith(":RelatedPapersUpdated", StringComparison.Ordinal)));
        var message = JsonDocument.Parse(received[0].Message).RootElement;
        Assert.Equal(1, message.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("test-model", message.GetProperty("model").GetString());
        var listed = message.GetProperty("related").EnumerateArray().Single();
        Assert.Equal(newer, listed.GetProperty("paperId").GetString());
        Assert.Equal(await pipeline.Infrastructure.ScalarAsync<string>("SELECT title FROM publish.papers WHERE paper_id = $1", newer), listed.GetProperty("title").GetString());
        Assert.Equal(before.Topics.Order(StringComparer.Ordinal), message.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));

        // Nothing on paper.*; the paper keeps its revision and place in the feeds; its record has the latest list.
        Assert.DoesNotContain(paperEvents.Received, e => e.PaperId == id);
        var after = await PublicationAsync(id);
        Assert.Equal((before.Revision, before.LastPublishedAt, before.IdempotencyKey), (after.Revision, after.LastPublishedAt, after.IdempotencyKey));
        var related = JsonDocument.Parse(after.Record).RootElement.GetProperty("related").EnumerateArray().ToList();
        Assert.Equal([newer], related.Select(r => r.GetProperty("paperId").GetString()));
        Assert.Equal(0.95, related[0].GetProperty("similarity").GetDouble(), 6);
    }

    private async Task<(int Revision, DateTime LastPublishedAt, string IdempotencyKey, IReadOnlyList<string> Topics, string Record)> PublicationAsync(string id) =>
        (await pipeline.Infrastructure.QueryAsync(
            "SELECT revision, last_published_at, record->>'idempotencyKey', topics, record::text FROM publish.papers WHERE paper_id = $1",
            r => (r.GetInt32(0), r.GetDateTime(1), r.GetString(2), (IReadOnlyList<string>)r.GetFieldValue<string[]>(3), r.GetString(4)),
            id)).Single();

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
                // The same Parse sequence for both (newer than what Parse stored): only the version guard can refuse v2.
                SourceId = "test", ContentHash = $"version-{version}", Sequence = 100,
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

    [Fact, TestPriority(6)]
    public async Task A_classified_paper_with_a_lower_parse_sequence_than_stored_changes_nothing()
    {
        await PublishedAsync();
        await using var everything = await PaperEventListener.StartAsync(pipeline.Infrastructure.AmqpUri, "paper.#");
        var id = DayIds[6];
        var stored = PublishedPaperStore.Deserialize((await StoredAsync(id)).Record, PaperEvents.Published);
        var bus = pipeline.Hosts.Publish.Services.GetRequiredService<MassTransit.IBus>();
        const string consumedSql = "SELECT count(*) FROM publish.inbox_records WHERE consumer = 'publish'";
        async Task SendAsync(long sequence, string abstractText)
        {
            var consumed = await pipeline.Infrastructure.ScalarAsync<long>(consumedSql);
            await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [Classified(stored, sequence, abstractText)] }, TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(async () => await pipeline.Infrastructure.ScalarAsync<long>(consumedSql) > consumed, Timeout, $"sequence {sequence} consumed");
        }

        // Parse's change 1000 (news), then a late change 999 (would move the paper back), then 1000 again (equal: processed).
        await SendAsync(1000, stored.Abstract + " Change 1000.");
        await SendAsync(999, stored.Abstract + " Change 999, late.");
        await pipeline.QuiesceAsync();
        Assert.Equal(
            (stored.Revision + 1, stored.Abstract + " Change 1000.", 1000L),
            await pipeline.Infrastructure.QueryAsync(
                "SELECT revision, abstract, parse_sequence FROM publish.papers WHERE paper_id = $1", r => (r.GetInt32(0), r.GetString(1), r.GetInt64(2)), id)
                .ContinueWith(t => t.Result.Single(), TaskScheduler.Default));
        await SendAsync(1000, stored.Abstract + " Change 1000, reclassified.");
        await pipeline.QuiesceAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var revisions = everything.Received.Where(e => e.PaperId == id).Select(e => e.Revision).Distinct().Order().ToList();
        Assert.Equal([stored.Revision + 1, stored.Revision + 2], revisions);
        var (revision, _, record) = await StoredAsync(id);
        Assert.Equal(stored.Revision + 2, revision);
        Assert.Equal(stored.Abstract + " Change 1000, reclassified.", JsonDocument.Parse(record).RootElement.GetProperty("abstract").GetString());
        Assert.DoesNotContain(everything.Received, e => e.PaperId == id && e.Message.Contains("Change 999", StringComparison.Ordinal));
    }

    [Fact, TestPriority(7)]
    public async Task Each_revision_is_recorded_with_its_stage_times_and_the_first_fetch_is_kept()
    {
        await PublishedAsync();
        var template = PublishedPaperStore.Deserialize((await StoredAsync(DayIds[7])).Record, PaperEvents.Published);
        const string id = "2499.00007";
        var t0 = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var bus = pipeline.Hosts.Publish.Services.GetRequiredService<MassTransit.IBus>();
        ClassifiedPaper At(long sequence, string abstractText, DateTimeOffset fetchedAt) => Classified(template, sequence, abstractText) is var c
            ? c with
            {
                Paper = c.Paper with { Id = id, FetchedAt = fetchedAt, ParsedAt = fetchedAt.AddSeconds(2) },
                ClassifiedAt = fetchedAt.AddSeconds(3),
            }
            : c;
        Task<long> RevisionsAsync() => pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.revisions WHERE paper_id = $1", id);

        await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [At(1, "First.", t0)] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await RevisionsAsync() == 1, Timeout, "the first publication");
        await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [At(2, "Second.", t0.AddHours(1))] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await RevisionsAsync() == 2, Timeout, "the second revision");
        // Upvotes only: stored, not a revision, no row.
        var upvoted = At(3, "Second.", t0.AddHours(2));
        await bus.Publish(new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [upvoted with { Paper = upvoted.Paper with { Upvotes = 99, ContentHash = "upvoted" } }] }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT parse_sequence FROM publish.papers WHERE paper_id = $1", id) == 3, Timeout, "the upvote refresh");
        await pipeline.QuiesceAsync();

        var rows = await pipeline.Infrastructure.QueryAsync(
            "SELECT revision, kind, changes, published_at, fetched_at, parsed_at, classified_at, trace_id FROM publish.revisions WHERE paper_id = $1 ORDER BY revision",
            r => (Revision: r.GetInt32(0), Kind: r.GetString(1), Changes: r.GetFieldValue<string[]>(2), PublishedAt: r.GetFieldValue<DateTimeOffset>(3),
                FetchedAt: r.GetFieldValue<DateTimeOffset>(4), ParsedAt: r.GetFieldValue<DateTimeOffset>(5), ClassifiedAt: r.GetFieldValue<DateTimeOffset>(6), TraceId: r.IsDBNull(7) ? null : r.GetString(7)),
            id);
        Assert.Equal([(1, PaperEvents.Published), (2, PaperEvents.Updated)], rows.Select(r => (r.Revision, r.Kind)));
        Assert.Empty(rows[0].Changes);
        Assert.Contains("abstract", rows[1].Changes);
        Assert.Equal([t0, t0.AddHours(1)], rows.Select(r => r.FetchedAt));
        Assert.Equal([t0.AddSeconds(2), t0.AddHours(1).AddSeconds(2)], rows.Select(r => r.ParsedAt));
        Assert.Equal([t0.AddSeconds(3), t0.AddHours(1).AddSeconds(3)], rows.Select(r => r.ClassifiedAt));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.TraceId)));

        var paper = (await pipeline.Infrastructure.QueryAsync(
            "SELECT revision, first_fetched_at, first_published_at, last_published_at, parse_sequence FROM publish.papers WHERE paper_id = $1",
            r => (Revision: r.GetInt32(0), FirstFetchedAt: r.GetFieldValue<DateTimeOffset>(1), FirstPublishedAt: r.GetFieldValue<DateTimeOffset>(2), LastPublishedAt: r.GetFieldValue<DateTimeOffset>(3), Sequence: r.GetInt64(4)),
            id)).Single();
        Assert.Equal((2, t0, 3L), (paper.Revision, paper.FirstFetchedAt, paper.Sequence));
        Assert.Equal(rows[0].PublishedAt, paper.FirstPublishedAt);
        Assert.Equal(rows[1].PublishedAt, paper.LastPublishedAt);
    }

    /// <summary>A classified paper like <paramref name="stored"/> with Parse's sequence and another abstract.</summary>
    private static ClassifiedPaper Classified(PaperEvent stored, long sequence, string abstractText) => new()
    {
        Paper = new PaperRecord
        {
            Id = stored.PaperId, Version = stored.Version, Title = stored.Title, Abstract = abstractText, Authors = stored.Authors,
            SourceId = "test", ContentHash = $"{abstractText}:{sequence}", Sequence = sequence,
        },
        Enrichment = new PaperEnrichment
        {
            EnrichmentVersion = stored.EnrichmentVersion, Topics = stored.Topics, CodeUrls = stored.CodeUrls, HuggingFaceUrls = stored.HuggingFaceUrls,
        },
    };
}
