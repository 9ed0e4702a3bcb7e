using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.Parsing;

namespace Pipeline.IntegrationTests;

/// <summary>
/// A recorded Hugging Face day flows fetch → parse → classify → publish over the real RabbitMQ into the real
/// PostgreSQL. Tests run in order against one pipeline.
/// </summary>
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class EndToEndTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static List<string> DayIds(string file) =>
        PayloadParser.Parse(File.ReadAllBytes(file), "hf-daily").Papers.Select(p => p.Id).Distinct().Order(StringComparer.Ordinal).ToList();

    private Task<long> PublishedCountAsync(List<string> ids) =>
        pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE paper_id = ANY($1)", (object)ids.ToArray());

    [Fact, TestPriority(1)]
    public async Task Every_paper_of_a_day_is_published_with_topics_once_per_paper_in_one_trace()
    {
        var ids = DayIds(TestFiles.HfDay(PipelineFixture.HfDay));
        Assert.Equal(18, ids.Count);

        await Eventually.TrueAsync(async () => await PublishedCountAsync(ids) == ids.Count, Timeout, "every paper of the day in publish.papers");
        await Eventually.TrueAsync(
            () => Task.FromResult(pipeline.AllEvents.Received.Select(e => e.PaperId).Distinct().Count() >= ids.Count),
            Timeout, "a PaperPublished per paper");

        // Stored: every paper with its topics, as parsed and as enriched.
        var published = await pipeline.Infrastructure.QueryAsync(
            "SELECT paper_id, topics, revision, trace_id FROM publish.papers WHERE paper_id = ANY($1)",
            r => (Id: r.GetString(0), Topics: (string[])r[1], Revision: r.GetInt32(2), TraceId: r.GetString(3)),
            (object)ids.ToArray());
        Assert.Equal(ids, published.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.All(published, p => Assert.NotEmpty(p.Topics));
        Assert.All(published, p => Assert.Equal(1, p.Revision));

        // Events: exactly one publication per paper, a copy per topic on its own routing key.
        var events = pipeline.AllEvents.Received.Where(e => ids.Contains(e.PaperId)).ToList();
        Assert.Equal(ids.Count, events.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.All(events, e => Assert.Contains(e.RoutingKey["paper.published.".Length..], e.Topics));
        foreach (var paper in published)
        {
            Assert.Equal(paper.Topics.Order(StringComparer.Ordinal), events.Where(e => e.PaperId == paper.Id).Select(e => e.RoutingKey["paper.published.".Length..]).Order(StringComparer.Ordinal));
        }

        // A consumer bound to one topic gets exactly that topic's papers.
        var multimodal = published.Where(p => p.Topics.Contains(PipelineFixture.MultimodalTopic)).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(multimodal);
        await Eventually.TrueAsync(() => Task.FromResult(pipeline.MultimodalEvents.Received.Count(e => ids.Contains(e.PaperId)) >= multimodal.Count), Timeout, "multimodal events");
        Assert.Equal(multimodal, pipeline.MultimodalEvents.Received.Where(e => ids.Contains(e.PaperId)).Select(e => e.PaperId).Order(StringComparer.Ordinal));

        // One trace per paper from fetch to publish: the trace stored at every stage is the fetch's, and the spans
        // of the fetch, of each consumer and of the final publish carry it.
        var traces = await pipeline.Infrastructure.QueryAsync(
            """
            SELECT p.id, d.trace_id, p.trace_id, c.trace_id, pub.trace_id
            FROM parse.papers p
            JOIN fetcher.documents d ON d.id = p.document_id
            JOIN classify.enrichments c ON c.paper_id = p.id
            JOIN publish.papers pub ON pub.paper_id = p.id
            WHERE p.id = ANY($1)
            """,
            r => (Id: r.GetString(0), Fetch: r.GetString(1), Parse: r.GetString(2), Classify: r.GetString(3), Publish: r.GetString(4)),
            (object)ids.ToArray());
        Assert.Equal(ids.Count, traces.Count);
        foreach (var t in traces)
        {
            Assert.Equal(t.Fetch, t.Parse);
            Assert.Equal(t.Fetch, t.Classify);
            Assert.Equal(t.Fetch, t.Publish);
        }

        foreach (var traceId in traces.Select(t => t.Fetch).Distinct())
        {
            var spans = pipeline.Spans.Spans.Where(s => s.TraceId == traceId).ToList();
            Assert.Contains(spans, s => s.Source == "Pipeline" && s.Name.StartsWith("fetch ", StringComparison.Ordinal));
            foreach (var message in new[] { nameof(DocumentFetched), nameof(PapersParsed), nameof(PapersClassified) })
            {
                Assert.Contains(spans, s => s.Source == "MassTransit" && s.Kind == ActivityKind.Consumer && MessageTypes(s).Contains(message, StringComparison.Ordinal));
            }

            Assert.Contains(spans, s => s.Source == "MassTransit" && s.Kind == ActivityKind.Producer && MessageTypes(s).Contains(nameof(PaperPublished), StringComparison.Ordinal));
        }
    }

    [Fact, TestPriority(2)]
    public async Task Ingesting_the_same_day_again_adds_no_rows_and_publishes_nothing()
    {
        var ids = DayIds(TestFiles.HfDay(PipelineFixture.HfDay));
        await Eventually.TrueAsync(async () => await PublishedCountAsync(ids) == ids.Count, Timeout, "the first ingest");
        var requestsBefore = pipeline.HfServer.Requests.Count;
        var documents = await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents");
        var papers = await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.papers");
        await pipeline.QuiesceAsync();
        var eventsBefore = pipeline.AllEvents.Received.Count;

        await pipeline.PollNowAsync(PipelineFixture.HfSourceId);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // Fetched again, conditionally: the server's ETag came back and it answered 304 Not Modified.
        var again = pipeline.HfServer.Requests.Skip(requestsBefore).Where(r => r.Date == PipelineFixture.HfDay).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, r => Assert.Equal(304, r.Status));
        Assert.Equal(documents, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents"));
        Assert.Equal(papers, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.papers"));
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE revision > 1"));
        Assert.Equal(eventsBefore, pipeline.AllEvents.Received.Count);
    }

    [Fact, TestPriority(3)]
    public async Task A_redelivered_document_changes_nothing()
    {
        var ids = DayIds(TestFiles.HfDay(PipelineFixture.HfDay));
        await Eventually.TrueAsync(async () => await PublishedCountAsync(ids) == ids.Count, Timeout, "the first ingest");
        var document = (await pipeline.Infrastructure.QueryAsync(
            "SELECT id, source_id, url, content_hash, content_length, format FROM fetcher.documents WHERE source_id = $1",
            r => new DocumentFetched { DocumentId = r.GetGuid(0), SourceId = r.GetString(1), Url = r.GetString(2), ContentHash = r.GetString(3), ContentLength = r.GetInt64(4), Format = r.GetString(5), FetchedAt = DateTimeOffset.UtcNow },
            PipelineFixture.HfSourceId)).Single();
        await pipeline.QuiesceAsync();
        var eventsBefore = pipeline.AllEvents.Received.Count;

        // As if the broker delivered the announcement a second time (another MessageId, same document).
        await pipeline.Hosts.Fetch.Services.GetRequiredService<IBus>().Publish(document, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key = $1", document.DocumentId.ToString()) == 1,
            Timeout, "the parse inbox record");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(eventsBefore, pipeline.AllEvents.Received.Count);
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.outbox_messages"));
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE revision > 1"));
    }

    [Fact, TestPriority(4)]
    public async Task A_malformed_payload_is_recorded_with_its_reason_and_the_rest_goes_on()
    {
        File.Copy(TestFiles.HfDay("2024-12-11"), Path.Combine(pipeline.DropFolder, "2024-12-11.json"));
        File.Copy(TestFiles.HfDay("2025-06-05"), Path.Combine(pipeline.DropFolder, "2025-06-05.json"));
        var good = DayIds(TestFiles.HfDay("2025-06-05"));

        await pipeline.PollNowAsync(PipelineFixture.DropSourceId);

        await Eventually.TrueAsync(async () => await PublishedCountAsync(good) == good.Count, Timeout, "the good day's papers");
        var rejections = await pipeline.Infrastructure.QueryAsync(
            "SELECT r.reason, d.url FROM parse.rejected_documents r JOIN fetcher.documents d ON d.id = r.document_id WHERE r.source_id = $1",
            r => (Reason: r.GetString(0), Url: r.GetString(1)),
            PipelineFixture.DropSourceId);
        var rejection = Assert.Single(rejections);
        Assert.EndsWith("2024-12-11.json", rejection.Url, StringComparison.Ordinal);
        Assert.Contains("Python repr() strings", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.sources WHERE id = $1 AND consecutive_failures > 0", PipelineFixture.DropSourceId));
    }

    [Fact, TestPriority(5)]
    public async Task Reparsing_stored_documents_reruns_parse_and_publishes_only_changes()
    {
        var good = DayIds(TestFiles.HfDay("2025-06-05"));
        await Eventually.TrueAsync(async () => await PublishedCountAsync(good) == good.Count, Timeout, "the drop folder's good day");
        var rejectedBefore = await pipeline.Infrastructure.ScalarAsync<DateTime>("SELECT rejected_at FROM parse.rejected_documents WHERE source_id = $1", PipelineFixture.DropSourceId);
        await pipeline.QuiesceAsync();
        var eventsBefore = pipeline.AllEvents.Received.Count;
        var documents = await pipeline.Infrastructure.QueryAsync(
            "SELECT id, source_id, url, content_hash, content_length, format FROM fetcher.documents WHERE source_id = $1",
            r => new DocumentFetched { DocumentId = r.GetGuid(0), SourceId = r.GetString(1), Url = r.GetString(2), ContentHash = r.GetString(3), ContentLength = r.GetInt64(4), Format = r.GetString(5), FetchedAt = DateTimeOffset.UtcNow, Reparse = true },
            PipelineFixture.DropSourceId);
        Assert.Equal(2, documents.Count);

        // What `pipeline reparse --source drop-test` does: announce the stored documents again through Fetch's outbox.
        await using (var scope = pipeline.Hosts.Fetch.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pipeline.Fetch.Persistence.FetchDbContext>();
            foreach (var document in documents)
            {
                Pipeline.Persistence.OutboxExtensions.Enqueue(db, document);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE '%:reparse:%'") == 2,
            Timeout, "both documents parsed again");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        var rejectedAfter = await pipeline.Infrastructure.ScalarAsync<DateTime>("SELECT rejected_at FROM parse.rejected_documents WHERE source_id = $1", PipelineFixture.DropSourceId);
        Assert.True(rejectedAfter > rejectedBefore, "the malformed day was judged again");
        Assert.Equal(1L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.rejected_documents WHERE source_id = $1", PipelineFixture.DropSourceId));
        Assert.Equal(eventsBefore, pipeline.AllEvents.Received.Count);
    }

    [Fact, TestPriority(6)]
    public async Task Reclassifying_with_the_same_classifier_publishes_nothing_and_the_enrichment_is_stored_whole()
    {
        var ids = DayIds(TestFiles.HfDay(PipelineFixture.HfDay));
        await Eventually.TrueAsync(async () => await PublishedCountAsync(ids) == ids.Count, Timeout, "the first ingest");

        // Enrichment beyond topics is stored and published: versions, models/benchmarks where the text names them.
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM classify.enrichments WHERE enrichment_version IS NULL OR enrichment = '{}'::jsonb"));
        var record = await pipeline.Infrastructure.ScalarAsync<string>("SELECT record::text FROM publish.papers WHERE paper_id = $1", ids[0]);
        using (var json = System.Text.Json.JsonDocument.Parse(record!))
        {
            foreach (var field in new[] { "baseModels", "benchmarks", "scores", "languages", "paramSizes", "categories", "sources", "provenance", "enrichmentVersion" })
            {
                Assert.True(json.RootElement.TryGetProperty(field, out _), $"the published record has '{field}'");
            }
        }

        await pipeline.QuiesceAsync();
        var eventsBefore = pipeline.AllEvents.Received.Count;
        var classifiedBefore = await pipeline.Infrastructure.ScalarAsync<DateTime>("SELECT max(classified_at) FROM classify.enrichments");
        var consumedBefore = await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM classify.inbox_records");

        // What `pipeline reclassify` does: send the stored papers through Classify again via Parse's outbox.
        await using (var scope = pipeline.Hosts.Parse.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Pipeline.Parse.Persistence.ParseDbContext>();
            var records = await new Pipeline.Parse.Persistence.PaperStore(db, TimeProvider.System).LoadRecordsAsync(ids, TestContext.Current.CancellationToken);
            Assert.Equal(ids.Count, records.Count);
            Pipeline.Persistence.OutboxExtensions.Enqueue(db, new PapersParsed { DocumentId = Guid.NewGuid(), Batch = 0, Papers = records });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(
            async () => await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM classify.inbox_records") > consumedBefore,
            Timeout, "the reclassify batch to be consumed");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(eventsBefore, pipeline.AllEvents.Received.Count);
        Assert.Equal(classifiedBefore, await pipeline.Infrastructure.ScalarAsync<DateTime>("SELECT max(classified_at) FROM classify.enrichments"));
        Assert.Equal(0L, await pipeline.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE revision > 1"));
    }

    private static string MessageTypes(SpanCollector.Span span) =>
        string.Join(' ', span.Tags.Where(t => t.Key.Contains("message", StringComparison.Ordinal)).Select(t => t.Value) .Append(span.Name));
}
