using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.IntegrationTests;

namespace Pipeline.Api.Tests;

/// <summary>The REST API against the real PostgreSQL (and RabbitMQ) after an end-to-end ingest.</summary>
[Collection(ApiTestGroup.Name)]
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class ApiTests(ApiFixture api)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A rejected document waits in the failures: the overview cannot be green.</summary>
    private static readonly string[] NotGreen = ["amber", "red"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var http = api.Client();
        using var response = await http.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("paperId").GetString()!)];

    [Fact, TestPriority(1)]
    public async Task Papers_page_through_every_published_paper()
    {
        var total = await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers");
        Assert.True(total >= ApiFixture.HfDayPapers);

        var seen = new List<string>();
        for (var page = 1; page <= (total + 6) / 7; page++)
        {
            var json = await GetJsonAsync($"/api/papers?pageSize=7&page={page}");
            Assert.Equal(total, json.GetProperty("total").GetInt64());
            seen.AddRange(Ids(json));
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct(StringComparer.Ordinal).Count());
        var beyond = await GetJsonAsync($"/api/papers?pageSize=7&page={total + 1}");
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(total, beyond.GetProperty("total").GetInt64());

        using var http = api.Client();
        foreach (var bad in new[] { "/api/papers?pageSize=0", "/api/papers?pageSize=5000", "/api/papers?page=0", "/api/papers?from=2024-07-01&to=2024-06-01", "/api/papers?from=yesterday" })
        {
            using var response = await http.GetAsync(bad, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode}");
        }
    }

    [Fact, TestPriority(2)]
    public async Task Filters_by_topic_source_date_code_model_and_benchmark_agree_with_the_database()
    {
        var topic = await api.Infrastructure.ScalarAsync<string>("SELECT t FROM publish.papers, unnest(topics) t GROUP BY t ORDER BY count(*) DESC, t LIMIT 1");
        Assert.NotNull(topic);
        var byTopic = await GetJsonAsync($"/api/papers?topic={Uri.EscapeDataString(topic)}&pageSize=100");
        Assert.Equal(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE $1 = ANY(topics)", topic), byTopic.GetProperty("total").GetInt64());
        Assert.All(byTopic.GetProperty("items").EnumerateArray(), i => Assert.Contains(topic, i.GetProperty("topics").EnumerateArray().Select(t => t.GetString())));

        var bySource = await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&pageSize=100");
        Assert.Equal(ApiFixture.HfDayPapers, bySource.GetProperty("total").GetInt64());
        Assert.Equal(0, (await GetJsonAsync("/api/papers?source=no-such-source")).GetProperty("total").GetInt64());

        var withCode = (await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&hasCode=true")).GetProperty("total").GetInt64();
        var withoutCode = (await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&hasCode=false")).GetProperty("total").GetInt64();
        Assert.Equal(ApiFixture.HfDayPapers, withCode + withoutCode);
        Assert.Equal(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE has_code AND $1 = ANY(source_ids)", ApiFixture.HfSourceId), withCode);

        // Date range over the arXiv date: one day, the whole span, and a span with nothing in it.
        var day = await api.Infrastructure.ScalarAsync<DateTime>("SELECT min(arxiv_published_at) FROM publish.papers WHERE $1 = ANY(source_ids)", ApiFixture.HfSourceId);
        var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var onDay = await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&from={dayText}&to={dayText}&pageSize=100");
        Assert.Equal(
            await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE $1 = ANY(source_ids) AND COALESCE(arxiv_published_at, listed_at)::date = $2::date", ApiFixture.HfSourceId, day.Date),
            onDay.GetProperty("total").GetInt64());
        Assert.True(onDay.GetProperty("total").GetInt64() > 0);
        Assert.Equal(ApiFixture.HfDayPapers, (await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&from=2000-01-01&to=2100-01-01")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await GetJsonAsync($"/api/papers?source={ApiFixture.HfSourceId}&from=1990-01-01&to=1990-12-31")).GetProperty("total").GetInt64());

        // Base models and benchmarks: whatever the classifier found, plus a paper that names both for sure.
        await TestPapers.InsertAsync(api, "2401.99901", "A filter test on LoRA for Llama", "Fine-tuning Llama with LoRA, evaluated on GSM8K.", ["peft"], ["llama"], ["gsm8k"]);
        foreach (var (parameter, column) in new[] { ("model", "base_models"), ("benchmark", "benchmarks") })
        {
            var values = await api.Infrastructure.QueryAsync($"SELECT DISTINCT v FROM publish.papers, unnest({column}) v", r => r.GetString(0));
            Assert.NotEmpty(values);
            foreach (var value in values)
            {
                var json = await GetJsonAsync($"/api/papers?{parameter}={Uri.EscapeDataString(value)}&pageSize=100");
                Assert.Equal(await api.Infrastructure.ScalarAsync<long>($"SELECT count(*) FROM publish.papers WHERE $1 = ANY({column})", value), json.GetProperty("total").GetInt64());
            }
        }

        var both = await GetJsonAsync("/api/papers?model=llama&benchmark=gsm8k&topic=peft");
        Assert.Contains("2401.99901", Ids(both));
    }

    [Fact, TestPriority(3)]
    public async Task Full_text_search_finds_a_paper_by_a_word_of_its_abstract_and_ranks_by_relevance()
    {
        var (id, word) = await AbstractWordAsync(api);
        var json = await GetJsonAsync($"/api/papers?q={Uri.EscapeDataString(word)}");
        Assert.Contains(id, Ids(json));
        var ranks = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rank").GetDouble()).ToList();
        Assert.All(ranks, r => Assert.True(r > 0));
        Assert.Equal(ranks.OrderByDescending(r => r), ranks);

        // Web-search syntax: a word that is nowhere finds nothing; excluding the word drops the paper.
        Assert.Equal(0, (await GetJsonAsync("/api/papers?q=zyxwvutsrq")).GetProperty("total").GetInt64());
        var excluded = await GetJsonAsync($"/api/papers?q={Uri.EscapeDataString($"-{word}")}&pageSize=100");
        Assert.DoesNotContain(id, Ids(excluded));
    }

    /// <summary>A paper of the recorded day and a long word of its abstract that few other abstracts contain.</summary>
    internal static async Task<(string Id, string Word)> AbstractWordAsync(ApiFixture api)
    {
        var papers = await api.Infrastructure.QueryAsync(
            "SELECT paper_id, abstract FROM publish.papers WHERE $1 = ANY(source_ids) ORDER BY paper_id",
            r => (Id: r.GetString(0), Abstract: r.GetString(1)),
            ApiFixture.HfSourceId);
        foreach (var (id, text) in papers)
        {
            foreach (var word in text.Split([' ', ',', '.', ';', ':', '(', ')', '"', '\n'], StringSplitOptions.RemoveEmptyEntries)
                         .Where(w => w.Length >= 9 && w.All(char.IsAsciiLetterLower)).Distinct(StringComparer.Ordinal))
            {
                if (await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE search @@ plainto_tsquery('english', $1)", word) is > 0 and <= 2)
                {
                    return (id, word);
                }
            }
        }

        throw new InvalidOperationException("no distinctive abstract word in the recorded day");
    }

    [Fact, TestPriority(4)]
    public async Task Reads_carry_ETags_and_answer_304_when_nothing_changed()
    {
        var id = await api.Infrastructure.ScalarAsync<string>("SELECT paper_id FROM publish.papers WHERE $1 = ANY(source_ids) ORDER BY paper_id LIMIT 1", ApiFixture.HfSourceId);
        using var http = api.Client();
        foreach (var url in new[] { "/api/papers?pageSize=5", $"/api/papers/{id}", "/api/sources", "/api/failures", "/api/filters" })
        {
            using var first = await http.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await http.SendAsync(again, Ct);
            Assert.True(notModified.StatusCode == HttpStatusCode.NotModified, $"{url}: {(int)notModified.StatusCode}");
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

            using var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
            using var changed = await http.SendAsync(stale, Ct);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        // A change gives a new ETag.
        using var before = await http.GetAsync("/api/papers?pageSize=1", Ct);
        await TestPapers.InsertAsync(api, "2401.99902", "An ETag test paper", "Nothing to see.", ["applications"]);
        using var after = await http.GetAsync("/api/papers?pageSize=1", Ct);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact, TestPriority(5)]
    public async Task A_paper_has_its_timeline_topics_with_evidence_provenance_related_papers_and_trace()
    {
        var (id, title, traceId) = (await api.Infrastructure.QueryAsync(
            "SELECT paper_id, title, trace_id FROM publish.papers WHERE $1 = ANY(source_ids) ORDER BY jsonb_array_length(jsonb_path_query_array(record, 'lax $.**.evidence[*]')) DESC, paper_id LIMIT 1",
            r => (r.GetString(0), r.GetString(1), r.GetString(2)),
            ApiFixture.HfSourceId))[0];
        var paper = await GetJsonAsync($"/api/papers/{id}");
        Assert.Equal(id, paper.GetProperty("paperId").GetString());
        Assert.Equal(title, paper.GetProperty("title").GetString());
        Assert.Equal(traceId, paper.GetProperty("traceId").GetString());
        Assert.Equal($"http://127.0.0.1:16686/trace/{traceId}", paper.GetProperty("traceUrl").GetString());

        var timeline = paper.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["fetched", "parsed", "classified", "published"], timeline.Select(s => s.GetProperty("stage").GetString()));
        var times = timeline.Select(s => s.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(timeline.Skip(1), s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("sincePrevious").ValueKind));
        Assert.Equal(times[^1] - times[0], TimeSpan.Parse(paper.GetProperty("endToEnd").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        // The published step is the first publication, from its revision row.
        Assert.Equal(
            await api.Infrastructure.ScalarAsync<DateTime>("SELECT published_at FROM publish.revisions WHERE paper_id = $1 AND revision = 1", id),
            times[3].UtcDateTime);
        Assert.Equal(await api.Infrastructure.ScalarAsync<DateTime>("SELECT first_published_at FROM publish.papers WHERE paper_id = $1", id), times[3].UtcDateTime);

        var topics = paper.GetProperty("topics").EnumerateArray().ToList();
        Assert.NotEmpty(topics);
        Assert.Equal(
            await api.Infrastructure.ScalarAsync<string[]>("SELECT topics FROM publish.papers WHERE paper_id = $1", id),
            topics.Select(t => t.GetProperty("id").GetString()!).ToArray());
        // Scores and evidence as the classifier recorded them in the published event.
        var recorded = JsonDocument.Parse((await api.Infrastructure.ScalarAsync<string>("SELECT COALESCE(record->'topics', record->'Topics')::text FROM publish.papers WHERE paper_id = $1", id))!).RootElement.EnumerateArray().ToList();
        static JsonElement P(JsonElement e, string name) => e.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Equal(recorded.Select(t => P(t, "score").GetDouble()), topics.Select(t => t.GetProperty("score").GetDouble()));
        Assert.Equal(recorded.Select(t => P(t, "evidence").GetArrayLength()), topics.Select(t => t.GetProperty("evidence").GetArrayLength()));
        Assert.NotEmpty(topics.SelectMany(t => t.GetProperty("evidence").EnumerateArray()));
        Assert.All(topics.SelectMany(t => t.GetProperty("evidence").EnumerateArray()), e => Assert.NotEmpty(e.GetProperty("phrase").GetString()!));
        Assert.Contains(paper.GetProperty("provenance").EnumerateArray(), p => p.GetProperty("field").GetString() == "title" && p.GetProperty("source").GetString() == ApiFixture.HfSourceId);
        Assert.Equal(1, paper.GetProperty("versions").GetProperty("revision").GetInt32());

        // No embedding lane here: the related list is pending until one is stored, then it is the lane's list.
        Assert.True(paper.GetProperty("relatedPending").GetBoolean());
        Assert.Empty(paper.GetProperty("related").EnumerateArray());
        var others = await api.Infrastructure.QueryAsync(
            "SELECT paper_id, title, topics FROM publish.papers WHERE $1 = ANY(source_ids) AND paper_id <> $2 ORDER BY paper_id LIMIT 2",
            r => (Id: r.GetString(0), Title: r.GetString(1), Topics: r.GetFieldValue<string[]>(2)),
            ApiFixture.HfSourceId, id);
        const string unpublished = "2499.99998";
        await api.Hosts.Publish.Services.GetRequiredService<IBus>().Publish(
            new RelatedPapersComputed
            {
                Papers = [new PaperRelations(id, "test-model", [new RelatedPaperRef(others[0].Id, "", 0.91), new RelatedPaperRef(others[1].Id, "", 0.82), new RelatedPaperRef(unpublished, "", 0.73)], DateTimeOffset.UtcNow)],
            },
            Ct);
        await Eventually.TrueAsync(
            async () => await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.related WHERE paper_id = $1", id) == 1,
            Timeout, "the related list stored");
        paper = await GetJsonAsync($"/api/papers/{id}");
        Assert.False(paper.GetProperty("relatedPending").GetBoolean());
        Assert.Equal("test-model", paper.GetProperty("relatedModel").GetString());
        var related = paper.GetProperty("related").EnumerateArray().ToList();
        Assert.Equal([others[0].Id, others[1].Id, unpublished], related.Select(r => r.GetProperty("paperId").GetString()));
        Assert.Equal([others[0].Title, others[1].Title, ""], related.Select(r => r.GetProperty("title").GetString()));
        Assert.Equal([0.91, 0.82, 0.73], related.Select(r => r.GetProperty("similarity").GetDouble()));
        Assert.Equal(others[0].Topics, related[0].GetProperty("topics").EnumerateArray().Select(t => t.GetString()!));
        // Stored silently: still revision 1.
        Assert.Equal(1, paper.GetProperty("versions").GetProperty("revision").GetInt32());

        using var http = api.Client();
        using var page = await http.GetAsync($"/papers/{id}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"related\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-paper=\"{others[0].Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("0.91", html, StringComparison.Ordinal);
        Assert.DoesNotContain("related-pending", html, StringComparison.Ordinal);

        using var missing = await http.GetAsync("/api/papers/9999.99999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact, TestPriority(6)]
    public async Task An_old_style_id_with_a_slash_is_found_by_the_api_and_the_dashboard()
    {
        await TestPapers.InsertAsync(api, "hep-th/9901001", "Strings on a slash id", "An old-style arXiv identifier.", ["applications"]);
        var paper = await GetJsonAsync("/api/papers/hep-th/9901001");
        Assert.Equal("hep-th/9901001", paper.GetProperty("paperId").GetString());
        Assert.Equal("hep-th/9901001", (await GetJsonAsync("/api/papers/hep-th%2F9901001")).GetProperty("paperId").GetString());

        // Written without revision rows (like papers published before they were recorded): it still has its first
        // publication on the timeline, and its related list is pending.
        var timeline = paper.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["fetched", "parsed", "classified", "published"], timeline.Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(
            await api.Infrastructure.ScalarAsync<DateTime>("SELECT first_published_at FROM publish.papers WHERE paper_id = $1", "hep-th/9901001"),
            timeline[3].GetProperty("at").GetDateTimeOffset().UtcDateTime);
        Assert.True(paper.GetProperty("relatedPending").GetBoolean());

        using var http = api.Client();
        using var page = await http.GetAsync("/papers/hep-th/9901001", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Strings on a slash id", html, StringComparison.Ordinal);
        Assert.Contains("related-pending", html, StringComparison.Ordinal);
    }

    [Fact, TestPriority(7)]
    public async Task Sources_show_health_successes_documents_and_the_politeness_budget()
    {
        var sources = (await GetJsonAsync("/api/sources")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, StringComparer.Ordinal);
        Assert.Contains(ApiFixture.HfSourceId, sources.Keys);
        Assert.Contains(ApiFixture.DropSourceId, sources.Keys);
        var hf = sources[ApiFixture.HfSourceId];
        Assert.Equal("ok", hf.GetProperty("health").GetString());
        Assert.Equal("green", hf.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, hf.GetProperty("lastSuccessAt").ValueKind);
        Assert.Equal(JsonValueKind.String, hf.GetProperty("lastChangeAt").ValueKind);
        Assert.Equal(0, hf.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(1, hf.GetProperty("documents").GetInt64());
        Assert.Equal(ApiFixture.HfDayPapers, hf.GetProperty("papers").GetInt64());
        Assert.Equal("127.0.0.1", hf.GetProperty("host").GetString());
        Assert.True(hf.GetProperty("budget").GetProperty("capacity").GetDouble() >= 1);
        Assert.Equal(1, sources[ApiFixture.DropSourceId].GetProperty("rejected").GetInt64());
    }

    [Fact, TestPriority(8)]
    public async Task State_changes_need_the_api_key_and_then_pause_resume_and_run_a_source()
    {
        using var anonymous = api.Client();
        using var wrong = api.Client("not-the-key-at-all-0000");
        using var operatorClient = api.Client(ApiFixture.Key);
        foreach (var url in new[] { $"/api/sources/{ApiFixture.DropSourceId}/pause", $"/api/sources/{ApiFixture.DropSourceId}/run", "/api/failures/replay-all", $"/api/failures/replay/document:{Guid.NewGuid()}" })
        {
            foreach (var client in new[] { anonymous, wrong })
            {
                using var refused = await client.PostAsync(url, null, Ct);
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{url}: {(int)refused.StatusCode}");
            }
        }

        Assert.False(await api.Infrastructure.ScalarAsync<bool>("SELECT paused FROM fetcher.sources WHERE id = $1", ApiFixture.DropSourceId));

        using (var pause = await operatorClient.PostAsync($"/api/sources/{ApiFixture.DropSourceId}/pause", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            var source = await pause.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("paused", source.GetProperty("health").GetString());
        }

        Assert.True(await api.Infrastructure.ScalarAsync<bool>("SELECT paused FROM fetcher.sources WHERE id = $1", ApiFixture.DropSourceId));
        using (var resume = await operatorClient.PostAsync($"/api/sources/{ApiFixture.DropSourceId}/resume", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        Assert.False(await api.Infrastructure.ScalarAsync<bool>("SELECT paused FROM fetcher.sources WHERE id = $1", ApiFixture.DropSourceId));

        // Resuming makes the source due: let that poll finish (a poll in flight sets the next due time when it ends).
        await Eventually.TrueAsync(
            async () => await api.Infrastructure.ScalarAsync<bool>("SELECT lease_until IS NULL AND next_due_at > now() FROM fetcher.sources WHERE id = $1", ApiFixture.DropSourceId),
            Timeout, "the poll after resume");

        // Run now: the source is polled again (the directory has nothing new).
        var before = await api.Infrastructure.ScalarAsync<DateTime>("SELECT now()");
        using (var run = await operatorClient.PostAsync($"/api/sources/{ApiFixture.DropSourceId}/run", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        await Eventually.TrueAsync(
            async () => await api.Infrastructure.ScalarAsync<bool>("SELECT last_attempt_at >= $2 FROM fetcher.sources WHERE id = $1", ApiFixture.DropSourceId, before),
            Timeout, "the drop source to be polled");

        using var unknown = await operatorClient.PostAsync("/api/sources/no-such-source/pause", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact, TestPriority(9)]
    public async Task Failures_list_the_rejected_document_with_its_reason_and_payload_and_replay_it()
    {
        var failures = await GetJsonAsync("/api/failures");
        var document = failures.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "document");
        Assert.Contains("Python repr() strings", document.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"{ApiFixture.MalformedDay}.json", document.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("{'paper':", document.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.Equal(ApiFixture.DropSourceId, document.GetProperty("where").GetString());
        Assert.True(failures.GetProperty("counts").GetProperty("documents").GetInt64() >= 1);

        var id = document.GetProperty("id").GetString()!;
        var documentId = document.GetProperty("documentId").GetGuid();
        var reparsedBefore = await ReparsedAsync(documentId);
        using var http = api.Client(ApiFixture.Key);
        using var replay = await http.PostAsync($"/api/failures/replay/{id}", null, Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documents").GetInt32());
        await Eventually.TrueAsync(async () => await ReparsedAsync(documentId) == reparsedBefore + 1, Timeout, "the rejected document to be parsed again");

        using var unknown = await http.PostAsync($"/api/failures/replay/document:{Guid.NewGuid()}", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<long> ReparsedAsync(Guid documentId) =>
        api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE $1", $"{documentId}:reparse:%");

    [Fact, TestPriority(10)]
    public async Task A_message_in_an_error_queue_is_listed_with_its_fault_and_moved_back_by_replay()
    {
        // A DocumentFetched for a document that is not stored: Parse faults it straight into its error queue.
        var documentId = Guid.NewGuid();
        var template = (await api.Infrastructure.QueryAsync(
            "SELECT id, source_id, url, content_hash, content_length, format FROM fetcher.documents WHERE source_id = $1",
            r => new DocumentFetched { DocumentId = documentId, SourceId = r.GetString(1), Url = r.GetString(2), ContentHash = r.GetString(3), ContentLength = r.GetInt64(4), Format = r.GetString(5), FetchedAt = DateTimeOffset.UtcNow },
            ApiFixture.HfSourceId)).Single();
        await api.Hosts.Fetch.Services.GetRequiredService<IBus>().Publish(template, Ct);

        JsonElement message = default;
        await Eventually.TrueAsync(
            async () =>
            {
                var items = (await GetJsonAsync("/api/failures")).GetProperty("items").EnumerateArray();
                message = items.FirstOrDefault(f => f.GetProperty("kind").GetString() == "message" && f.GetProperty("reason").GetString()!.Contains(documentId.ToString(), StringComparison.Ordinal));
                return message.ValueKind == JsonValueKind.Object;
            },
            Timeout, "the faulted message in an error queue");
        Assert.EndsWith("_error", message.GetProperty("where").GetString(), StringComparison.Ordinal);
        Assert.Contains(documentId.ToString(), message.GetProperty("excerpt").GetString(), StringComparison.Ordinal);

        // The operator fixes the cause (the document is there now) and replays the message.
        await api.Infrastructure.ExecuteAsync(
            """
            INSERT INTO fetcher.documents (id, source_id, url, format, content_hash, status_code, content_type, headers, content_length, content, fetched_at, trace_id)
            SELECT $1, source_id, url, format, md5(content_hash) || md5('replayed' || content_hash), status_code, content_type, headers, content_length, content, now(), trace_id
            FROM fetcher.documents WHERE source_id = $2
            """,
            documentId, ApiFixture.HfSourceId);
        using var http = api.Client(ApiFixture.Key);
        using var replay = await http.PostAsync($"/api/failures/replay/{Uri.EscapeDataString(message.GetProperty("id").GetString()!)}", null, Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("messages").GetInt32());

        await Eventually.TrueAsync(
            async () => await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key = $1", documentId.ToString()) == 1,
            Timeout, "the replayed message to be consumed");
        var after = await GetJsonAsync("/api/failures");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), f => f.GetProperty("id").GetString() == message.GetProperty("id").GetString());
    }

    [Fact, TestPriority(11)]
    public async Task The_overview_counts_every_stage_and_lists_queues_with_consumers()
    {
        var overview = await GetJsonAsync("/api/overview");
        var totals = overview.GetProperty("totals");
        Assert.Equal(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers"), totals.GetProperty("published").GetInt64());
        Assert.Equal(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.papers"), totals.GetProperty("parsed").GetInt64());
        Assert.Equal(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM classify.enrichments"), totals.GetProperty("classified").GetInt64());
        Assert.Equal(1, totals.GetProperty("documentsRejected").GetInt64());

        var perMinute = overview.GetProperty("perMinute").EnumerateArray().ToList();
        Assert.Equal(3 * 60, perMinute.Count);
        Assert.True(perMinute.Sum(m => m.GetProperty("parsed").GetInt32()) >= ApiFixture.HfDayPapers);
        Assert.True(perMinute.Sum(m => m.GetProperty("published").GetInt32()) >= ApiFixture.HfDayPapers);
        Assert.NotEmpty(overview.GetProperty("lag").EnumerateArray());
        Assert.True(overview.GetProperty("lagOverall").GetProperty("papers").GetInt32() >= ApiFixture.HfDayPapers);

        var queues = overview.GetProperty("queues").EnumerateArray().ToList();
        Assert.Contains(queues, q => q.GetProperty("name").GetString() == "document-fetched" && q.GetProperty("consumers").GetInt32() >= 1);
        Assert.All(queues.Where(q => !q.GetProperty("isError").GetBoolean()), q => Assert.True(q.GetProperty("consumers").GetInt32() >= 1, q.GetProperty("name").GetString()));
        Assert.Contains(overview.GetProperty("state").GetString(), NotGreen);
        Assert.Contains(overview.GetProperty("signals").EnumerateArray(), s => s.GetProperty("text").GetString()!.Contains("rejected in the last 24 hours", StringComparison.Ordinal));
    }

    [Fact, TestPriority(12)]
    public async Task OpenApi_describes_the_routes_and_the_key_and_Scalar_serves_its_ui_from_here()
    {
        var doc = await GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/papers", "/api/papers/{id}", "/api/sources", "/api/failures", "/api/overview", "/api/failures/replay-all", "/api/sources/{id}/pause" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has {path}");
        }

        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out var scheme));
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.True(paths.GetProperty("/api/failures/replay-all").GetProperty("post").TryGetProperty("security", out _));

        using var http = api.Client();
        using var scalar = await http.GetAsync("/scalar/", Ct);
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        var html = await scalar.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotMatch("<script[^>]+src=\"(https?:)?//", html);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);

        using var ready = await http.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact, TestPriority(13)]
    public async Task The_timeline_shows_the_first_publication_then_each_revision_and_the_lag_counts_the_first_publication()
    {
        const string id = "2401.77777";
        await TestPapers.InsertAsync(api, id, "A paper revised twice", "Revised, then withdrawn.", ["applications"]);
        var now = DateTimeOffset.UtcNow;
        var first = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-10).AddSeconds(40);
        var last = first.AddMinutes(9);
        await api.Infrastructure.ExecuteAsync(
            "UPDATE publish.papers SET revision = 3, kind = 'withdrawn', first_published_at = $2, last_published_at = $3, first_fetched_at = $4 WHERE paper_id = $1",
            id, first, last, first.AddSeconds(-30));
        await api.Infrastructure.ExecuteAsync(
            """
            INSERT INTO publish.revisions (paper_id, revision, kind, changes, published_at, fetched_at, parsed_at, classified_at, trace_id) VALUES
                ($1, 1, 'published', '{}', $2, $2 - interval '30 seconds', $2 - interval '20 seconds', $2 - interval '10 seconds', NULL),
                ($1, 2, 'updated', '{abstract,topics}', $2 + interval '2 minutes', $2 + interval '90 seconds', NULL, NULL, NULL),
                ($1, 3, 'withdrawn', '{withdrawn}', $3, NULL, NULL, NULL, NULL)
            """,
            id, first, last);

        var paper = await GetJsonAsync($"/api/papers/{id}");
        var timeline = paper.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["fetched", "parsed", "classified", "published", "updated", "withdrawn"], timeline.Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal(
            [first.AddSeconds(-30), first.AddSeconds(-20), first.AddSeconds(-10), first, first.AddMinutes(2), last],
            timeline.Select(s => s.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal("revision 2: abstract, topics", timeline[4].GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(30), TimeSpan.Parse(paper.GetProperty("endToEnd").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // The overview's lag: this paper in the minute of its first publication (no other paper was first published
        // then), 30 s, whatever its later revisions.
        var overview = await GetJsonAsync("/api/overview");
        var minute = overview.GetProperty("lag").EnumerateArray()
            .Single(m => m.GetProperty("minute").GetDateTimeOffset() == first.AddSeconds(-40));
        Assert.Equal((30.0, 30.0, 1), (minute.GetProperty("medianSeconds").GetDouble(), minute.GetProperty("p95Seconds").GetDouble(), minute.GetProperty("papers").GetInt32()));
        Assert.DoesNotContain(overview.GetProperty("lag").EnumerateArray(), m => m.GetProperty("medianSeconds").GetDouble() >= 9 * 60);

        using var http = api.Client();
        using var page = await http.GetAsync($"/papers/{id}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-stage=\"updated\"", html, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"withdrawn\"", html, StringComparison.Ordinal);
    }
}
