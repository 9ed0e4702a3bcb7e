using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Net.Http.Headers;
using Pipeline.Api.Feeds;

namespace Pipeline.Api.Tests;

/// <summary>The feed writers, cursor, validators and saved-query rules, without a server.</summary>
public sealed class FeedWriterTests
{
    private static readonly DateTimeOffset Published = new(2024, 6, 17, 9, 30, 15, TimeSpan.Zero);

    private static readonly FeedLinks Links = new("http://127.0.0.1:5080/");

    private static FeedEntry Entry(string id = "2406.11896", string? abstractText = null, int revision = 1) => new()
    {
        PaperId = id,
        Revision = revision,
        Title = "DigiRL: Training In-The-Wild Device-Control Agents",
        Abstract = abstractText ?? "We study $O(n^2)$ attention with \\alpha < 1 & more.",
        Authors = ["Hao Bai", "Yifei Zhou", "  "],
        Topics = [new FeedTopic("agents", 0.91), new FeedTopic("reinforcement-learning", null)],
        BaseModels = ["llama"],
        Benchmarks = ["AitW"],
        CodeUrls = ["https://github.com/DigiRL-agent/digirl", "not a url"],
        AbstractUrl = $"https://arxiv.org/abs/{id}",
        ArxivPublishedAt = Published.AddDays(-1),
        FirstPublishedAt = Published,
        LastPublishedAt = Published.AddHours(2),
    };

