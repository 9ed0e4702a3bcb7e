using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.Embed.Lane;
using Pipeline.Embed.Persistence;
using Pipeline.IntegrationTests;
using Pipeline.Parsing;

namespace Pipeline.Embed.Tests;

/// <summary>
/// Two recorded HF days flow through the real pipeline; the Embed service, on its own queue, embeds every paper
/// off the publishing path and relates it to the most similar stored papers. Runs once per search mode.
/// </summary>
[TestCaseOrderer(typeof(DeclarationOrderer))]
public abstract class RelatedPapersTests(EmbedPipelineFixture pipeline)
{
    private const int TopK = 10;
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(120);

    // Embedding is slow (tens of papers per second on 2 cores, shared with other test classes).
    private static readonly TimeSpan EmbedTimeout = TimeSpan.FromSeconds(300);

    protected EmbedPipelineFixture Pipeline => pipeline;

    /// <summary>The mode this fixture's database allows.</summary>
    protected abstract Task<SearchMode> ExpectedModeAsync();

    internal static List<string> AllIds() =>
    [
        .. EmbedPipelineFixture.Days
            .SelectMany(day => PayloadParser.Parse(File.ReadAllBytes(TestFiles.HfDay(day)), "hf-daily").Papers.Select(p => p.Id))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    [Fact, TestPriority(1)]
    public async Task Papers_are_published_whatever_the_embedding_lane_has_done()
    {
        var ids = AllIds();
        Assert.Equal(48, ids.Count);
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count,
            PublishTimeout, "every paper in publish.papers");
    }

    [Fact, TestPriority(2)]
    public async Task The_lane_reports_its_search_mode()
    {
        var state = pipeline.Embed.Services.GetRequiredService<EmbedLaneState>();
        var mode = await state.ModeDecided.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(await ExpectedModeAsync(), mode);

        var address = pipeline.Embed.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var status = await http.GetFromJsonAsync<EmbedStatus>("/embed/status", TestContext.Current.CancellationToken);
        Assert.Equal(mode.ToString().ToUpperInvariant(), status!.Mode.ToUpperInvariant());
        Assert.Equal(MiniLmTextEncoder.ModelName, status.Model);
        using var ready = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.True(ready.IsSuccessStatusCode, $"/health/ready answered {(int)ready.StatusCode}");
    }

    [Fact, TestPriority(3)]
    public async Task Every_paper_gets_an_embedding_and_k_related_papers()
    {
        var ids = AllIds();
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.embeddings WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count
                && await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.pending") == 0,
            EmbedTimeout, "an embedding for every paper and nothing pending");

        var embeddings = (await pipeline.QueryAsync(
            "SELECT paper_id, vector, model, text_hash, trace_id, related_incomplete FROM embed.embeddings WHERE paper_id = ANY($1)",
            r => (Id: r.GetString(0), Vector: r.GetFieldValue<float[]>(1), Model: r.GetString(2), Hash: r.GetString(3), TraceId: r.IsDBNull(4) ? null : r.GetString(4), Incomplete: r.GetBoolean(5)),
            (object)ids.ToArray())).ToDictionary(e => e.Id, StringComparer.Ordinal);
        Assert.All(embeddings.Values, e =>
        {
            Assert.Equal(MiniLmTextEncoder.VectorDimensions, e.Vector.Length);
            Assert.Equal(1, Math.Sqrt(e.Vector.Sum(x => (double)x * x)), 3);
            Assert.Equal(MiniLmTextEncoder.ModelName, e.Model);
            Assert.Equal(32, e.Hash.Length);
            Assert.False(e.Incomplete, $"{e.Id}: related list marked incomplete");
        });

        var related = await pipeline.QueryAsync(
            "SELECT paper_id, related_id, similarity FROM embed.related WHERE paper_id = ANY($1) ORDER BY paper_id, similarity DESC",
            r => (Id: r.GetString(0), Related: r.GetString(1), Similarity: r.GetDouble(2)),
            (object)ids.ToArray());
        var lists = related.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var recalled = 0;
        var topOneAgrees = 0;
        foreach (var id in ids)
        {
            Assert.True(lists.TryGetValue(id, out var list), $"{id} has no related papers");
            Assert.Equal(TopK, list.Count);
            Assert.DoesNotContain(list, r => r.Related == id);
            Assert.Equal(list.Count, list.Select(r => r.Related).Distinct().Count());
            Assert.All(list, r => Assert.InRange(r.Similarity, double.Epsilon, 1));
            Assert.Equal(list.Select(r => r.Similarity).OrderDescending(), list.Select(r => r.Similarity));

            // Each stored similarity is the cosine of the stored vectors, and the list agrees with a brute-force top-k.
            var vector = embeddings[id].Vector;
            Assert.All(list, r => Assert.Equal(Similarity.Cosine(vector, embeddings[r.Related].Vector), r.Similarity, 4));
            var exact = Similarity.TopK(vector, embeddings.Values.Select(e => (e.Id, e.Vector)), TopK, 0, id);
            topOneAgrees += exact[0].PaperId == list[0].Related ? 1 : 0;
            recalled += exact.Count(n => list.Any(r => r.Related == n.PaperId));
        }

