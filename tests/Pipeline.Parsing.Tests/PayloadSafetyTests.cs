using System.Text;

namespace Pipeline.Parsing.Tests;

public sealed class PayloadSafetyTests
{
    private const string Xxe = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2406.12345v1</id><title>&xxe;</title></entry></feed>
        """;

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><item><title>&lol9;</title><link>https://arxiv.org/abs/2406.12345</link></item></channel></rss>
        """;

    [Theory]
    [InlineData(PayloadParser.AutoFormat)]
    [InlineData("arxiv-atom")]
    [InlineData("atom")]
    public void Rejects_an_external_entity_payload(string format)
    {
        var ex = TestFiles.RejectedText(Xxe, format);

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PayloadParser.AutoFormat)]
    [InlineData("rss")]
    [InlineData("arxiv-rss")]
    public void Rejects_an_entity_expansion_payload(string format)
    {
        var ex = TestFiles.RejectedText(BillionLaughs, format);

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_undeclared_entity_reference()
    {
        var ex = TestFiles.RejectedText("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&bogus;</title></feed>", "atom");

        Assert.Contains("bogus", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oai_pmh", "ListRecordsResponse.xml", 4000)]
    [InlineData("arxiv_atom", "2016_quantum_criticality.xml", 2500)]
    [InlineData("arxiv_rss", "rss_excerpt.xml", 9000)]
    public void Rejects_truncated_xml_saying_it_is_truncated(string folder, string file, int keep)
    {
        var bytes = TestFiles.Bytes(folder, file)[..keep];

        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(bytes, PayloadParser.AutoFormat));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_truncated_json_saying_it_ends_early()
    {
        var bytes = TestFiles.Bytes("hf_api", "search_derived.json")[..700];

        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(bytes, "hf-search"));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PayloadParser.AutoFormat)]
    [InlineData("arxiv-atom")]
    [InlineData("oai-pmh")]
    [InlineData("rss")]
    [InlineData("hf-daily")]
    [InlineData("hf-html")]
    [InlineData("arxiv-jsonl")]
    public void Rejects_an_html_error_page_served_as_a_feed(string format)
    {
        const string page = "<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1></body></html>";

        var ex = TestFiles.RejectedText(page, format);

        Assert.Contains("HTML", ex.Message, StringComparison.Ordinal);
        Assert.Contains("503 Service Temporarily Unavailable", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PayloadParser.AutoFormat)]
    [InlineData("oai-pmh")]
    [InlineData("arxiv-jsonl")]
    public void Rejects_invalid_utf8_with_the_offset(string format)
    {
        var bytes = TestFiles.Bytes("oai_pmh", "ErrorResponseBadVerb.xml").ToArray();
        bytes[100] = 0xC3;
        bytes[101] = 0x28;

        var ex = Assert.Throws<PayloadRejectedException>(() => PayloadParser.Parse(bytes, format));

        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offset 100", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"papers\": 3}", "hf-search", "object with keys [papers]")]
    [InlineData("[1, 2, 3]", "hf-search", "search-result")]
    [InlineData("\"just a string\"", "hf-paper", "JSON string")]
    [InlineData("{\"id\": \"x\", \"title\": \"t\"}", "hf-paper", "not an arXiv id")]
    [InlineData("{\"title\": \"feed without items\", \"version\": \"https://jsonfeed.org/version/1.1\"}", "jsonfeed", "no 'items'")]
    [InlineData("{\"status\": \"ok\", \"data\": []}", "auto", "envelope")]
    [InlineData("<unknown/>", "auto", "<unknown>")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "oai-pmh", "OAI-PMH")]
    [InlineData("[{\"paper\": 1}]", "hf-daily", "not an object")]
    [InlineData("{\"a\":1}", "atom", "JSON")]
    public void Json_and_xml_of_an_unexpected_shape_get_a_clear_reason(string payload, string format, string expected)
    {
        var ex = TestFiles.RejectedText(payload, format);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_formats_are_rejected_with_the_known_ones_listed()
    {
        var ex = TestFiles.RejectedText("[]", "csv");

        Assert.Contains("oai-pmh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_but_payload_rejections_escapes_parse_for_any_prefix_of_real_captures()
    {
        var samples = new[]
        {
            TestFiles.Bytes("oai_pmh", "litpuvn_GetRecord.xml"), TestFiles.Bytes("arxiv_atom", "2026_id_1707.08567.xml"),
            TestFiles.Bytes("hf_api", "search_derived.json"), TestFiles.Bytes("feeds", "jsonfeed_derived.json"),
            Encoding.UTF8.GetBytes(TestFiles.Text("jsonl", "arxiv-metadata-oai-snapshot-first200.jsonl")[..6000]),
        };
        foreach (var sample in samples)
        {
            for (var cut = 1; cut < sample.Length; cut += 97)
            {
                try
                {
                    PayloadParser.Parse(sample.AsMemory(0, cut), PayloadParser.AutoFormat);
                }
                catch (PayloadRejectedException)
                {
                }
            }
        }
    }
}
