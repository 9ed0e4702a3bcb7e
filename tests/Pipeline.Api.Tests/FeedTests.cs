using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Pipeline.Api.Feeds;
using Pipeline.Classification;
using Pipeline.Cli;
using Pipeline.IntegrationTests;

namespace Pipeline.Api.Tests;

/// <summary>
/// Atom and JSON Feed over the ingested day, read back with <see cref="SyndicationFeed"/> (Atom) and by shape (JSON
/// Feed): entries match the read model, paging walks every paper once, conditional GETs answer 304, saved queries
/// have a lifecycle through the API and the CLI.
/// </summary>
[Collection(ApiTestGroup.Name)]
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class FeedTests(ApiFixture api)
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Base => api.BaseAddress.ToString().TrimEnd('/');

    private async Task<(SyndicationFeed Feed, HttpResponseMessage Response)> GetAtomAsync(string url)
    {
        using var http = api.Client();
        var response = await http.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var xml = XmlReader.Create(body, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, Async = false });
        return (SyndicationFeed.Load(xml), response);
    }

    private async Task<JsonElement> GetJsonFeedAsync(string url)
    {
        using var http = api.Client();
        using var response = await http.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Follows <c>rel="next"</c> from <paramref name="url"/> to the end; every entry of every page, in order.</summary>
    private async Task<List<SyndicationItem>> WalkAtomAsync(string url)
    {
        var items = new List<SyndicationItem>();
        string? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 100, "paging does not end");
            var (feed, response) = await GetAtomAsync(next);
            response.Dispose();
            items.AddRange(feed.Items);
            Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.ToString() == new Uri(api.BaseAddress, next).ToString());
            next = feed.Links.SingleOrDefault(l => l.RelationshipType == "next")?.Uri.ToString();
        }

        return items;
    }

    private Task<List<string>> PaperIdsAsync(string where = "TRUE", params object[] args) =>
        api.Infrastructure.QueryAsync($"SELECT paper_id FROM publish.papers WHERE {where} ORDER BY last_published_at DESC, paper_id DESC", r => r.GetString(0), args);

    private static string PaperId(string entryId) => entryId["https://arxiv.org/abs/".Length..];

    [Fact, TestPriority(1)]
    public async Task All_feed_pages_with_rel_next_through_every_paper_exactly_once_newest_first()
    {
        var expected = await PaperIdsAsync();
        Assert.True(expected.Count >= ApiFixture.HfDayPapers);

        var items = await WalkAtomAsync("/feeds/all.atom?limit=5");
        Assert.Equal(expected, items.Select(i => PaperId(i.Id)).ToList());
        var updated = items.Select(i => i.LastUpdatedTime).ToList();
        Assert.Equal(updated.OrderByDescending(u => u).ToList(), updated);

        // Default page size holds the whole recorded day: no next link on a single page.
        var (all, response) = await GetAtomAsync("/feeds/all.atom");
        using (response)
        {
            Assert.Equal(Math.Min(expected.Count, 50), all.Items.Count());
            Assert.Equal(expected.Count > 50, all.Links.Any(l => l.RelationshipType == "next"));
            Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
            Assert.Contains(all.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html" && l.Uri.ToString() == $"{Base}/papers");
            Assert.Equal($"{Base}/feeds/all.atom", all.Id);
        }

        using var http = api.Client();
        foreach (var bad in new[] { "/feeds/all.atom?limit=0", "/feeds/all.atom?limit=201", "/feeds/all.json?before=not-a-cursor", "/feeds/all.atom?before=%25%25" })
        {
            using var rejected = await http.GetAsync(bad, Ct);
            Assert.True(rejected.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)rejected.StatusCode}");
        }
    }

    [Fact, TestPriority(2)]
    public async Task Topic_feed_has_exactly_the_topics_papers_with_ids_links_and_categories()
    {
        var topic = await api.Infrastructure.ScalarAsync<string>("SELECT t FROM publish.papers, unnest(topics) t GROUP BY t ORDER BY count(*) DESC, t LIMIT 1");
        Assert.NotNull(topic);
        var rows = await api.Infrastructure.QueryAsync(
            """
            SELECT paper_id, title, abstract, jsonb_array_length(authors), base_models, benchmarks, topics, revision,
                   COALESCE(record -> 'codeUrls', '[]')::text
            FROM publish.papers WHERE $1 = ANY(topics) ORDER BY last_published_at DESC, paper_id DESC
            """,
            r => (Id: r.GetString(0), Title: r.GetString(1), Abstract: r.GetString(2), Authors: r.GetInt32(3),
                Models: r.GetFieldValue<string[]>(4), Benchmarks: r.GetFieldValue<string[]>(5), Topics: r.GetFieldValue<string[]>(6),
                Revision: r.GetInt32(7), Code: JsonSerializer.Deserialize<string[]>(r.GetString(8))!),
            topic);
        var (feed, response) = await GetAtomAsync($"/feeds/topics/{topic}.atom");
        response.Dispose();
        var items = feed.Items.ToList();
        Assert.Equal(rows.Select(r => r.Id), items.Select(i => PaperId(i.Id)));
        Assert.Equal($"Paper pipeline: {Taxonomy.LoadDefault().Topics.Single(t => t.Id == topic).Name}", feed.Title.Text);
        Assert.Contains(feed.Links, l => l.RelationshipType == "alternate" && l.Uri.ToString() == $"{Base}/papers?topic={topic}");
        Assert.Equal($"{Base}/feeds/topics/{topic}.atom", feed.Id);

        // The same count as the API's own filter.
        using var http = api.Client();
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/papers?topic={topic}&pageSize=100", Ct);
        Assert.Equal(items.Count, page.GetProperty("total").GetInt64());

        foreach (var (row, item) in rows.Zip(items))
        {
            Assert.Equal($"https://arxiv.org/abs/{row.Id}", item.Id);
            Assert.Equal(FeedText.Clean(row.Title), item.Title.Text);
            Assert.Equal(FeedText.Clean(row.Abstract), item.Summary.Text);
            Assert.Equal(row.Authors, item.Authors.Count);
            Assert.True(item.PublishDate <= item.LastUpdatedTime);
            Assert.Contains(item.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html" && l.Uri.ToString() == $"https://arxiv.org/abs/{row.Id}");
            Assert.Contains(item.Links, l => l.RelationshipType == "related" && l.Uri.ToString() == $"{Base}/papers/{row.Id}");
            Assert.Equal(row.Code.Length, item.Links.Count(l => l.RelationshipType == "related" && l.Title == "Code"));
            Assert.Equal(row.Topics.Order(StringComparer.Ordinal), item.Categories.Where(c => c.Scheme == $"{Base}/papers?topic=").Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.All(item.Categories.Where(c => c.Scheme == $"{Base}/papers?topic="), c => Assert.False(string.IsNullOrEmpty(c.Label)));
            Assert.Equal(row.Models.Order(StringComparer.Ordinal), item.Categories.Where(c => c.Scheme == $"{Base}/papers?model=").Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal(row.Benchmarks.Order(StringComparer.Ordinal), item.Categories.Where(c => c.Scheme == $"{Base}/papers?benchmark=").Select(c => c.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact, TestPriority(3)]
    public async Task Unknown_topic_is_404_in_both_formats()
    {
        using var http = api.Client();
        foreach (var url in new[] { "/feeds/topics/no-such-topic.atom", "/feeds/topics/no-such-topic.json", "/feeds/queries/no-such-query.atom" })
        {
            using var response = await http.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        using var search = await http.GetAsync("/feeds/search.atom?topic=no-such-topic", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
    }

    [Fact, TestPriority(4)]
    public async Task Conditional_GET_answers_304_to_the_ETag_and_to_If_Modified_Since()
    {
        foreach (var url in new[] { "/feeds/all.atom", "/feeds/all.json?limit=3" })
        {
            using var http = api.Client();
            using var first = await http.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.False(etag.IsWeak);
            var lastModified = first.Content.Headers.LastModified;
            Assert.NotNull(lastModified);
            var newest = await api.Infrastructure.ScalarAsync<DateTime>("SELECT max(last_published_at) FROM publish.papers");
            Assert.Equal(new DateTimeOffset(newest.Ticks - (newest.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero), lastModified);

            using (var byTag = new HttpRequestMessage(HttpMethod.Get, url))
            {
                byTag.Headers.IfNoneMatch.Add(etag);
                using var response = await http.SendAsync(byTag, Ct);
                Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
                Assert.Equal(etag, response.Headers.ETag);
            }

            using (var byDate = new HttpRequestMessage(HttpMethod.Get, url))
            {
                byDate.Headers.IfModifiedSince = lastModified;
                using var response = await http.SendAsync(byDate, Ct);
                Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            }

            using (var older = new HttpRequestMessage(HttpMethod.Get, url))
            {
                older.Headers.IfModifiedSince = lastModified.Value.AddHours(-1);
                using var response = await http.SendAsync(older, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            using (var otherTag = new HttpRequestMessage(HttpMethod.Get, url))
            {
                // If-None-Match decides when present, even with a matching date.
                otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
                otherTag.Headers.IfModifiedSince = lastModified;
                using var response = await http.SendAsync(otherTag, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // A different page of the same feed is a different representation.
        using var client = api.Client();
        using var a = await client.GetAsync("/feeds/all.atom?limit=3", Ct);
        using var b = await client.GetAsync("/feeds/all.atom?limit=4", Ct);
        using var c = await client.GetAsync("/feeds/all.json?limit=3", Ct);
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);
        Assert.NotEqual(a.Headers.ETag, c.Headers.ETag);
    }

    [Fact, TestPriority(5)]
    public async Task Json_feed_is_version_1_1_with_items_and_next_url_walking_every_paper_once()
    {
        var expected = await PaperIdsAsync();
        var seen = new List<string>();
        string? next = "/feeds/all.json?limit=4";
        var pages = 0;
        while (next is not null)
        {
            Assert.True(++pages < 100, "paging does not end");
            var feed = await GetJsonFeedAsync(next);
            Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
            Assert.False(string.IsNullOrEmpty(feed.GetProperty("title").GetString()));
            Assert.Equal($"{Base}/papers", feed.GetProperty("home_page_url").GetString());
            Assert.Equal($"{Base}/feeds/all.json?limit=4", feed.GetProperty("feed_url").GetString());
            var items = feed.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 4);
            foreach (var item in items)
            {
                var id = item.GetProperty("_pipeline").GetProperty("paperId").GetString()!;
                seen.Add(id);
                Assert.Equal($"https://arxiv.org/abs/{id}", item.GetProperty("id").GetString());
                Assert.Equal($"{Base}/papers/{id}", item.GetProperty("url").GetString());
                Assert.Equal($"https://arxiv.org/abs/{id}", item.GetProperty("external_url").GetString());
                Assert.False(string.IsNullOrEmpty(item.GetProperty("title").GetString()));
                Assert.False(string.IsNullOrEmpty(item.GetProperty("content_text").GetString()));
                Assert.True(item.GetProperty("summary").GetString()!.Length <= JsonFeedWriter.SummaryLength + 1);
                Assert.True(item.GetProperty("date_published").GetDateTimeOffset() <= item.GetProperty("date_modified").GetDateTimeOffset());
                Assert.All(item.GetProperty("authors").EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetProperty("name").GetString())));
                var pipeline = item.GetProperty("_pipeline");
                var topics = pipeline.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
                var tags = item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
                Assert.All(topics, t => Assert.Contains(t, tags));
                Assert.All(pipeline.GetProperty("topics").EnumerateArray(), t => Assert.InRange(t.GetProperty("score").GetDouble(), 0, 1));
                Assert.Equal(JsonValueKind.Array, pipeline.GetProperty("models").ValueKind);
                Assert.Equal(JsonValueKind.Array, pipeline.GetProperty("benchmarks").ValueKind);
                Assert.Equal(JsonValueKind.Array, pipeline.GetProperty("codeUrls").ValueKind);
            }

            next = feed.TryGetProperty("next_url", out var n) ? n.GetString() : null;
            Assert.True(next is null || items.Count == 4, "only the last page may be short");
        }

        Assert.Equal(expected, seen);
    }

    [Fact, TestPriority(6)]
    public async Task Search_feed_filters_by_words_and_model_like_the_papers_API()
    {
        var (id, word) = await ApiTests.AbstractWordAsync(api);
        var (byWord, response) = await GetAtomAsync($"/feeds/search.atom?q={Uri.EscapeDataString(word)}");
        response.Dispose();
        var expected = await PaperIdsAsync("search @@ websearch_to_tsquery('english', $1)", word);
        Assert.Equal(expected, byWord.Items.Select(i => PaperId(i.Id)));
        Assert.Contains(id, expected);

        var model = await api.Infrastructure.ScalarAsync<string>("SELECT m FROM publish.papers, unnest(base_models) m GROUP BY m ORDER BY count(*) DESC, m LIMIT 1");
        if (model is not null)
        {
            var json = await GetJsonFeedAsync($"/feeds/search.json?model={Uri.EscapeDataString(model)}");
            Assert.Equal(await PaperIdsAsync("$1 = ANY(base_models)", model), json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("_pipeline").GetProperty("paperId").GetString()!));
        }

        var (none, empty) = await GetAtomAsync("/feeds/search.atom?q=zyxwvutsrq");
        empty.Dispose();
        Assert.Empty(none.Items);
    }

    [Fact, TestPriority(7)]
    public async Task Saved_query_lifecycle_through_the_API_needs_the_key_and_serves_its_feed()
    {
        var topic = await api.Infrastructure.ScalarAsync<string>("SELECT t FROM publish.papers, unnest(topics) t GROUP BY t ORDER BY count(*) DESC, t LIMIT 1");
        var body = new { name = "my-topic", title = "My topic papers", topic };
        using var anonymous = api.Client();
        using var operatorClient = api.Client(ApiFixture.Key);

        using (var refused = await anonymous.PostAsJsonAsync("/api/feeds/queries", body, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var wrongKey = api.Client("not-the-operator-key-at-all"))
        using (var refused = await wrongKey.PostAsJsonAsync("/api/feeds/queries", body, Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        foreach (var bad in new object[] { new { name = "Bad Name!", topic }, new { name = "empty" }, new { name = "x", topic = "no-such-topic" } })
        {
            using var invalid = await operatorClient.PostAsJsonAsync("/api/feeds/queries", bad, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        using (var created = await operatorClient.PostAsJsonAsync("/api/feeds/queries", body, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/feeds/queries/my-topic", created.Headers.Location?.OriginalString);
            var view = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal($"{Base}/feeds/queries/my-topic.atom", view.GetProperty("atomUrl").GetString());
        }

        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/feeds/queries", Ct);
        Assert.Contains(list.EnumerateArray(), q => q.GetProperty("name").GetString() == "my-topic" && q.GetProperty("topic").GetString() == topic);
        Assert.Equal("My topic papers", (await anonymous.GetFromJsonAsync<JsonElement>("/api/feeds/queries/my-topic", Ct)).GetProperty("title").GetString());

        var (feed, response) = await GetAtomAsync("/feeds/queries/my-topic.atom");
        response.Dispose();
        Assert.Contains("My topic papers", feed.Title.Text, StringComparison.Ordinal);
        Assert.Equal(await PaperIdsAsync("$1 = ANY(topics)", topic!), feed.Items.Select(i => PaperId(i.Id)));
        var json = await GetJsonFeedAsync("/feeds/queries/my-topic.json");
        Assert.Equal(feed.Items.Count(), json.GetProperty("items").GetArrayLength());

        // Redefined: same name, 200, the feed follows the new definition.
        using (var redefined = await operatorClient.PostAsJsonAsync("/api/feeds/queries", new { name = "my-topic", title = "Nothing", q = "zyxwvutsrq" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, redefined.StatusCode);
        }

        var (emptyFeed, emptyResponse) = await GetAtomAsync("/feeds/queries/my-topic.atom");
        emptyResponse.Dispose();
        Assert.Empty(emptyFeed.Items);

        using (var refused = await anonymous.DeleteAsync("/api/feeds/queries/my-topic", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var deleted = await operatorClient.DeleteAsync("/api/feeds/queries/my-topic", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await anonymous.GetAsync("/feeds/queries/my-topic.atom", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using (var again = await operatorClient.DeleteAsync("/api/feeds/queries/my-topic", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
    }

    [Fact, TestPriority(8)]
    public async Task Cli_adds_lists_and_removes_saved_queries_that_the_API_serves()
    {
        var (migrateExit, migrated, _) = await RunCliAsync("migrate");
        Assert.Equal(0, migrateExit);
        Assert.Contains("FeedsDbContext", migrated, StringComparison.Ordinal);

        var (badExit, _, badErr) = await RunCliAsync("feeds", "add", "cli-feed", "--topic", "no-such-topic");
        Assert.Equal(2, badExit);
        Assert.Contains("topic", badErr, StringComparison.Ordinal);

        var (exit, added, _) = await RunCliAsync("feeds", "add", "cli-feed", "--title", "From the CLI", "--q", "zyxwvutsrq");
        Assert.Equal(0, exit);
        Assert.Contains("cli-feed: added", added, StringComparison.Ordinal);

        var (_, listed, _) = await RunCliAsync("feeds", "list", "--json");
        Assert.Contains(JsonDocument.Parse(listed).RootElement.EnumerateArray(), q => q.GetProperty("name").GetString() == "cli-feed" && q.GetProperty("q").GetString() == "zyxwvutsrq");
        var (_, table, _) = await RunCliAsync("feeds", "list");
        Assert.Contains("From the CLI", table, StringComparison.Ordinal);

        var json = await GetJsonFeedAsync("/feeds/queries/cli-feed.json");
        Assert.Contains("From the CLI", json.GetProperty("title").GetString(), StringComparison.Ordinal);

        var (removeExit, _, _) = await RunCliAsync("feeds", "remove", "cli-feed");
        Assert.Equal(0, removeExit);
        var (missingExit, _, _) = await RunCliAsync("feeds", "remove", "cli-feed");
        Assert.Equal(2, missingExit);
        using var http = api.Client();
        using var gone = await http.GetAsync("/feeds/queries/cli-feed.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>Runs a verb as <c>pipeline …</c> would, against the fixture's database.</summary>
    private async Task<(int Exit, string Out, string Err)> RunCliAsync(params string[] args)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Pipeline", api.Infrastructure.HostConfiguration()["ConnectionStrings:Pipeline"]);
        var root = new RootCommand("test") { MigrateCommand.Create(), FeedsCommand.Create() };
        await ConsoleLock.WaitAsync(Ct);
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await root.Parse(args).InvokeAsync(cancellationToken: Ct);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ConsoleLock.Release();
        }
    }
}
