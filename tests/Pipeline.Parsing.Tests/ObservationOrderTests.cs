using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Parsing.Tests;

/// <summary>
/// The merged record is a function of the set of observations: the real multi-observation captures of
/// <c>order/documents.tsv</c> applied in many orders (and with many fetch times) end in byte-identical records, and
/// the newest observation wins whatever arrives last.
/// </summary>
public sealed class ObservationOrderTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record Document(string File, string SourceId, IReadOnlyList<ParsedPaper> Papers)
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    private static List<Document> Documents(bool oneSource) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "order", "documents.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => new Document(c[0], oneSource ? "cli" : c[1], Parse(c[0])))
            .ToList();

    private static IReadOnlyList<ParsedPaper> Parse(string file)
    {
        var result = PayloadParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SharedTestData", file)), PayloadParser.AutoFormat);
        Assert.NotEmpty(result.Papers);
        return result.Papers;
    }

    /// <summary>Applies the documents in the given order as Parse's store does; returns each paper's merged record as JSON.</summary>
    private static SortedDictionary<string, string> Run(IEnumerable<(Document Document, DateTimeOffset FetchedAt)> documents)
    {
        var kept = new Dictionary<(string, string, string), PaperObservation>();
        foreach (var (document, fetchedAt) in documents)
        {
            foreach (var paper in PaperMerger.Merge(document.Papers))
            {
                Observations.Apply(kept, Observations.Observe(paper, document.SourceId, fetchedAt, document.Id));
            }
        }

        return new SortedDictionary<string, string>(
            kept.Values.GroupBy(v => v.PaperId).ToDictionary(g => g.Key, g => JsonSerializer.Serialize(Observations.Merge(g), Web)),
            StringComparer.Ordinal);
    }

    [Theory]
    [InlineData(false, 20261207)]
    [InlineData(true, 20261208)]
    [InlineData(false, 7)]
    public void Sixty_orders_of_the_documents_give_byte_identical_merged_records(bool oneSource, int seed)
    {
        var documents = Documents(oneSource);
        var random = new Random(seed);
        // Fetch times are a property of the documents (drawn once per seed, so an older listing may be fetched last);
        // the order they are parsed in is what varies.
        var fetched = documents.ToDictionary(d => d, _ => new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 86_400)));
        var reference = Run(documents.Select(d => (d, fetched[d])));
        Assert.True(reference.Count > 100, $"only {reference.Count} papers");

        var orders = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var order = documents.OrderBy(_ => random.Next()).ToList();
            orders.Add(string.Join(",", order.Select(d => documents.IndexOf(d))));
            var result = Run(order.Select(d => (d, fetched[d])));
            Assert.Equal(reference.Keys, result.Keys);
            foreach (var (id, json) in reference)
            {
                Assert.True(json == result[id], $"{id} differs after order {orders.Last()}:\n{json}\n{result[id]}");
            }
        }

        Assert.True(orders.Count >= 50, $"only {orders.Count} distinct orders");
        AssertNewestWins(reference);
    }

    private static void AssertNewestWins(SortedDictionary<string, string> merged)
    {
        var rest = JsonSerializer.Deserialize<ParsedPaper>(merged["2507.10541"], Web)!;
        // The newer HF listing's link, project page and upvotes, whichever listing was parsed or fetched last.
        Assert.Equal("https://github.com/opendatalab/REST", rest.GithubRepo);
        Assert.Equal("https://opendatalab.github.io/REST/", rest.ProjectPage);
        Assert.Equal(10, rest.Upvotes);
        // arXiv's text and the newest version, with the lineage of both.
        Assert.Equal(2, rest.Version);
        Assert.Equal([1, 2], rest.Versions.Select(v => v.Version));
        Assert.StartsWith("REST: Stress Testing", rest.Title, StringComparison.Ordinal);
        Assert.Null(rest.ObservedAt);

        // The OAI-PMH deletion withdraws the paper, whatever page came after it.
        var deleted = JsonSerializer.Deserialize<ParsedPaper>(merged["0704.0874"], Web)!;
        Assert.True(deleted.Withdrawn);
        Assert.NotEmpty(deleted.Title); // the record stays readable
        Assert.False(JsonSerializer.Deserialize<ParsedPaper>(merged["0704.0716"], Web)!.Withdrawn);
    }

    [Fact]
    public void An_older_observation_never_replaces_a_newer_one_of_the_same_source()
    {
        var newer = Parse("merge/hf_daily_2025-07-15.json").Single(p => p.Id == "2507.10541");
        var older = Parse("order/hf_daily_2025-07-14_derived.json").Single();
        var fetch = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var kept = new Dictionary<(string, string, string), PaperObservation>();

        Assert.True(Observations.Apply(kept, Observations.Observe(newer, "hf", fetch, Guid.NewGuid())));
        // The older listing is fetched later (a backfill): still older by the source's own clock.
        Assert.False(Observations.Apply(kept, Observations.Observe(older, "hf", fetch.AddHours(5), Guid.NewGuid())));
        Assert.Equal(10, kept.Values.Single().Record.Upvotes);

        // The same listing fetched again later (upvotes grown) is newer: same source time, later fetch.
        var refetched = Guid.NewGuid();
        Assert.True(Observations.Apply(kept, Observations.Observe(newer with { Upvotes = 54 }, "hf", fetch.AddHours(6), refetched)));
        Assert.Equal(54, kept.Values.Single().Record.Upvotes);

        // The same document parsed again (a parser change) replaces its own observation; another source keeps its own view.
        Assert.True(Observations.Apply(kept, Observations.Observe(newer with { Upvotes = 55 }, "hf", fetch.AddHours(6), refetched)));
        Assert.True(Observations.Apply(kept, Observations.Observe(older, "cli", fetch, Guid.NewGuid())));
        Assert.Equal(2, kept.Count);
        var merged = Observations.Merge(kept.Values);
        Assert.Equal((55, "https://github.com/opendatalab/REST"), (merged.Upvotes, merged.GithubRepo));
    }

    [Fact]
    public void Source_times_come_from_the_source_where_it_has_one()
    {
        var hf = Parse("merge/hf_daily_2025-07-15.json").Single(p => p.Id == "2507.10541");
        Assert.Equal(DateTimeOffset.Parse("2025-07-15T05:04:35.807Z", System.Globalization.CultureInfo.InvariantCulture), Observations.SourceTime(hf));
        var atom = Parse("merge/2026_q_testing_s0_m100.xml").Single(p => p.Id == "2507.10541");
        Assert.Equal(atom.Updated, Observations.SourceTime(atom));
        var deleted = Parse("order/oai_deleted_0704.0874_derived.xml").Single();
        Assert.NotNull(deleted.ObservedAt);
        Assert.Equal(deleted.ObservedAt, Observations.SourceTime(deleted));

        var fetched = new DateTimeOffset(2026, 12, 1, 1, 2, 3, TimeSpan.Zero).AddTicks(7);
        var untimed = hf with { ObservedAt = null, ListedAt = null };
        var observation = Observations.Observe(untimed, "hf", fetched, Guid.NewGuid());
        // No time of its own: the fetch time, to the microsecond PostgreSQL keeps.
        Assert.Equal(fetched.AddTicks(-7), observation.ObservedAt);
        Assert.Equal(observation.ObservedAt, observation.FetchedAt);
    }

    [Fact]
    public void A_refetch_with_other_bytes_is_the_same_record()
    {
        var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "merge", "hf_daily_2025-07-15.json"));
        // Re-serialised compactly with every object's keys in reverse order: what a real re-fetch can look like.
        var node = JsonNode.Parse(original)!;
        var compact = Encoding.UTF8.GetBytes(Reverse(node)!.ToJsonString());
        Assert.NotEqual(original, compact);

        var fetch = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var kept = new Dictionary<(string, string, string), PaperObservation>();
        foreach (var paper in PaperMerger.Merge(PayloadParser.Parse(original, PayloadParser.AutoFormat).Papers))
        {
            Observations.Apply(kept, Observations.Observe(paper, "hf", fetch, Guid.NewGuid()));
        }

        var before = kept.Values.ToDictionary(v => v.PaperId, v => JsonSerializer.Serialize(Observations.Merge([v]), Web));
        foreach (var paper in PaperMerger.Merge(PayloadParser.Parse(compact, PayloadParser.AutoFormat).Papers))
        {
            Assert.True(Observations.Apply(kept, Observations.Observe(paper, "hf", fetch.AddHours(1), Guid.NewGuid())), "a later fetch is the newer observation");
        }

        Assert.Equal(before, kept.Values.ToDictionary(v => v.PaperId, v => JsonSerializer.Serialize(Observations.Merge([v]), Web)));
    }

    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Reverse(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}
