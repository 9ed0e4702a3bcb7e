using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Classify;
using Pipeline.Fetch;
using Pipeline.Fetch.Persistence;
using Pipeline.Parse;
using Pipeline.Parse.Persistence;
using Pipeline.Parsing;
using Pipeline.Persistence;
using Pipeline.Publish;

namespace Pipeline.IntegrationTests;

/// <summary>
/// The real multi-observation captures (<c>order/documents.tsv</c>) dropped at once into a running pipeline with two
/// Parse instances competing for them: the stored records are exactly the order-free merge of the set, every stage
/// ends on the same content, and re-ingesting byte-different copies and re-parsing everything is news to nobody.
/// </summary>
public sealed class OrderIntegrationTests : IAsyncLifetime
{
    private const string DropSourceId = "drop-order";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private readonly string _dropFolder = Directory.CreateTempSubdirectory("pipeline-order-").FullName;
    private TestInfrastructure _infrastructure = null!;
    private PipelineHosts _hosts = null!;

    private static readonly List<string> Files =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "order", "documents.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')[0])
            .ToList();

    public async ValueTask InitializeAsync()
    {
        _infrastructure = await TestInfrastructure.StartAsync();
        var configuration = _infrastructure.HostConfiguration();
        configuration[$"Fetch:Sources:{DropSourceId}:Kind"] = "directory";
        configuration[$"Fetch:Sources:{DropSourceId}:Path"] = _dropFolder;
        configuration[$"Fetch:Sources:{DropSourceId}:Pattern"] = "*.*";
        configuration[$"Fetch:Sources:{DropSourceId}:Interval"] = "01:00:00";
        // Two Parse instances compete for the documents (and for the papers they share).
        _hosts = await PipelineHosts.StartAsync(configuration, [PublishApp.Create, ClassifyApp.Create, ParseApp.Create, ParseApp.Create, FetchApp.Create]);
    }

    public ValueTask DisposeAsync() => Teardown.RunAllAsync(
        () => _hosts.DisposeAsync(),
        () => _infrastructure.DisposeAsync(),
        () =>
        {
            Directory.Delete(_dropFolder, recursive: true);
            return ValueTask.CompletedTask;
        });

