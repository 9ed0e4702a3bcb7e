using System.Text.RegularExpressions;

namespace Pipeline.Parsing;

/// <summary>DOIs in free text: <c>10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902</c>, DOI URLs, <c>doi:</c> prefixes.</summary>
public static partial class Dois
{
    [GeneratedRegex(@"10\.\d{4,9}/[^\s,;""<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex Doi();

    /// <summary>Every DOI found in <paramref name="texts"/>, trailing punctuation trimmed, case-insensitive duplicates and arXiv's own DOI dropped.</summary>
    public static IReadOnlyList<string> Find(params string?[] texts)
    {
        var list = new List<string>();
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (Match match in Doi().Matches(text))
            {
                var doi = Links.TrimTrailing(match.Value);
                if (doi.Length > 8 && !ArxivId.IsArxivDoi(doi) && !list.Contains(doi, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(doi);
                }
            }
        }

        return list;
    }
}

/// <summary>
/// Links a record carries in its abstract, comments and API fields: GitHub repositories, Hugging Face models,
/// datasets and spaces, and other project pages. Normalized to https, lowercase host without <c>www.</c>, no
/// <c>.git</c>, no deeper path for repositories and artifacts; sentence punctuation the URL swallowed is trimmed and
/// case-insensitive duplicates are dropped, keeping the first spelling.
/// </summary>
public static partial class Links
{
    private static readonly HashSet<string> GitHubReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "apps", "collections", "enterprise", "explore", "features", "issues", "join", "login", "marketplace",
        "notifications", "orgs", "pricing", "pulls", "search", "settings", "site", "sponsors", "topics", "trending",
    };

    private static readonly HashSet<string> HuggingFaceReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "blog", "chat", "collections", "datasets", "docs", "join", "learn", "login", "models", "organizations",
        "papers", "posts", "pricing", "settings", "spaces", "tasks",
    };

    /// <summary>Hosts whose URLs are references, not project pages.</summary>
    private static readonly string[] ReferenceHosts =
    [
        "arxiv.org", "export.arxiv.org", "doi.org", "dx.doi.org", "creativecommons.org", "huggingface.co", "hf.co",
        "github.com", "rss.arxiv.org", "scholar.google.com",
        // Publishers: links to the published version are references, not project pages.
        "link.springer.com", "springer.com", "iopscience.iop.org", "onlinelibrary.wiley.com", "sciencedirect.com",
        "dl.acm.org", "ieeexplore.ieee.org", "nature.com", "journals.aps.org", "academic.oup.com", "tandfonline.com",
        "pubs.acs.org", "mdpi.com", "aclanthology.org", "openreview.net", "papers.nips.cc", "proceedings.mlr.press",
        "semanticscholar.org", "inspirehep.net", "adsabs.harvard.edu", "ui.adsabs.harvard.edu", "pubmed.ncbi.nlm.nih.gov",
    ];

