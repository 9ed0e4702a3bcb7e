using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pipeline.IntegrationTests;

namespace Pipeline.Api.Tests;

/// <summary>
/// The dashboard in headless Chromium against the ingested pipeline. Screenshots go to <see cref="ApiFixture.ArtifactsDirectory"/>.
/// </summary>
[Collection(ApiTestGroup.Name)]
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed partial class BrowserTests(ApiFixture api) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _profile = Directory.CreateTempSubdirectory("pipeline-chromium-").FullName;
    private IPlaywright _playwright = null!;
    private IBrowserContext _browser = null!;
    private readonly List<string> _consoleErrors = [];

    public async ValueTask InitializeAsync()
    {
        (_playwright, _browser) = await Browsers.LaunchAsync(api.BaseAddress, _profile);
        _browser.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        _browser.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                _consoleErrors.Add($"{response.Status} {response.Url}");
            }
        };
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        async () => await _browser.DisposeAsync(),
        () =>
        {
            _playwright.Dispose();
            Directory.Delete(_profile, recursive: true);
            return ValueTask.CompletedTask;
        });

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout(60_000); // a loaded 2-core CI machine: Playwright's 30 s default was once not enough
        page.SetDefaultNavigationTimeout(60_000);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path}: {response.Status}");
        return page;
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(ApiFixture.ArtifactsDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
    }

    private static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact, TestPriority(1)]
    public async Task The_overview_shows_the_ingested_counts_charts_queues_and_updates_itself()
    {
        var page = await OpenAsync("/");
        var published = await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers");
        Assert.Equal(N(published), await page.Locator("#count-published").InnerTextAsync());
        Assert.Equal(N(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.papers")), await page.Locator("#count-parsed").InnerTextAsync());
        Assert.Equal(N(await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents")), await page.Locator("#count-documents").InnerTextAsync());
        Assert.Equal("1", await page.Locator("#count-rejected").InnerTextAsync());
        Assert.Equal(2, await page.Locator("svg.chart").CountAsync());
        Assert.Equal(4, await page.Locator("svg.chart").First.Locator("polyline").CountAsync());
        Assert.True(await page.Locator("#queues tbody tr", new() { HasTextString = "document-fetched" }).CountAsync() >= 1);
        Assert.Matches("green|amber|red", await page.Locator("#state").GetAttributeAsync("data-state") ?? "");
        await ScreenshotAsync(page, "overview.png");

        // Live: a paper published while the page is open shows up without a reload.
        await TestPapers.InsertAsync(api, "2401.99903", "A paper that arrives while the overview is open", "Live updates.", ["applications"]);
        await Assertions.Expect(page.Locator("#count-published")).ToHaveTextAsync(N(published + 1), new() { Timeout = 20_000 });
        Assert.Matches("live", await page.Locator("#live-status").InnerTextAsync());
        Assert.Empty(_consoleErrors);
    }

    [Fact, TestPriority(2)]
    public async Task A_search_finds_a_paper_by_a_word_of_its_abstract_and_its_page_shows_the_timeline()
    {
        var (id, word) = await ApiTests.AbstractWordAsync(api);
        var title = await api.Infrastructure.ScalarAsync<string>("SELECT title FROM publish.papers WHERE paper_id = $1", id);
        var traceId = await api.Infrastructure.ScalarAsync<string>("SELECT trace_id FROM publish.papers WHERE paper_id = $1", id);

        var page = await OpenAsync("/papers");
        await page.Locator("form#search input[name=q]").FillAsync(word);
        await page.Locator("form#search button[type=submit]").ClickAsync();
        // Only the navigation's commit: waiting for its load event timed out twice in CI (at 30 s and at 60 s) with the
        // classification tests on both cores; the assertion below waits for the result itself.
        await page.WaitForURLAsync(new Regex($"q={Regex.Escape(word)}"), new() { WaitUntil = WaitUntilState.Commit });
        var result = page.Locator($"li.paper[data-paper='{id}'] a.title");
        await Assertions.Expect(result).ToHaveTextAsync(title!, new() { Timeout = 60_000 });
        await ScreenshotAsync(page, "search.png");

        await result.ClickAsync();
        // As above: the navigation's commit, then the page's content itself (its load event timed out at 60 s in a full run).
        await page.WaitForURLAsync($"**/papers/{id}", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#paper-title")).ToHaveTextAsync(title!, new() { Timeout = 60_000 });
        var steps = page.Locator("#timeline li.step");
        Assert.Equal(4, await steps.CountAsync());
        Assert.Equal(["fetched", "parsed", "classified", "published"], await steps.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.stage)"));
        Assert.All(await page.Locator("#timeline .at").AllInnerTextsAsync(), t => Assert.EndsWith("UTC", t, StringComparison.Ordinal));
        Assert.All((await page.Locator("#timeline .took").AllInnerTextsAsync()).Skip(1), t => Assert.StartsWith("+", t, StringComparison.Ordinal));
        Assert.Equal($"http://127.0.0.1:16686/trace/{traceId}", await page.Locator("#trace-link").GetAttributeAsync("href"));
        Assert.True(await page.Locator("#topics tbody tr").CountAsync() >= 1);
        await ScreenshotAsync(page, "paper.png");
    }

    [Fact, TestPriority(3)]
    public async Task A_malicious_title_renders_as_text_and_never_runs()
    {
        const string id = "2401.66666";
        const string title = "<script>window.__pwned = 1; document.title = 'pwned'</script><img src=x onerror=\"window.__pwned = 2\"> Attention is all you pwn";
        await TestPapers.InsertAsync(api, id, title, "An abstract with <b>markup</b> and a <script>window.__pwned = 3</script> tag.", ["applications"]);

        var page = await OpenAsync($"/papers/{id}");
        Assert.Equal(title, await page.Locator("#paper-title").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#paper-title script, #paper-title img").CountAsync());
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal($"{title} · Paper pipeline", await page.TitleAsync());
        // A javascript: URL in the record is shown, never linked.
        Assert.Equal(0, await page.Locator("a[href^='javascript:']").CountAsync());
        await ScreenshotAsync(page, "malicious-title.png");

        var list = await OpenAsync("/papers?q=pwn");
        await Assertions.Expect(list.Locator($"li.paper[data-paper='{id}'] a.title")).ToHaveTextAsync(title);
        Assert.Null(await list.EvaluateAsync<int?>("() => window.__pwned ?? null"));
    }

    [Fact, TestPriority(4)]
    public async Task A_replay_button_brings_the_failed_document_back_after_signing_in()
    {
        var documentId = await api.Infrastructure.ScalarAsync<Guid>("SELECT document_id FROM parse.rejected_documents WHERE source_id = $1", ApiFixture.DropSourceId);
        var failure = $"li.failure[data-failure='document:{documentId}']";

        // Signed out: the failure is listed with its reason and payload, but there is no button.
        var page = await OpenAsync("/failures");
        await Assertions.Expect(page.Locator($"{failure} .reason")).ToContainTextAsync("Python repr() strings");
        await Assertions.Expect(page.Locator($"{failure} pre.excerpt")).ToContainTextAsync("{'paper':");
        Assert.Equal(0, await page.Locator($"{failure} button.replay").CountAsync());

        // A wrong key is refused; the right one signs in and comes back to the failures.
        await page.GotoAsync("/login?returnUrl=%2Ffailures");
        await page.Locator("input[name=key]").FillAsync("definitely-not-the-key");
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("not the key");
        await page.Locator("input[name=key]").FillAsync(ApiFixture.Key);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync("**/failures");

        var before = await ReparsedAsync(documentId);
        Assert.Equal(1, await page.Locator($"{failure} input[name=__antiforgery]").CountAsync());
        await ScreenshotAsync(page, "failures.png");
        await page.Locator($"{failure} button.replay").ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("1 document(s) queued for parsing again");
        await Eventually.TrueAsync(async () => await ReparsedAsync(documentId) == before + 1, Timeout, "the document to be parsed again (a new :reparse: inbox record)");
    }

    private Task<long> ReparsedAsync(Guid documentId) =>
        api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE $1", $"{documentId}:reparse:%");

    [Fact, TestPriority(5)]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        // A cross-site form cannot carry the token: even with the operator's cookie the post fails.
        var page = await OpenAsync("/login");
        await page.Locator("input[name=key]").FillAsync(ApiFixture.Key);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(api.BaseAddress.ToString().TrimEnd('/') + "/");
        var response = await page.APIRequest.PostAsync("/failures?handler=ReplayAll", new() { Form = page.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, response.Status);
    }

    [Fact, TestPriority(6)]
    public async Task A_failing_or_stale_source_stands_out_on_the_sources_page()
    {
        await api.Infrastructure.ExecuteAsync(
            """
            INSERT INTO fetcher.sources (id, kind, definition, enabled, paused, next_due_at, consecutive_failures, last_attempt_at, last_success_at, last_change_at, last_error)
            VALUES ('broken-feed', 'feed', '{"Kind":"feed","Url":"http://127.0.0.1:9/feed.xml","Interval":"01:00:00"}'::jsonb, true, false, now() + interval '1 day', 5, now(), now() - interval '2 days', now() - interval '2 days', 'Connection refused (127.0.0.1:9)'),
                   ('quiet-feed', 'feed', '{"Kind":"feed","Url":"http://127.0.0.1:9/quiet.xml","Interval":"01:00:00","ExpectedUpdate":"06:00:00"}'::jsonb, true, false, now() + interval '1 day', 0, now(), now(), now() - interval '3 days', NULL)
            """);
        try
        {
            var page = await OpenAsync("/sources");
            var broken = page.Locator("tr[data-source='broken-feed']");
            var quiet = page.Locator("tr[data-source='quiet-feed']");
            var healthy = page.Locator($"tr[data-source='{ApiFixture.HfSourceId}']");
            Assert.Equal("failing", await broken.GetAttributeAsync("data-health"));
            Assert.Contains("row-red", await broken.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            await Assertions.Expect(broken).ToContainTextAsync("Connection refused");
            Assert.Equal("stale", await quiet.GetAttributeAsync("data-health"));
            Assert.Contains("row-amber", await quiet.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            await Assertions.Expect(quiet).ToContainTextAsync("unchanged for");
            Assert.Equal("ok", await healthy.GetAttributeAsync("data-health"));
            Assert.DoesNotContain("row-red", await healthy.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            var colors = await page.EvaluateAsync<string[]>(
                "() => ['broken-feed', 'hf-test'].map(id => getComputedStyle(document.querySelector(`tr[data-source='${id}'] td`)).backgroundColor)");
            Assert.NotEqual(colors[0], colors[1]);
            await ScreenshotAsync(page, "sources.png");

            var overview = await OpenAsync("/");
            Assert.Equal("red", await overview.Locator("#state").GetAttributeAsync("data-state"));
            await Assertions.Expect(overview.Locator("#state")).ToContainTextAsync("source broken-feed is failing");
        }
        finally
        {
            await api.Infrastructure.ExecuteAsync("DELETE FROM fetcher.sources WHERE id IN ('broken-feed', 'quiet-feed')");
        }
    }
}