    [Fact]
    public async Task Two_parse_instances_store_the_order_free_merge_and_every_stage_ends_on_it()
    {
        // Everything at once, then the older HF listing of 2507.10541 as a backfill would bring it: fetched and parsed last.
        const string Older = "order/hf_daily_2025-07-14_derived.json";
        await IngestAsync(Files.Where(f => f != Older).Select(f => (Path.GetFileName(f), File.ReadAllBytes(Shared(f)))));
        await IngestAsync([(Path.GetFileName(Older), File.ReadAllBytes(Shared(Older)))]);

        // Expected: the documents as stored (ids, fetch times), merged the order-free way.
        var documents = await _infrastructure.QueryAsync(
            "SELECT id, source_id, fetched_at, content FROM fetcher.documents",
            r => (Id: r.GetGuid(0), Source: r.GetString(1), FetchedAt: r.GetFieldValue<DateTimeOffset>(2), Content: Gzip.Decompress((byte[])r[3])));
        Assert.Equal(Files.Count, documents.Count);
        var kept = new Dictionary<(string, string, string), PaperObservation>();
        foreach (var document in documents)
        {
            foreach (var paper in PaperMerger.Merge(PayloadParser.Parse(document.Content, PayloadParser.AutoFormat).Papers))
            {
                Observations.Apply(kept, Observations.Observe(paper, document.Source, document.FetchedAt, document.Id));
            }
        }

        var expected = kept.Values.GroupBy(v => v.PaperId)
            .ToDictionary(g => g.Key, g => PaperStore.ToRecord(g.ToList()).Record.ContentHash, StringComparer.Ordinal);
        var stored = (await _infrastructure.QueryAsync("SELECT id, content_hash FROM parse.papers", r => (r.GetString(0), r.GetString(1))))
            .ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, stored[e.Key]));

        // Classify enriched the final record of every paper, and Publish holds that content.
        Assert.Equal(0L, await _infrastructure.ScalarAsync<long>(
            "SELECT count(*) FROM parse.papers p LEFT JOIN classify.enrichments e ON e.paper_id = p.id WHERE e.paper_hash IS DISTINCT FROM p.content_hash"));
        Assert.Equal(0L, await _infrastructure.ScalarAsync<long>(
            """
            SELECT count(*) FROM parse.papers p LEFT JOIN publish.papers pub ON pub.paper_id = p.id
            WHERE pub.record IS NULL OR pub.record->>'title' IS DISTINCT FROM p.title OR pub.record->>'abstract' IS DISTINCT FROM p.abstract
               OR (pub.record->>'version')::int IS DISTINCT FROM p.version OR (pub.record->>'upvotes')::int IS DISTINCT FROM p.upvotes
               OR (pub.record->>'withdrawn')::boolean IS DISTINCT FROM p.withdrawn
            """));

        // The paper listed on two HF days has the newer listing's code link and upvotes; the deleted one is withdrawn but readable.
        var rest = await _infrastructure.QueryAsync(
            "SELECT github_repo, upvotes, version FROM parse.papers WHERE id = '2507.10541'", r => (r.GetString(0), r.GetInt32(1), r.GetInt32(2)));
        Assert.Equal(("https://github.com/opendatalab/REST", 10, 2), rest.Single());
        Assert.Contains("https://github.com/opendatalab/REST", await _infrastructure.ScalarAsync<string>("SELECT record->>'codeUrls' FROM publish.papers WHERE paper_id = '2507.10541'") ?? "", StringComparison.Ordinal);
        Assert.True(await _infrastructure.ScalarAsync<bool>("SELECT withdrawn AND title <> '' FROM parse.papers WHERE id = '0704.0874'"));
    }

    [Fact]
    public async Task Reingesting_byte_different_copies_and_reparsing_everything_emits_nothing()
    {
        await IngestAsync(Files.Select(f => (Path.GetFileName(f), File.ReadAllBytes(Shared(f)))));
        var sequences = await SequencesAsync();
        var revisions = await RevisionsAsync();
        await using var everything = await PaperEventListener.StartAsync(_infrastructure.AmqpUri, "paper.#");

        // What a real re-fetch looks like: JSON re-serialised compactly with its keys reordered, XML with other line ends.
        await IngestAsync(Files.Select(f => ("refetch-" + Path.GetFileName(f), Refetched(File.ReadAllBytes(Shared(f)), f))));
        Assert.Equal(2 * Files.Count, await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents"));

        // pipeline reparse of every stored document, with an unchanged parser.
        await using (var scope = _hosts.Fetch.Services.CreateAsyncScope())
        {
            var fetchDb = scope.ServiceProvider.GetRequiredService<FetchDbContext>();
            Assert.Equal(2 * Files.Count, await DocumentReplay.QueueAsync(fetchDb, fetchDb.Documents, TestContext.Current.CancellationToken));
        }

        await Eventually.TrueAsync(
            async () => await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE '%:reparse:%'") == 2 * Files.Count,
            Timeout, "every document parsed again");
        await QuiesceAsync();

        Assert.Equal(sequences, await SequencesAsync());
        Assert.Equal(revisions, await RevisionsAsync());
        Assert.Empty(everything.Received);
    }

    private static string Shared(string file) => Path.Combine(AppContext.BaseDirectory, "SharedTestData", file);

    private static byte[] Refetched(byte[] original, string file)
    {
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(Reverse(JsonNode.Parse(original))!.ToJsonString());
        }

        // XML: CRLF line ends and trailing blank lines.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n");
    }

    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Reverse(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>Drops the files, polls the folder and waits until Parse handled each new document and the pipeline is idle.</summary>
    private async Task IngestAsync(IEnumerable<(string Name, byte[] Content)> files)
    {
        var before = await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents");
        var count = 0;
        foreach (var (name, content) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(_dropFolder, name), content);
            count++;
        }

        var started = await _infrastructure.ScalarAsync<DateTime>("SELECT now()");
        await _infrastructure.ExecuteAsync("UPDATE fetcher.sources SET next_due_at = now() WHERE id = $1", DropSourceId);
        await Eventually.TrueAsync(
            async () => await _infrastructure.ScalarAsync<bool>("SELECT last_attempt_at >= $2 AND lease_until IS NULL FROM fetcher.sources WHERE id = $1", DropSourceId, started),
            Timeout, "the drop folder polled");
        Assert.Equal(before + count, await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM fetcher.documents"));
        await Eventually.TrueAsync(
            async () => await _infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key NOT LIKE '%:reparse:%'") == before + count,
            Timeout, "every new document parsed");
        await QuiesceAsync();
    }

    /// <summary>Every outbox drained and every stage's last write older than a moment ago, twice in a row.</summary>
    private async Task QuiesceAsync()
    {
        const string Idle = """
            SELECT (SELECT count(*) FROM fetcher.outbox_messages) + (SELECT count(*) FROM parse.outbox_messages)
                 + (SELECT count(*) FROM classify.outbox_messages) + (SELECT count(*) FROM publish.outbox_messages) = 0
               AND coalesce((SELECT max(processed_at) FROM classify.inbox_records), '-infinity') < now() - interval '1 second'
               AND coalesce((SELECT max(processed_at) FROM publish.inbox_records), '-infinity') < now() - interval '1 second'
            """;
        var quiet = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                quiet = await _infrastructure.ScalarAsync<bool>(Idle) ? quiet + 1 : 0;
                return quiet >= 3;
            },
            Timeout, "the pipeline idle");
    }

    private Task<List<(string, long)>> SequencesAsync() =>
        _infrastructure.QueryAsync("SELECT id, sequence FROM parse.papers ORDER BY id", r => (r.GetString(0), r.GetInt64(1)));

    private Task<List<(string, int, string)>> RevisionsAsync() =>
        _infrastructure.QueryAsync("SELECT paper_id, revision, content_hash FROM publish.papers ORDER BY paper_id", r => (r.GetString(0), r.GetInt32(1), r.GetString(2)));
}
