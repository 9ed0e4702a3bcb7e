using Pipeline.Fetch.Sources;

namespace Pipeline.Fetch.Tests;

public sealed class PageInfoTests
{
    private static byte[] Capture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "fetch", name));

    [Fact]
    public void Reads_the_new_atom_format_paging_numbers()
    {
        var page = PageInfo.Read(Capture("atom_new_q_testing_s0_m10.xml"));

        Assert.Equal(10, page.Entries);
        Assert.Equal(214881, page.TotalResults);
        Assert.Equal(0, page.StartIndex);
        Assert.Null(page.ResumptionToken);
    }

    [Fact]
    public void Reads_the_old_atom_format_with_inline_namespaces()
    {
        var page = PageInfo.Read(Capture("atom_old_del_maestro.xml"));

        Assert.Equal(10, page.Entries);
        Assert.Equal(31, page.TotalResults);
    }

    [Fact]
    public void An_empty_result_has_no_entries()
    {
        var page = PageInfo.Read(Capture("atom_empty.xml"));

        Assert.Equal(0, page.Entries);
        Assert.Equal(0, page.TotalResults);
    }

    [Fact]
    public void Reads_the_oai_resumption_token()
    {
        var page = PageInfo.Read(Capture("oai_list_records.xml"));

        Assert.Equal("726959|1001", page.ResumptionToken);
        Assert.Equal(6, page.Entries);
        Assert.Null(page.OaiError);
    }

    [Theory]
    [InlineData("oai_no_records_match.xml", "noRecordsMatch")]
    [InlineData("oai_bad_resumption_token.xml", "badResumptionToken")]
    public void Reads_the_oai_error_code(string file, string code) => Assert.Equal(code, PageInfo.Read(Capture(file)).OaiError);

    [Fact]
    public void A_document_with_a_dtd_is_not_expanded_and_ends_the_walk()
    {
        var xxe = """<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed xmlns="http://www.w3.org/2005/Atom"><entry>&x;</entry></feed>"""u8.ToArray();

        var page = PageInfo.Read(xxe);

        Assert.Equal(0, page.Entries);
    }
}

public sealed class SourceUrlTests
{
    [Fact]
    public void Arxiv_api_pages_advance_by_start_and_never_ask_past_max_results()
    {
        var source = new SourceOptions { Kind = SourceKinds.ArxivApi, Query = "cat:cs.CL AND ti:lora", PageSize = 100, MaxResults = 250 };

        Assert.Equal("https://export.arxiv.org/api/query?search_query=cat%3Acs.CL%20AND%20ti%3Alora&start=0&max_results=100&sortBy=submittedDate&sortOrder=descending", ArxivApiSource.PageUrl(source, 0));
        Assert.Contains("start=200&max_results=50", ArxivApiSource.PageUrl(source, 200), StringComparison.Ordinal);
    }

    [Fact]
    public void Arxiv_api_id_list_wins_over_a_query()
    {
        var source = new SourceOptions { Kind = SourceKinds.ArxivApi, IdList = "2406.12345,hep-th/9901001", BaseUrl = "http://127.0.0.1:9/" };

        Assert.StartsWith("http://127.0.0.1:9/api/query?id_list=2406.12345%2Chep-th%2F9901001&start=0", ArxivApiSource.PageUrl(source, 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SourceKinds.ArxivRss, "https://rss.arxiv.org/rss/cs.CL+cs.LG")]
    [InlineData(SourceKinds.HfSearch, "https://huggingface.co/api/papers/search?q=low-rank%20adaptation")]
    public void One_url_sources_build_their_url(string kind, string expected)
    {
        var source = new SourceOptions { Kind = kind, Categories = "cs.CL+cs.LG", Query = "low-rank adaptation" };

        Assert.Equal(expected, FeedSource.UrlOf(source));
    }
}

public sealed class HostPolicyTests
{
    [Fact]
    public void A_min_interval_is_a_bucket_of_one()
    {
        var arxiv = FetchOptions.BuiltInHosts["export.arxiv.org"];

        Assert.Equal(1, arxiv.Capacity);
        Assert.Equal(1 / 3.0, arxiv.RefillPerSecond, 6);
    }

    [Fact]
    public void A_window_limit_leaves_room_for_the_burst()
    {
        var hf = new FetchOptions().PolicyFor("huggingface.co");

        // Worst case in any 5 minutes: the burst plus what refills in 5 minutes, which is exactly the limit.
        Assert.Equal(500, hf.Capacity + (hf.RefillPerSecond * 300), 6);
    }

    [Fact]
    public void Configured_hosts_override_built_in_ones_and_unknown_hosts_get_the_default()
    {
        var options = new FetchOptions { Hosts = { ["export.arxiv.org"] = new HostPolicy { MinInterval = TimeSpan.FromSeconds(5) } } };

        Assert.Equal(0.2, options.PolicyFor("EXPORT.arxiv.org").RefillPerSecond, 6);
        Assert.Same(options.DefaultHost, options.PolicyFor("example.org"));
        Assert.True(options.PolicyFor("127.0.0.1").Capacity > 1, "loopback is not throttled");
    }
}

public sealed class SourceStatusTests
{
    private static readonly SourceOptions Daily = new() { Kind = SourceKinds.ArxivRss, Categories = "cs.CL", ExpectedUpdate = TimeSpan.FromDays(1), SkipWeekends = true };

    [Fact]
    public void A_weekday_listing_unchanged_for_more_than_a_day_is_stale()
    {
        var tuesday = new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

        Assert.Equal(SourceHealth.Stale, SourceStatus.Health(true, false, 0, tuesday.AddDays(1.2), tuesday, Daily, tuesday.AddDays(1.2)));
    }

    [Fact]
    public void A_quiet_weekend_is_not_stale()
    {
        var fridayMorning = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var mondayMorning = new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);

        Assert.Equal(SourceHealth.Ok, SourceStatus.Health(true, false, 0, mondayMorning, fridayMorning, Daily, mondayMorning));
        Assert.Equal(TimeSpan.FromHours(23), SourceStatus.WeekdayTimeBetween(fridayMorning, mondayMorning));
    }

    [Fact]
    public void Without_weekend_skipping_the_same_gap_is_stale()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var hourly = new SourceOptions { Kind = SourceKinds.Feed, Url = "https://example.org/f", ExpectedUpdate = TimeSpan.FromDays(1) };

        Assert.True(SourceStatus.IsStale(friday, hourly, friday.AddDays(3)));
    }

    [Theory]
    [InlineData(false, false, 0, SourceHealth.Disabled)]
    [InlineData(true, true, 0, SourceHealth.Paused)]
    [InlineData(true, false, 3, SourceHealth.Failing)]
    public void Operator_states_win_over_staleness(bool enabled, bool paused, int failures, SourceHealth expected)
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(expected, SourceStatus.Health(enabled, paused, failures, now.AddDays(-9), now.AddDays(-9), Daily, now));
    }
}

public sealed class HfPeriodTests
{
    [Theory]
    [InlineData("day", "date=2025-06-05")]
    [InlineData("week", "week=2025-W23")]
    [InlineData("month", "month=2025-06")]
    public void Names_the_period_of_a_day(string period, string expected) =>
        Assert.Equal(expected, HfDailySource.PeriodQuery(new DateOnly(2025, 6, 5), period));

    [Fact]
    public void The_iso_week_of_early_january_can_belong_to_the_previous_year() =>
        Assert.Equal("week=2020-W53", HfDailySource.PeriodQuery(new DateOnly(2021, 1, 2), "week"));
}