    // The scheme tolerates "https: //" and a missing "//"; bare "www." and "github.com/…" count too.
    [GeneratedRegex(@"(?<![\w.@/-])(?:https?:\s?/{1,2}|(?=www\.)|(?=github\.com/)|(?=huggingface\.co/))(?<url>[^\s<>""'`{}|\\^\[\]]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Url();

    [GeneratedRegex(@"^(?:www\.)?github\.com/(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<repo>[A-Za-z0-9._-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GitHub();

    [GeneratedRegex(@"^(?:www\.)?(?:huggingface\.co|hf\.co)/(?:(?<kind>datasets|spaces)/)?(?<owner>[A-Za-z0-9][\w.-]*)/(?<name>[\w.-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HuggingFace();

    [GeneratedRegex(@"/10\.\d{4,9}/", RegexOptions.CultureInvariant)]
    private static partial Regex DoiInPath();

    /// <summary>Finds links in <paramref name="texts"/> (API fields first, then abstract and comments).</summary>
    public static PaperLinks Find(params string?[] texts)
    {
        var code = new UrlList();
        var hf = new UrlList();
        var project = new UrlList();
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            // LaTeX: \url{…}, \href{…}{…}, escaped underscores and tildes belong to the URL.
            var source = text.Replace(@"\_", "_", StringComparison.Ordinal).Replace(@"\~", "~", StringComparison.Ordinal).Replace(@"\%", "%", StringComparison.Ordinal);
            foreach (Match match in Url().Matches(source))
            {
                Classify(match.Groups["url"].Value, code, hf, project);
            }
        }

        return new PaperLinks(code.Items, hf.Items, project.Items);
    }

    [GeneratedRegex(@"<a\s[^>]*\bhref\s*=\s*[""'](?<href>[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex AnchorHref();

    /// <summary>The targets of the <c>&lt;a href&gt;</c> anchors in an HTML fragment, space-separated.</summary>
    public static string Hrefs(string? html) =>
        string.IsNullOrEmpty(html) ? string.Empty : string.Join(' ', AnchorHref().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["href"].Value)));

    /// <summary>Unions link lists, keeping the first spelling of case-insensitive duplicates.</summary>
    public static PaperLinks Merge(IEnumerable<PaperLinks> links)
    {
        var code = new UrlList();
        var hf = new UrlList();
        var project = new UrlList();
        foreach (var l in links)
        {
            l.Code.ToList().ForEach(code.Add);
            l.HuggingFace.ToList().ForEach(hf.Add);
            l.Project.ToList().ForEach(project.Add);
        }

        return new PaperLinks(code.Items, hf.Items, project.Items);
    }

    /// <summary>Drops sentence punctuation a URL swallowed: <c>…/repo.</c>, <c>…/repo),</c>, unbalanced closing brackets.</summary>
    public static string TrimTrailing(string url)
    {
        var s = url;
        while (s.Length > 0)
        {
            var last = s[^1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '*')
            {
                s = s[..^1];
                continue;
            }

            if ((last == ')' && s.Count(c => c == '(') < s.Count(c => c == ')'))
                || (last == ']' && s.Count(c => c == '[') < s.Count(c => c == ']'))
                || (last == '}' && s.Count(c => c == '{') < s.Count(c => c == '}')))
            {
                s = s[..^1];
                continue;
            }

            break;
        }

        return s;
    }

    private static void Classify(string rawUrl, UrlList code, UrlList hf, UrlList project)
    {
        var url = TrimTrailing(rawUrl);
        if (url.Length == 0)
        {
            return;
        }

        var gh = GitHub().Match(url);
        if (gh.Success)
        {
            code.Add(NormalizeGitHub(gh.Groups["owner"].Value, gh.Groups["repo"].Value));
            return;
        }

        var hfm = HuggingFace().Match(url);
        if (hfm.Success)
        {
            hf.Add(NormalizeHuggingFace(hfm.Groups["kind"].Value, hfm.Groups["owner"].Value, hfm.Groups["name"].Value));
            return;
        }

        var slash = url.IndexOf('/', StringComparison.Ordinal);
        var host = (slash < 0 ? url : url[..slash]).ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        if (!host.Contains('.', StringComparison.Ordinal) || host.EndsWith('.') || ReferenceHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal)))
        {
            return;
        }

        var path = slash < 0 ? string.Empty : url[slash..];
        if (DoiInPath().IsMatch(path))
        {
            return;
        }

        if (path == "/")
        {
            path = string.Empty;
        }

        project.Add($"https://{host}{path}");
    }

    private static string? NormalizeGitHub(string owner, string repo)
    {
        if (GitHubReserved.Contains(owner))
        {
            return null;
        }

        repo = repo.TrimEnd('.');
        if (repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            repo = repo[..^4].TrimEnd('.');
        }

        return repo.Length == 0 ? null : $"https://github.com/{owner}/{repo}";
    }

    private static string? NormalizeHuggingFace(string kind, string owner, string name)
    {
        if (kind.Length == 0 && HuggingFaceReserved.Contains(owner))
        {
            return null;
        }

        name = name.TrimEnd('.');
        if (name.Length == 0)
        {
            return null;
        }

        var prefix = kind.Length == 0 ? string.Empty : kind.ToLowerInvariant() + "/";
        return $"https://huggingface.co/{prefix}{owner.TrimEnd('.')}/{name}";
    }

    /// <summary>Normalized URLs in order of first appearance, without case-insensitive duplicates.</summary>
    private sealed class UrlList
    {
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _items = [];

        public IReadOnlyList<string> Items => _items;

        public void Add(string? url)
        {
            if (url is not null && _seen.Add(url.TrimEnd('/')))
            {
                _items.Add(url);
            }
        }
    }
}
