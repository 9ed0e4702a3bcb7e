using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Pretrained models named in the title or abstract, normalized to family / version / size / variant. A lexicon of
/// family names ("Llama", "Qwen", "GPT", "Code Llama", "Stable Diffusion", …) finds the start of a name; a small
/// grammar then reads the segments that follow it, separated by hyphens, underscores or single spaces:
/// a version ("2", "3.1", "4o", "v3", "R1"), a parameter size ("13B", "8x7B"), variant words ("chat", "Instruct",
/// "VL", "Coder", "Sonnet", "mini", …). A space-separated segment is taken only when it is one of those, so
/// "LLaMA 2 13B chat" is one name and "Llama models" is the bare family. "Llama3-8B/70B" names two sizes.
/// Some families are only taken with a version or size ("GPT", "Phi", "Yi", "OPT"), because the bare word is
/// ambiguous. Order of first appearance; exact duplicates (same family, version, size, variant) are dropped.
/// </summary>
public static class ModelExtractor
{
    /// <summary>family id, head pattern (case-sensitive unless it starts with (?i)), bare mention allowed,
    /// implied version, implied variant.</summary>
    private static readonly (string Family, string Head, bool Bare, string? Version, string? Variant)[] Families =
    [
        ("code-llama", @"(?i:code[\s-]?llama)", true, null, null),
        ("llama", @"(?i:llama)(?![\w-]*(?i:factory|index))", true, null, null),
        ("mixtral", "Mixtral", true, null, null),
        ("ministral", "Ministral", true, null, null),
        ("codestral", "Codestral", true, null, null),
        ("pixtral", "Pixtral", true, null, null),
        ("mistral", "Mistral", true, null, null),
        ("qwq", "QwQ", true, null, null),
        ("qwen", @"(?i:qwen)", true, null, null),
        ("openai-o", @"(?:OpenAI\s+)?[oO](?=[1-9]\b|[1-9]-(?i:mini|preview|pro|high|low)\b)", false, null, null),
        ("openai-o", @"ChatGPT-[oO](?=[1-9]\b)", false, null, null),
        ("gpt", "ChatGPT", true, null, "chatgpt"),
        ("gpt", @"(?i:gpt)(?=[-\s]?\d)", false, null, null),
        ("codegemma", "CodeGemma", true, null, null),
        ("paligemma", "PaliGemma", true, null, null),
        ("gemma", "Gemma", true, null, null),
        ("gemini", "Gemini", true, null, null),
        ("claude", "Claude", true, null, null),
        ("phi", "Phi(?=[-\\s]?\\d)", false, null, null),
        ("deepseek", @"(?i:deepseek)MoE", true, null, "moe"),
        ("deepseek", @"(?i:deepseek)Math", true, null, "math"),
        ("deepseek", @"(?i:deepseek)", true, null, null),
        ("deepseek", "R1-Distill", true, "r1", "distill"),
        ("chatglm", "ChatGLM", true, null, null),
        ("glm", @"GLM(?=-\d)", false, null, null),
        ("modernbert", "ModernBERT", true, null, null),
        ("roberta", "RoBERTa", true, null, null),
        ("xlm-r", "XLM-R(?:oBERTa)?", true, null, null),
        ("deberta", "DeBERTa", true, null, null),
        ("distilbert", "DistilBERT", true, null, null),
        ("bert", "BERT", true, null, null),
        ("t5", "(?:Flan|FLAN)-T5", true, null, "flan"),
        ("mt5", "mT5", true, null, null),
        ("t5", "T5", true, null, null),
        ("siglip", "SigLIP", true, null, null),
        ("clip", "CLIP", true, null, null),
        ("vit", "ViT", true, null, null),
        ("stable-diffusion", @"(?i:stable[\s-]?diffusion)", true, null, null),
        ("stable-diffusion", "SDXL", true, null, "xl"),
        ("stable-diffusion", @"SD(?=\s?\d(?:\.\d)?\b)", false, null, null),
        ("flux", @"FLUX|Flux(?=\.\d|-(?:dev|schnell|pro)\b)", true, null, null),
        ("dall-e", @"DALL[-·]?E", true, null, null),
        ("imagen", "Imagen", true, null, null),
        ("midjourney", "(?i:midjourney)", true, null, null),
        ("sora", "Sora", true, null, null),
        ("veo", "Veo", true, null, null),
        ("whisper", "Whisper", true, null, null),
        ("sam", @"SAM|Segment\s+Anything(?:\s+Model)?", true, null, null),
        ("dino", "DINO", true, null, null),
        ("llava", "(?i:llava)", true, null, null),
        ("internvl", "InternVL", true, null, null),
        ("internlm", "InternLM", true, null, null),
        ("minicpm", "MiniCPM", true, null, null),
        ("cogvideox", "CogVideoX", true, null, null),
        ("cogvlm", "CogVLM", true, null, null),
        ("hunyuan", "Hunyuan(?:Video)?", true, null, null),
        ("wan", @"Wan(?=\s?\d\.\d)", false, null, null),
        ("kosmos", "(?i:kosmos)", true, null, null),
        ("vicuna", "Vicuna", true, null, null),
        ("falcon", "Falcon", true, null, null),
        ("olmo", "OLMo(?!E)", true, null, null),
        ("yi", @"Yi(?=-\d)", false, null, null),
        ("baichuan", "Baichuan", true, null, null),
        ("rwkv", "RWKV", true, null, null),
        ("jamba", "Jamba", true, null, null),
        ("grok", "Grok", true, null, null),
        ("kimi", "Kimi", true, null, null),
        ("minimax", "MiniMax", true, null, null),
        ("command-r", @"Command[\s-]R\+?", true, null, null),
        ("nemotron", "Nemotron", true, null, null),
        ("granite", @"Granite(?=[-\s]\d)", false, null, null),
        ("smollm", "SmolLM", true, null, null),
        ("tinyllama", "TinyLlama", true, null, null),
        ("starcoder", "StarCoder", true, null, null),
        ("wizardlm", "Wizard(?:LM|Coder|Math)", true, null, null),
        ("zephyr", "Zephyr", true, null, null),
        ("blip", "(?:Instruct)?BLIP", true, null, null),
        ("flamingo", "(?:Open)?Flamingo", true, null, null),
        ("idefics", "(?i:idefics)", true, null, null),
        ("molmo", "Molmo", true, null, null),
        ("janus", "Janus", true, null, null),
        ("emu", @"Emu(?=\d)", false, null, null),
        ("chameleon", "Chameleon", true, null, null),
        ("sit", @"SiT(?=-)", true, null, null),
        ("dit", @"DiT(?=-)", true, null, null),
        ("pi", @"(?:π|pi_?)(?=0(?:\.5)?\b)", false, null, null),
        ("openvla", "OpenVLA", true, null, null),
        ("gte", "GTE", true, null, null),
        ("e5", "E5", true, null, null),
        ("bge", "(?i:bge)(?=-)", false, null, null),
        ("bloom", "BLOOMZ?", true, null, null),
        ("opt", @"OPT(?=-\d)", false, null, null),
        ("pythia", "Pythia", true, null, null),
        ("palm", "PaLM", true, null, null),
        ("ernie", "ERNIE", true, null, null),
        ("videocrafter", "VideoCrafter", true, null, null),
        ("animatediff", "AnimateDiff", true, null, null),
        ("uniworld", "UniWorld", true, null, null),
        ("mantis", "Mantis", true, null, null),
        ("bunny", "Bunny", true, null, null),
        ("saullm", "SaulLM", true, null, null),
        ("bggpt", "BgGPT", true, null, null),
    ];

