using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Parsing;

namespace Pipeline.IntegrationTests;

/// <summary>
/// Hugging Face, arXiv RSS, the arXiv API (Atom) and OAI-PMH (arXivRaw, two pages) at once, served from loopback:
/// every paper ends up as one record, and a paper both on the HF day and in the RSS listing is one record whose
/// fields say which source supplied them.
/// </summary>
public sealed class MultiSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestInfrastructure _infrastructure = null!;
    private WebApplication _server = null!;
    private PipelineHosts _hosts = null!;
    private readonly ConcurrentQueue<string> _requests = new();

    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "SharedTestData", "multisource", name);

    private static IReadOnlyList<ParsedPaper> Papers(string name) => PayloadParser.Parse(System.IO.File.ReadAllBytes(File(name)), PayloadParser.AutoFormat).Papers;

    public async ValueTask InitializeAsync()
    {
        _infrastructure = await TestInfrastructure.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        _server.MapGet("/api/daily_papers", (string date) => date == "2024-11-28" ? Serve("hf_2024-11-28.json", "application/json") : Results.Text("[]", "application/json"));
        _server.MapGet("/rss/{categories}", (string categories) => Serve("rss_2024-11-29_excerpt.xml", "application/rss+xml"));
        _server.MapGet("/api/query", () => Serve("atom_q_testing_s0_m10.xml", "application/atom+xml"));
        _server.MapGet("/oai", (string? resumptionToken) => Serve(resumptionToken is null ? "oai_first_page.xml" : "oai_last_page_derived.xml", "text/xml"));
        await _server.StartAsync();
        var baseUrl = _server.Urls.First();

        var configuration = _infrastructure.HostConfiguration();
        void Source(string id, params (string Key, string Value)[] settings)
        {
            configuration[$"Fetch:Sources:{id}:Interval"] = "01:00:00";
            configuration[$"Fetch:Sources:{id}:BaseUrl"] = baseUrl;
            foreach (var (key, value) in settings)
            {
                configuration[$"Fetch:Sources:{id}:{key}"] = value;
            }
        }

        Source("hf", ("Kind", "hf-daily"), ("Date", "2024-11-28"));
        Source("rss", ("Kind", "arxiv-rss"), ("Categories", "cs"));
        Source("atom", ("Kind", "arxiv-api"), ("Query", "all:testing"), ("MaxResults", "10"));
        Source("oai", ("Kind", "oai-pmh"), ("MetadataPrefix", "arXivRaw"), ("BaseUrl", baseUrl.TrimEnd('/') + "/oai"));
        _hosts = await PipelineHosts.StartAsync(configuration);
    }

    private static IResult Serve(string name, string contentType) => Results.Bytes(System.IO.File.ReadAllBytes(File(name)), contentType);

    [Fact]
    public async Task Every_source_kind_at_once_gives_one_record_per_paper_with_provenance()
    {
        var hf = Papers("hf_2024-11-28.json").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var rss = Papers("rss_2024-11-29_excerpt.xml").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var atom = Papers("atom_q_testing_s0_m10.xml").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var oai = Papers("oai_first_page.xml").Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var all = hf.Concat(rss).Concat(atom).Concat(oai).ToHashSet(StringComparer.Ordinal);
        var both = hf.Intersect(rss).ToList();
        Assert.Equal(13, both.Count);
        Assert.NotEmpty(atom);
        Assert.NotEmpty(oai);

        await Eventually.TrueAsync(
            async () => await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers WHERE paper_id = ANY($1)", (object)all.ToArray()) == all.Count,
            Timeout, $"all {all.Count} papers published");
        // Both OAI pages were walked (the resumption token was followed).
        Assert.Contains(_requests, r => r.Contains("resumptionToken=", StringComparison.Ordinal));

        // One record per paper in every stage.
        Assert.Equal(all.Count, await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.papers WHERE id = ANY($1)", (object)all.ToArray()));
        Assert.Equal(all.Count, await _infrastructure.ScalarAsync<long>("SELECT count(DISTINCT paper_id) FROM publish.papers WHERE paper_id = ANY($1)", (object)all.ToArray()));

        // A paper on the HF day and in the RSS listing: one record, fields from the source that knows them best.
        var merged = await _infrastructure.QueryAsync(
            "SELECT id, sources, provenance::text, upvotes FROM parse.papers WHERE id = ANY($1)",
            r => (Id: r.GetString(0), Sources: (string[])r[1], Provenance: JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!, Upvotes: r.IsDBNull(3) ? (int?)null : r.GetInt32(3)),
            (object)both.ToArray());
        Assert.Equal(both.Count, merged.Count);
        Assert.All(merged, p =>
        {
            Assert.Equal(["hf", "rss"], p.Sources.Order(StringComparer.Ordinal));
            Assert.Equal("rss", p.Provenance["abstract"]);
            Assert.Equal("hf", p.Provenance["upvotes"]);
            Assert.NotNull(p.Upvotes);
        });
        Assert.Equal(both.Count * 2L, await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.paper_sources WHERE paper_id = ANY($1)", (object)both.ToArray()));

        // arXivRaw version history is lineage on the record, not extra records.
        var versions = await _infrastructure.QueryAsync(
            "SELECT jsonb_array_length(versions) FROM parse.papers WHERE id = ANY($1)", r => r.GetInt32(0), (object)oai.ToArray());
        Assert.Contains(versions, v => v > 1);
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        () => _hosts.DisposeAsync(),
        () => _server.DisposeAsync(),
        () => _infrastructure.DisposeAsync());
}