        // Lists are built incrementally (a paper's own search plus later papers' offers): nearly exact.
        var recall = recalled / (double)(ids.Count * TopK);
        Assert.True(recall >= 0.9, $"recall@{TopK} against brute force is {recall:0.000}");
        // Incremental lists are nearly, not exactly, the brute-force ones (papers embedded concurrently in other
        // batches can miss each other): the nearest neighbour must agree for almost every paper, not for each.
        Assert.True(topOneAgrees >= 0.9 * ids.Count, $"the nearest neighbour agrees with brute force for {topOneAgrees} of {ids.Count} papers");
    }

    [Fact, TestPriority(4)]
    public async Task Each_embedded_papers_related_list_is_stored_in_its_record_without_a_new_revision()
    {
        var ids = AllIds();
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.related WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count
                && await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.outbox_messages") == 0,
            EmbedTimeout, "every paper's related list stored by Publish");

        var records = await pipeline.QueryAsync(
            "SELECT paper_id, revision, kind, record::text, first_published_at = last_published_at FROM publish.papers WHERE paper_id = ANY($1)",
            r => (Id: r.GetString(0), Revision: r.GetInt32(1), Kind: r.GetString(2), Record: r.GetString(3), NeverMoved: r.GetBoolean(4)),
            (object)ids.ToArray());
        Assert.Equal(ids.Count, records.Count);
        foreach (var paper in records)
        {
            using var json = System.Text.Json.JsonDocument.Parse(paper.Record);
            var related = json.RootElement.GetProperty("related").EnumerateArray()
                .Select(r => (Id: r.GetProperty("paperId").GetString()!, Similarity: r.GetProperty("similarity").GetDouble()))
                .ToList();
            Assert.NotEmpty(related);
            Assert.InRange(related.Count, 1, TopK);
            Assert.DoesNotContain(related, r => r.Id == paper.Id);
            Assert.Equal(related.Select(r => r.Similarity).OrderDescending(), related.Select(r => r.Similarity));
            Assert.All(related, r => Assert.Contains(r.Id, ids));

            // Whether the list arrived after the first publication or before it, the paper keeps its first revision
            // and publication time: a related list is derived data, not news (it goes out as RelatedPapersUpdated).
            var changes = json.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.True(
                paper.Revision == 1 && paper.Kind == PaperEvents.Published && changes.Count == 0 && paper.NeverMoved,
                $"{paper.Id}: revision {paper.Revision}, kind {paper.Kind}, changes [{string.Join(", ", changes)}], last_published_at moved: {!paper.NeverMoved}");
        }
    }

    [Fact, TestPriority(4)]
    public async Task Each_paper_is_announced_once_per_topic_and_its_related_list_only_on_related_keys()
    {
        var ids = AllIds();
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.related WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count
                && await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.outbox_messages") == 0
                && await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.pending") == 0,
            EmbedTimeout, "the related lane finished and Publish's outbox drained");
        var topics = (await pipeline.QueryAsync(
                "SELECT paper_id, topics FROM publish.papers WHERE paper_id = ANY($1)", r => (Id: r.GetString(0), Topics: (string[])r[1]), (object)ids.ToArray()))
            .ToDictionary(p => p.Id, p => p.Topics.Length == 0 ? [PaperEvents.NoTopic] : p.Topics.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Assert.Equal(ids.Count, topics.Count);
        var expected = topics.Values.Sum(t => t.Length);
        await Eventually.TrueAsync(() => Task.FromResult(pipeline.PaperEvents.Received.Count >= expected), PublishTimeout, "every first publication received");
        await ReceivedSettledAsync(pipeline.PaperEvents);

        // Exactly one PaperPublished per paper and topic; nothing on paper.updated.* or paper.withdrawn.*.
        var events = pipeline.PaperEvents.Received.ToList();
        Assert.All(events, e => Assert.Contains(e.PaperId, ids));
        Assert.DoesNotContain(events, e => e.Kind != PaperEvents.Published);
        foreach (var (id, paperTopics) in topics)
        {
            var mine = events.Where(e => e.PaperId == id).ToList();
            Assert.Equal(paperTopics.Select(t => $"paper.published.{t}"), mine.Select(e => e.RoutingKey).Order(StringComparer.Ordinal));
            Assert.Single(mine.Select(e => e.IdempotencyKey).Distinct());
        }

        // A list computed after the paper's first publication reached Publish after it, so it went out as a
        // RelatedPapersUpdated (each paper is embedded once here: its stored list is its only one).
        var late = await pipeline.QueryAsync(
            "SELECT r.paper_id FROM publish.related r JOIN publish.papers p ON p.paper_id = r.paper_id WHERE r.computed_at > p.first_published_at AND r.paper_id = ANY($1)",
            r => r.GetString(0),
            (object)ids.ToArray());
        await Eventually.TrueAsync(
            () => Task.FromResult(late.All(id => pipeline.RelatedEvents.Received.Any(e => e.PaperId == id))),
            PublishTimeout, $"a RelatedPapersUpdated for each of the {late.Count} papers whose list came after their publication");

        // Related lists went to the related keys only, one per topic of the paper.
        Assert.All(pipeline.RelatedEvents.Received, e =>
        {
            Assert.StartsWith("related.updated.", e.RoutingKey, StringComparison.Ordinal);
            Assert.Contains(e.RoutingKey["related.updated.".Length..], topics[e.PaperId]);
        });
    }

    /// <summary>Waits until the listener has received nothing new for a moment (the broker has delivered what was sent).</summary>
    private static async Task ReceivedSettledAsync(PaperEventListener listener)
    {
        var last = -1;
        while (listener.Received.Count != last)
        {
            last = listener.Received.Count;
            await Task.Delay(1500);
        }
    }

    [Fact, TestPriority(4)]
    public async Task The_embedding_carries_the_trace_of_its_paper()
    {
        var traces = await pipeline.QueryAsync(
            "SELECT e.paper_id, e.trace_id, p.trace_id FROM embed.embeddings e JOIN publish.papers p ON p.paper_id = e.paper_id",
            r => (Id: r.GetString(0), Embed: r.IsDBNull(1) ? null : r.GetString(1), Publish: r.IsDBNull(2) ? null : r.GetString(2)));
        Assert.Equal(48, traces.Count);
        Assert.All(traces, t =>
        {
            Assert.NotNull(t.Embed);
            Assert.Equal(t.Publish, t.Embed);
        });
    }

    [Fact, TestPriority(5)]
    public async Task A_changed_abstract_is_embedded_again_and_a_redelivered_message_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var bus = pipeline.Embed.Services.GetRequiredService<IBus>();
        const string changedId = "2406.07230";
        const string sentinelId = "2506.04108";

        async Task<(string Hash, DateTime EmbeddedAt)> EmbeddingOf(string id) => (await pipeline.QueryAsync(
            "SELECT text_hash, embedded_at FROM embed.embeddings WHERE paper_id = $1", r => (r.GetString(0), r.GetDateTime(1)), id)).Single();

        async Task<PapersClassified> ChangedAsync(string id, string addition)
        {
            var (title, @abstract) = (await pipeline.QueryAsync(
                "SELECT title, abstract FROM publish.papers WHERE paper_id = $1", r => (r.GetString(0), r.GetString(1)), id)).Single();
            var paper = new PaperRecord { Id = id, Title = title, Abstract = @abstract + addition, Authors = ["Test"], SourceId = "embed-test", ContentHash = Guid.NewGuid().ToString("N") };
            var enrichment = new PaperEnrichment { EnrichmentVersion = "test", Topics = [], CodeUrls = [], HuggingFaceUrls = [] };
            return new PapersClassified { DocumentId = Guid.NewGuid(), Batch = 0, Papers = [new ClassifiedPaper { Paper = paper, Enrichment = enrichment }] };
        }

        var changed = await ChangedAsync(changedId, " Code and data are released.");
        var expectedHash = EmbedText.Hash(EmbedText.Compose(changed.Papers[0].Paper.Title, changed.Papers[0].Paper.Abstract));
        var messageId = NewId.NextGuid();
        await bus.Publish(changed, c => c.MessageId = messageId, ct);
        await Eventually.TrueAsync(async () => (await EmbeddingOf(changedId)).Hash == expectedHash, EmbedTimeout, "the changed abstract's embedding");
        var first = await EmbeddingOf(changedId);
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.related WHERE paper_id = $1", changedId) == TopK,
            TimeSpan.FromSeconds(30), "the changed paper's related list");

        // The same message again (a redelivery), then another change as a sentinel: once the sentinel is embedded,
        // the redelivery has long been consumed, and it changed nothing.
        await bus.Publish(changed, c => c.MessageId = messageId, ct);
        var sentinel = await ChangedAsync(sentinelId, " An appendix was added.");
        var sentinelHash = EmbedText.Hash(EmbedText.Compose(sentinel.Papers[0].Paper.Title, sentinel.Papers[0].Paper.Abstract));
        await bus.Publish(sentinel, ct);
        await Eventually.TrueAsync(async () => (await EmbeddingOf(sentinelId)).Hash == sentinelHash, EmbedTimeout, "the sentinel's embedding");

        Assert.Equal(first, await EmbeddingOf(changedId));
        Assert.Equal(1, await pipeline.ScalarAsync<long>(
            "SELECT count(*) FROM embed.inbox_records WHERE consumer = 'embed' AND message_key = $1", messageId.ToString()));
        Assert.Equal(0, await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.pending"));
        Assert.Equal(TopK, await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.related WHERE paper_id = $1", changedId));
        Assert.Equal(0, await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.related WHERE paper_id = related_id"));
    }
}

/// <summary>Template1's database: pgvector where deploy/local/pgvector.sh installed the extension, else the fallback.</summary>
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class PgvectorRelatedPapersTests(PgvectorPipelineFixture pipeline) : RelatedPapersTests(pipeline), IClassFixture<PgvectorPipelineFixture>
{
    protected override async Task<SearchMode> ExpectedModeAsync() =>
        await Pipeline.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')")
            ? SearchMode.Pgvector
            : SearchMode.Fallback;

    [Fact, TestPriority(6)]
    public async Task Embed_UsePgvector_false_forces_the_fallback_on_the_same_database()
    {
        await using var scope = Pipeline.Embed.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmbedDbContext>();
        var (mode, reason) = await EmbeddingLane.DetectAsync(db, usePgvector: false, TestContext.Current.CancellationToken);
        Assert.Equal(SearchMode.Fallback, mode);
        Assert.Contains("UsePgvector", reason, StringComparison.Ordinal);
        Assert.Equal(await ExpectedModeAsync(), (await EmbeddingLane.DetectAsync(db, usePgvector: true, TestContext.Current.CancellationToken)).Mode);
    }
}

/// <summary>A database without the vector extension: the migration still runs and the lane computes cosine in C#.</summary>
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class FallbackRelatedPapersTests(NoExtensionPipelineFixture pipeline) : RelatedPapersTests(pipeline), IClassFixture<NoExtensionPipelineFixture>
{
    protected override Task<SearchMode> ExpectedModeAsync() => Task.FromResult(SearchMode.Fallback);

    [Fact, TestPriority(6)]
    public async Task Without_the_extension_the_schema_has_no_vec_column()
    {
        Assert.False(await Pipeline.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')"));
        Assert.False(await Pipeline.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'embed' AND table_name = 'embeddings' AND column_name = 'vec')"));
    }
}

/// <summary>With the lane off, publishing is complete and the embedding work waits in embed.pending.</summary>
public sealed class LaneDisabledTests(LaneDisabledPipelineFixture pipeline) : IClassFixture<LaneDisabledPipelineFixture>
{
    [Fact]
    public async Task Papers_are_published_and_recorded_as_pending_while_nothing_is_embedded()
    {
        var ids = RelatedPapersTests.AllIds();
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count,
            TimeSpan.FromSeconds(120), "every paper in publish.papers");
        await Eventually.TrueAsync(
            async () => await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.pending WHERE paper_id = ANY($1)", (object)ids.ToArray()) == ids.Count,
            TimeSpan.FromSeconds(60), "every paper recorded in embed.pending");

        Assert.Equal(SearchMode.Disabled, pipeline.Embed.Services.GetRequiredService<EmbedLaneState>().Mode);
        Assert.Equal(0, await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.embeddings"));
        Assert.Equal(0, await pipeline.ScalarAsync<long>("SELECT count(*) FROM embed.related"));
    }
}
