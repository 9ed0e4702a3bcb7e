using System.Xml;

namespace Pipeline.Fetch.Sources;

/// <summary>
/// The paging metadata a fetcher needs to walk a listing, read without parsing papers (that is Parse's job):
/// the arXiv API's OpenSearch numbers and entry count, and OAI-PMH's resumption token and error code.
/// DTDs are prohibited and nothing is resolved.
/// </summary>
public sealed record PageInfo(int Entries, int? TotalResults, int? StartIndex, string? ResumptionToken, string? OaiError)
{
    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    public static PageInfo Read(byte[] body)
    {
        int entries = 0;
        int? total = null, start = null;
        string? token = null, error = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Safe);
            var more = reader.Read();
            while (more)
            {
                // ReadElementContentAsString moves past the element, so only Read() when nothing was consumed.
                var consumed = true;
                switch (reader.NodeType == XmlNodeType.Element ? reader.LocalName : null)
                {
                    case "totalResults":
                        total = ReadInt(reader);
                        break;
                    case "startIndex":
                        start = ReadInt(reader);
                        break;
                    case "resumptionToken":
                        token = reader.ReadElementContentAsString().Trim();
                        break;
                    case "entry":
                    case "record":
                        entries++;
                        consumed = false;
                        break;
                    case "error" when reader.NamespaceURI == "http://www.openarchives.org/OAI/2.0/":
                        error = reader.GetAttribute("code");
                        consumed = false;
                        break;
                    default:
                        consumed = false;
                        break;
                }

                more = consumed ? !reader.EOF : reader.Read();
            }
        }
        catch (XmlException)
        {
            // Parse records why the document is bad; for paging it simply ends the walk.
        }

        return new PageInfo(entries, total, start, string.IsNullOrEmpty(token) ? null : token, error);
    }

    private static int? ReadInt(XmlReader reader) =>
        int.TryParse(reader.ReadElementContentAsString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