    private static readonly HashSet<string> VariantWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "instruct", "chat", "base", "it", "hf", "vl", "coder", "code", "math", "mini", "small", "medium", "large", "xl",
        "xxl", "tiny", "nano", "pro", "flash", "ultra", "turbo", "sonnet", "opus", "haiku", "instant", "preview", "omni",
        "vision", "audio", "distill", "moe", "lite", "plus", "max", "air", "next", "onevision", "sft", "dpo", "rm",
        "reward", "embedding", "thinking", "image", "dev", "schnell", "guard", "exp", "edit", "video",
    };

    /// <summary>Variant words that may follow after a space ("LLaMA 2 13B chat", "Gemini 1.5 Pro").</summary>
    private static readonly HashSet<string> SpacedVariantWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "instruct", "chat", "base", "vl", "coder", "math", "mini", "small", "medium", "large", "xl", "pro", "flash",
        "ultra", "turbo", "sonnet", "opus", "haiku", "instant", "preview", "omni", "nano", "lite", "plus", "max", "air",
    };

    /// <summary>Each family's head, anchored (<c>\G</c>) and tried only at word starts whose first character it can
    /// begin with (<see cref="HeadsByFirstChar"/>), in table order: the first that matches wins.</summary>
    private static readonly Regex[] Heads = [.. Families.Select(f => new Regex(@"\G(?:" + f.Head + ")", RegexOptions.CultureInvariant | RegexOptions.Compiled))];

    private static readonly Dictionary<char, int[]> HeadsByFirstChar = Families
        .SelectMany((f, i) => HeadFirstChars.Of(f.Head).Select(c => (c, i)))
        .GroupBy(x => x.c)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).Distinct().Order().ToArray());

    /// <summary>Lower-case starts of the case-insensitive heads ("llama", "qwen", "gpt-4", "deepseek", "o1", …).</summary>
    private static readonly HashSet<string> LowerStarts = new(StringComparer.Ordinal)
    {
        "co", "ll", "qw", "gp", "de", "st", "mi", "ko", "id", "bg", "mt", "pi", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9",
    };

    // After LowerStarts: static fields initialize in order.
    private static readonly bool[] LowerStartTable = BuildLowerStartTable();

    public static IReadOnlyList<ModelMention> Extract(string? title, string? @abstract)
    {
        var mentions = new List<ModelMention>();
        Scan(title, mentions);
        Scan(@abstract, mentions);
        return mentions;
    }

    private static void Scan(string? text, List<ModelMention> mentions)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var position = 0;
        while (position < text.Length)
        {
            if (!MayStartName(text, position))
            {
                position++;
                continue;
            }

            Match? match = null;
            var family = -1;
            if (HeadsByFirstChar.TryGetValue(text[position], out var candidates))
            {
                foreach (var i in candidates)
                {
                    var m = Heads[i].Match(text, position);
                    if (m.Success)
                    {
                        (match, family) = (m, i);
                        break;
                    }
                }
            }

            if (match is null)
            {
                position++;
                continue;
            }

            var end = ParseTail(text, match.Index, match.Index + match.Length, Families[family], mentions);
            position = Math.Max(end, match.Index + Math.Max(1, match.Length));
        }
    }

    private static bool[] BuildLowerStartTable()
    {
        var table = new bool[128 * 128];
        foreach (var pair in LowerStarts)
        {
            table[(pair[0] * 128) + pair[1]] = true;
        }

        return table;
    }

    /// <summary>A word start (not after a letter, digit, '@', '/', '.', '#' or '-') whose first characters could begin
    /// a family name: an upper-case letter, 'π', or a lower-case pair from <see cref="LowerStarts"/>.</summary>
    private static bool MayStartName(string text, int i)
    {
        var c = text[i];
        if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '@' or '/' or '.' or '#' or '-'))
        {
            return false;
        }

        if (char.IsAsciiLetterUpper(c) || c == 'π')
        {
            return true;
        }

        if (!char.IsAsciiLetterLower(c) || i + 1 >= text.Length)
        {
            return false;
        }

        var second = char.ToLowerInvariant(text[i + 1]);
        return second < 128 && LowerStartTable[(c * 128) + second];
    }

    /// <summary>Reads the segments after the family head; adds the mention(s); returns where the name ends.</summary>
    private static int ParseTail(string text, int start, int headEnd, (string Family, string Head, bool Bare, string? Version, string? Variant) family, List<ModelMention> mentions)
    {
        string? version = family.Version;
        string? size = null;
        var variants = new List<string>();
        if (family.Variant is not null)
        {
            variants.Add(family.Variant);
        }

        var position = headEnd;
        var end = headEnd;
        while (position < text.Length)
        {
            // Separator: none (glued), one of - _ . (a dot only before a digit) or a single space.
            var separator = text[position];
            var spaced = separator == ' ';
            var tokenStart = position;
            if (separator is '-' or '_' or ' ' || (separator == '.' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1])))
            {
                tokenStart++;
            }
            else if (position != headEnd || !char.IsAsciiLetterOrDigit(separator))
            {
                break;
            }

            var tokenEnd = ReadToken(text, tokenStart);
            if (tokenEnd == tokenStart)
            {
                break;
            }

            var token = text[tokenStart..tokenEnd];
            var lower = token.ToLowerInvariant();
            if (size is null && IsSize(token))
            {
                size = NormalizeSize(token);
            }
            else if (IsActiveParameters(token))
            {
                variants.Add(lower);
            }
            else if (version is null && TryVersion(lower, family.Family, out var v) && !(spaced && v.Length > 4))
            {
                version = v;
            }
            else if (VariantWords.Contains(lower) && (!spaced || SpacedVariantWords.Contains(lower)) && !(lower.Length <= 2 && spaced))
            {
                variants.Add(lower);
            }
            else if (variants.Count > 0 && variants[^1] == "distill" && lower is "qwen" or "llama")
            {
                variants.Add(lower);
            }
            else
            {
                break;
            }

            position = end = tokenEnd;
        }

        if (version is null && size is null && !family.Bare)
        {
            return headEnd;
        }

        var variant = variants.Count == 0 ? null : string.Join("-", variants);
        Add(mentions, new ModelMention(text[start..end].Trim(), family.Family, version, size, variant));

        // "Llama3-8B/70B", "GPT-4/4o": another size or version of the same model.
        while (end + 1 < text.Length && text[end] == '/')
        {
            var altEnd = ReadToken(text, end + 1);
            var alt = text[(end + 1)..altEnd];
            if (alt.Length > 0 && size is not null && IsSize(alt))
            {
                Add(mentions, new ModelMention(alt, family.Family, version, NormalizeSize(alt), variant));
            }
            else if (alt.Length > 0 && size is null && version is not null && TryVersion(alt.ToLowerInvariant(), family.Family, out var altVersion))
            {
                Add(mentions, new ModelMention(alt, family.Family, altVersion, null, variant));
            }
            else
            {
                break;
            }

            end = altEnd;
        }

        return end;
    }

    /// <summary>Letters and digits, with dots only between digits ("3.1", but not the full stop in "GPT-4.").</summary>
    private static int ReadToken(string text, int position)
    {
        var i = position;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                i++;
            }
            else if (c == '.' && i > position && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsSize(string token)
    {
        if (token.Length < 2 || !char.IsAsciiDigit(token[0]))
        {
            return false;
        }

        var unit = token[^1];
        if (unit is not ('B' or 'b' or 'M' or 'm'))
        {
            return false;
        }

        var number = token[..^1];
        var x = number.IndexOf('x', StringComparison.Ordinal);
        if (x > 0)
        {
            return int.TryParse(number[..x], NumberStyles.None, CultureInfo.InvariantCulture, out _) && IsDecimal(number[(x + 1)..]);
        }

        return IsDecimal(number);
    }

    private static bool IsDecimal(string s) =>
        s.Length > 0 && double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) && char.IsAsciiDigit(s[0]);

    private static bool IsActiveParameters(string token) =>
        token.Length >= 3 && token[0] is 'A' or 'a' && IsSize(token[1..]);

    private static string NormalizeSize(string token)
    {
        var unit = char.ToUpperInvariant(token[^1]);
        var number = token[..^1].ToLowerInvariant();
        var x = number.IndexOf('x', StringComparison.Ordinal);
        string Num(string s) => double.Parse(s, CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.InvariantCulture);
        return x > 0 ? $"{number[..x]}x{Num(number[(x + 1)..])}{unit}" : Num(number) + unit;
    }

    /// <summary>"2", "3.1", "4o", "4v", "v3" (→ "3"), "r1", "k2"; not years.</summary>
    private static bool TryVersion(string token, string family, out string version)
    {
        version = token;
        if (token.Length == 0)
        {
            return false;
        }

        if (token[0] == 'v' && token.Length > 1 && char.IsAsciiDigit(token[1]))
        {
            token = token[1..];
        }
        else if (token[0] is 'r' or 'k' or 'm' && token.Length > 1 && char.IsAsciiDigit(token[1]) && family is "deepseek" or "kimi" or "minimax")
        {
            version = token;
            return true;
        }

        if (!char.IsAsciiDigit(token[0]))
        {
            return false;
        }

        var digits = 0;
        while (digits < token.Length && (char.IsAsciiDigit(token[digits]) || token[digits] == '.'))
        {
            digits++;
        }

        var suffix = token[digits..];
        if (suffix.Length > 1 || (suffix.Length == 1 && !char.IsAsciiLetter(suffix[0])))
        {
            return false;
        }

        if (digits >= 4 && token[..digits].IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return false; // a year or a count, not a version
        }

        version = token;
        return true;
    }

    private static void Add(List<ModelMention> mentions, ModelMention mention)
    {
        foreach (var m in mentions)
        {
            if (m.Family == mention.Family && m.Version == mention.Version && m.Size == mention.Size && m.Variant == mention.Variant)
            {
                return;
            }
        }

        mentions.Add(mention);
    }

    /// <summary>The comparison key of a mention: family, version and size (variant ignored), lowercase, a trailing
    /// ".0" of the version dropped ("Gemini-2.0" = "Gemini 2").</summary>
    public static string Key(string family, string? version, string? size)
    {
        var sb = new StringBuilder(family.ToLowerInvariant());
        sb.Append('|');
        if (version is not null)
        {
            var v = version.ToLowerInvariant();
            sb.Append(v.EndsWith(".0", StringComparison.Ordinal) ? v[..^2] : v);
        }

        sb.Append('|');
        sb.Append(size?.ToUpperInvariant());
        return sb.ToString();
    }
}
