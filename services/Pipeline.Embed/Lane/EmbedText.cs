using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Embed.Lane;

/// <summary>What is embedded for a paper (title and abstract) and the hash that says whether it changed.</summary>
public static class EmbedText
{
    /// <summary>Title, a line break and the abstract; NUL characters removed (PostgreSQL rejects them in text).</summary>
    public static string Compose(string? title, string? @abstract)
    {
        var t = (title ?? "").Replace("\0", "", StringComparison.Ordinal).Trim();
        var a = (@abstract ?? "").Replace("\0", "", StringComparison.Ordinal).Trim();
        return a.Length == 0 ? t : t.Length == 0 ? a : $"{t}\n{a}";
    }

    /// <summary>First 32 hex digits of the SHA-256 of the composed text.</summary>
    public static string Hash(string composed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(composed)))[..32];
}