    private static FeedDocument Document(IReadOnlyList<FeedEntry> entries, string? next = "http://127.0.0.1:5080/feeds/all.atom?before=abc") => new()
    {
        Title = "Paper pipeline: all papers",
        Description = "Every published paper.",
        Id = "http://127.0.0.1:5080/feeds/all.atom",
        SelfUrl = "http://127.0.0.1:5080/feeds/all.atom",
        FirstUrl = "http://127.0.0.1:5080/feeds/all.atom?limit=10",
        NextUrl = next,
        OtherFormatUrl = "http://127.0.0.1:5080/feeds/all.json",
        HomePageUrl = Links.PapersPage(new FeedFilter()),
        Links = Links,
        TopicNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["agents"] = "Agents", ["reinforcement-learning"] = "Reinforcement learning" },
        Entries = entries,
    };

    private static SyndicationFeed Load(byte[] atom)
    {
        using var reader = XmlReader.Create(new MemoryStream(atom), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public void Atom_writer_output_reads_back_with_SyndicationFeed()
    {
        var feed = Load(AtomFeedWriter.Write(Document([Entry(), Entry("hep-th/9901001")])));

        Assert.Equal("Paper pipeline: all papers", feed.Title.Text);
        Assert.Equal("http://127.0.0.1:5080/feeds/all.atom", feed.Id);
        Assert.Equal(Published.AddHours(2), feed.LastUpdatedTime);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.ToString() == "http://127.0.0.1:5080/feeds/all.atom");
        Assert.Contains(feed.Links, l => l.RelationshipType == "next" && l.Uri.ToString() == "http://127.0.0.1:5080/feeds/all.atom?before=abc");
        Assert.Contains(feed.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html" && l.Uri.ToString() == "http://127.0.0.1:5080/papers");

        var items = feed.Items.ToList();
        Assert.Equal(2, items.Count);
        var item = items[0];
        Assert.Equal("https://arxiv.org/abs/2406.11896", item.Id);
        Assert.Equal("DigiRL: Training In-The-Wild Device-Control Agents", item.Title.Text);
        Assert.Equal("We study $O(n^2)$ attention with \\alpha < 1 & more.", item.Summary.Text);
        Assert.Equal(Published, item.PublishDate);
        Assert.Equal(Published.AddHours(2), item.LastUpdatedTime);
        Assert.Equal("Hao Bai|Yifei Zhou", string.Join('|', item.Authors.Select(a => a.Name)));
        Assert.Contains(item.Categories, c => c.Name == "agents" && c.Scheme == "http://127.0.0.1:5080/papers?topic=" && c.Label == "Agents");
        Assert.Contains(item.Categories, c => c.Name == "llama" && c.Scheme == "http://127.0.0.1:5080/papers?model=");
        Assert.Contains(item.Categories, c => c.Name == "AitW" && c.Scheme == "http://127.0.0.1:5080/papers?benchmark=");
        Assert.Contains(item.Links, l => l.RelationshipType == "alternate" && l.MediaType == "text/html" && l.Uri.ToString() == "https://arxiv.org/abs/2406.11896");
        Assert.Contains(item.Links, l => l.RelationshipType == "related" && l.Uri.ToString() == "http://127.0.0.1:5080/papers/2406.11896");
        Assert.Single(item.Links, l => l.RelationshipType == "related" && l.Title == "Code");

        // Old-style ids keep their slash in the paper page's path.
        Assert.Contains(items[1].Links, l => l.RelationshipType == "related" && l.Uri.ToString() == "http://127.0.0.1:5080/papers/hep-th/9901001");
    }

    [Fact]
    public void Abstract_with_characters_invalid_in_XML_does_not_break_either_feed()
    {
        var dirty = "Control\u0001 chars\u0008, vertical\u000Btab, form\u000Cfeed, lone \uD800 surrogate, \uFFFE nonchar, emoji 😀, tab\tand\r\nnewlines, Ünïcödé.";
        var entry = Entry(abstractText: dirty) with { Title = "Title\u0000 with NUL", Authors = ["Bad\u001FAuthor"] };
        var clean = "Control chars, verticaltab, formfeed, lone  surrogate,  nonchar, emoji 😀, tab\tand\r\nnewlines, Ünïcödé.";

        var atom = Load(AtomFeedWriter.Write(Document([entry])));
        var item = Assert.Single(atom.Items);
        Assert.Equal(clean, item.Summary.Text);
        Assert.Equal("Title with NUL", item.Title.Text);
        Assert.Equal("BadAuthor", Assert.Single(item.Authors).Name);

        var json = JsonDocument.Parse(JsonFeedWriter.Write(Document([entry])));
        var jsonItem = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(clean, jsonItem.GetProperty("content_text").GetString());
        Assert.Equal("Title with NUL", jsonItem.GetProperty("title").GetString());
    }

    [Fact]
    public void Json_feed_has_the_1_1_shape_with_the_pipeline_extension()
    {
        var root = JsonDocument.Parse(JsonFeedWriter.Write(Document([Entry(abstractText: new string('x', 20) + " " + string.Concat(Enumerable.Repeat("word ", 100)))]))).RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("Paper pipeline: all papers", root.GetProperty("title").GetString());
        Assert.Equal("http://127.0.0.1:5080/papers", root.GetProperty("home_page_url").GetString());
        Assert.Equal("http://127.0.0.1:5080/feeds/all.atom?limit=10", root.GetProperty("feed_url").GetString());
        Assert.Equal("http://127.0.0.1:5080/feeds/all.atom?before=abc", root.GetProperty("next_url").GetString());

        var item = Assert.Single(root.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("https://arxiv.org/abs/2406.11896", item.GetProperty("id").GetString());
        Assert.Equal("http://127.0.0.1:5080/papers/2406.11896", item.GetProperty("url").GetString());
        Assert.Equal("https://arxiv.org/abs/2406.11896", item.GetProperty("external_url").GetString());
        Assert.EndsWith("…", item.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(item.GetProperty("summary").GetString()!.Length <= JsonFeedWriter.SummaryLength + 1);
        Assert.Equal(Published, item.GetProperty("date_published").GetDateTimeOffset());
        Assert.Equal(Published.AddHours(2), item.GetProperty("date_modified").GetDateTimeOffset());
        Assert.Equal("Hao Bai|Yifei Zhou", string.Join('|', item.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString())));
        Assert.Equal("agents|reinforcement-learning|llama|AitW", string.Join('|', item.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

        var pipeline = item.GetProperty("_pipeline");
        Assert.Equal(1, pipeline.GetProperty("revision").GetInt32());
        var topics = pipeline.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal(0.91, topics[0].GetProperty("score").GetDouble());
        Assert.Equal("Agents", topics[0].GetProperty("name").GetString());
        Assert.False(topics[1].TryGetProperty("score", out _));
        Assert.Equal("llama", string.Join('|', pipeline.GetProperty("models").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal("AitW", string.Join('|', pipeline.GetProperty("benchmarks").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(2, pipeline.GetProperty("codeUrls").GetArrayLength());
        Assert.Equal(0, pipeline.GetProperty("related").GetArrayLength());

        var last = JsonDocument.Parse(JsonFeedWriter.Write(Document([], next: null))).RootElement;
        Assert.False(last.TryGetProperty("next_url", out _));
        Assert.Equal(0, last.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void The_embedding_lanes_related_papers_ride_in_both_feeds()
    {
        var entry = Entry() with { Related = [new FeedRelated("2406.07230", "GUI agents <at scale>", 0.81234), new FeedRelated("hep-th/9901001", "Strings", 0.5)] };

        var item = Assert.Single(Load(AtomFeedWriter.Write(Document([entry]))).Items);
        Assert.Contains(item.Links, l => l.RelationshipType == "related" && l.Uri.ToString() == "http://127.0.0.1:5080/papers/2406.07230" && l.Title == "Related paper: GUI agents <at scale>");
        Assert.Contains(item.Links, l => l.RelationshipType == "related" && l.Uri.ToString() == "http://127.0.0.1:5080/papers/hep-th/9901001");

        var json = JsonDocument.Parse(JsonFeedWriter.Write(Document([entry]))).RootElement;
        var related = json.GetProperty("items")[0].GetProperty("_pipeline").GetProperty("related").EnumerateArray().ToList();
        Assert.Equal(["2406.07230", "hep-th/9901001"], related.Select(r => r.GetProperty("paperId").GetString()));
        Assert.Equal(0.8123, related[0].GetProperty("similarity").GetDouble());
        Assert.Equal("GUI agents <at scale>", related[0].GetProperty("title").GetString());
        Assert.Equal("http://127.0.0.1:5080/papers/2406.07230", related[0].GetProperty("url").GetString());
    }

    [Fact]
    public void Empty_feed_is_valid_Atom_with_a_fixed_updated_time()
    {
        var feed = Load(AtomFeedWriter.Write(Document([], next: null)));
        Assert.Empty(feed.Items);
        Assert.Equal(DateTimeOffset.UnixEpoch, feed.LastUpdatedTime);
        Assert.DoesNotContain(feed.Links, l => l.RelationshipType == "next");
    }

    [Theory]
    [InlineData("2406.11896")]
    [InlineData("hep-th/9901001")]
    [InlineData("math.GT/0309136")]
    public void Cursor_round_trips_at_microsecond_precision(string id)
    {
        var at = new DateTimeOffset(2024, 6, 17, 9, 30, 15, TimeSpan.Zero).AddTicks(1234560);
        var encoded = new FeedCursor(at, id).Encode();
        Assert.DoesNotContain(encoded, c => c is '+' or '/' or '=');
        Assert.True(FeedCursor.TryDecode(encoded, out var decoded));
        Assert.Equal(new FeedCursor(at, id), decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("bm9jb2xvbg")] // "nocolon"
    [InlineData("eDox")] // "x:1": no number before the colon
    [InlineData("MTI6")] // "12:": no id
    public void Cursor_rejects_what_a_next_link_never_holds(string value) =>
        Assert.False(FeedCursor.TryDecode(value, out _));

    [Fact]
    public void Not_modified_by_ETag_first_then_by_date_at_second_precision()
    {
        const string etag = "\"abc\"";
        var modified = new DateTimeOffset(2024, 6, 17, 9, 30, 15, TimeSpan.Zero).AddMilliseconds(700);
        var seconds = modified.AddMilliseconds(-700);
        Assert.True(FeedValidators.IsNotModified([new EntityTagHeaderValue(etag)], null, etag, modified));
        Assert.True(FeedValidators.IsNotModified([EntityTagHeaderValue.Any], null, etag, modified));
        Assert.True(FeedValidators.IsNotModified([new EntityTagHeaderValue(etag, isWeak: true)], null, etag, modified));
        Assert.False(FeedValidators.IsNotModified([new EntityTagHeaderValue("\"other\"")], seconds, etag, modified));
        Assert.True(FeedValidators.IsNotModified(null, seconds, etag, modified));
        Assert.False(FeedValidators.IsNotModified(null, seconds.AddSeconds(-1), etag, modified));
        Assert.False(FeedValidators.IsNotModified(null, seconds, etag, null));
        Assert.False(FeedValidators.IsNotModified(null, null, etag, modified));
    }

    [Fact]
    public void ETag_changes_with_a_revision_the_format_or_the_page()
    {
        var page = Document([Entry()]);
        var etag = FeedValidators.ETag(FeedFormat.Atom, page);
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.Equal(etag, FeedValidators.ETag(FeedFormat.Atom, Document([Entry()])));
        Assert.NotEqual(etag, FeedValidators.ETag(FeedFormat.Json, page));
        Assert.NotEqual(etag, FeedValidators.ETag(FeedFormat.Atom, Document([Entry(revision: 2)])));
        Assert.NotEqual(etag, FeedValidators.ETag(FeedFormat.Atom, page with { SelfUrl = page.SelfUrl + "?limit=5" }));
    }

    [Fact]
    public void Clean_keeps_valid_text_as_is_and_removes_only_what_XML_forbids()
    {
        const string valid = "Tab\t, newline\n, CR\r, é, 数学, 😀, \uE000, \uFFFD";
        Assert.Same(valid, FeedText.Clean(valid));
        Assert.Equal("", FeedText.Clean(null));
        Assert.Equal("ab", FeedText.Clean("a\u0000\u001F\uDC00\uFFFFb"));
        Assert.Equal("x😀", FeedText.Clean("x\uD83D\uDE00\uD83D"));
        var roundTrip = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(FeedText.Clean("a\uD800b")));
        Assert.Equal("ab", roundTrip);
    }

    [Fact]
    public void Saved_queries_need_a_url_safe_name_a_filter_and_a_known_topic()
    {
        static bool IsTopic(string t) => t == "agents";
        Assert.Empty(SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "my-agents", Topic = "agents" }, IsTopic));
        Assert.Empty(SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "x1", Q = "\"diffusion model\" -video" }, IsTopic));
        Assert.Contains("name", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "Has Space", Topic = "agents" }, IsTopic).Keys);
        Assert.Contains("name", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "-leading", Topic = "agents" }, IsTopic).Keys);
        Assert.Contains("name", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Topic = "agents" }, IsTopic).Keys);
        Assert.Contains("filter", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "nothing", Q = "  " }, IsTopic).Keys);
        Assert.Contains("topic", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "t", Topic = "unknown" }, IsTopic).Keys);
        Assert.Contains("title", SavedFeedQueries.Validate(new SavedFeedQueryRequest { Name = "t", Topic = "agents", Title = new string('t', 201) }, IsTopic).Keys);
    }
}
