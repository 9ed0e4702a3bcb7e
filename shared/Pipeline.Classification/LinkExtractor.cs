using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Finds GitHub repositories and Hugging Face models, datasets and spaces in a paper's <c>GithubRepo</c> and
/// <c>ProjectPage</c> fields and its abstract (in that order), normalized to
/// <c>https://github.com/{owner}/{repo}</c> and <c>https://huggingface.co/[datasets/|spaces/]{owner}/{name}</c>:
/// https, lowercase host, no <c>www.</c>, no <c>.git</c>, no deeper path, anchor, query or trailing punctuation.
/// Duplicates (compared case-insensitively) are dropped, keeping the first spelling. Hugging Face paper, blog,
/// docs and collection pages are not artifacts and are ignored, as are GitHub pages that are not repositories.
/// </summary>
public static partial class LinkExtractor
{
    /// <summary>First path segments on github.com that are site pages, not users or organizations.</summary>
    private static readonly HashSet<string> GitHubReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "apps", "collections", "enterprise", "explore", "features", "issues", "join", "login", "marketplace",
        "notifications", "orgs", "pricing", "pulls", "search", "settings", "site", "sponsors", "topics", "trending",
    };

    /// <summary>First path segments on huggingface.co that are not model owners.</summary>
    private static readonly HashSet<string> HuggingFaceReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "blog", "chat", "collections", "datasets", "docs", "join", "learn", "login", "models", "organizations",
        "papers", "posts", "pricing", "settings", "spaces", "tasks",
    };

    // Not preceded by a host character, so gist.github.com and api.github.com do not count. The scheme is optional
    // and tolerates the "https: //" and "https:/" typos found in abstracts.
    [GeneratedRegex(@"(?<![\w.@-])(?:https?:\s?/{1,2})?(?:www\.)?github\.com/(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<repo>[A-Za-z0-9._-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GitHubUrl();

    [GeneratedRegex(@"(?<![\w.@-])(?:https?:\s?/{1,2})?(?:www\.)?(?:huggingface\.co|hf\.co)/(?:(?<kind>datasets|spaces)/)?(?<owner>[A-Za-z0-9][\w.-]*)/(?<name>[\w.-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HuggingFaceUrl();

    public static (IReadOnlyList<string> Code, IReadOnlyList<string> HuggingFace) Extract(ClassifierInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var code = new UrlList();
        var huggingFace = new UrlList();
        foreach (var text in new[] { input.GithubRepo, input.ProjectPage, input.Abstract })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            // LaTeX-escaped underscores ("SDXL\_NCP") are part of names.
            var source = text.Replace(@"\_", "_", StringComparison.Ordinal);
            foreach (Match match in GitHubUrl().Matches(source))
            {
                code.Add(NormalizeGitHub(match.Groups["owner"].Value, match.Groups["repo"].Value));
            }

            foreach (Match match in HuggingFaceUrl().Matches(source))
            {
                huggingFace.Add(NormalizeHuggingFace(match.Groups["kind"].Value, match.Groups["owner"].Value, match.Groups["name"].Value));
            }
        }

        return (code.Items, huggingFace.Items);
    }

    private static string? NormalizeGitHub(string owner, string repo)
    {
        if (GitHubReserved.Contains(owner))
        {
            return null;
        }

        repo = TrimName(repo);
        if (repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            repo = TrimName(repo[..^4]);
        }

        return repo.Length == 0 ? null : $"https://github.com/{owner}/{repo}";
    }

    private static string? NormalizeHuggingFace(string kind, string owner, string name)
    {
        if (kind.Length == 0 && HuggingFaceReserved.Contains(owner))
        {
            return null;
        }

        name = TrimName(name);
        if (name.Length == 0)
        {
            return null;
        }

        var prefix = kind.Length == 0 ? string.Empty : kind.ToLowerInvariant() + "/";
        return $"https://huggingface.co/{prefix}{TrimName(owner)}/{name}";
    }

    /// <summary>Drops sentence punctuation the URL pattern swallowed ("…/repo." at the end of a sentence).</summary>
    private static string TrimName(string name) => name.TrimEnd('.');

    /// <summary>Normalized URLs in order of first appearance, without case-insensitive duplicates.</summary>
    private sealed class UrlList
    {
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _items = [];

        public IReadOnlyList<string> Items => _items;

        public void Add(string? url)
        {
            if (url is not null && _seen.Add(url))
            {
                _items.Add(url);
            }
        }
    }
}
