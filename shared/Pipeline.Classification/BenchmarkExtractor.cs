using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Classification;

/// <summary>
/// Benchmarks named in the title or abstract, with canonical names. Three sources, in this order of trust:
/// <list type="number">
/// <item>the lexicon (<see cref="BenchmarkLexicon"/>): the longest run of up to six words that is a known name or
/// alias, compared on letters, digits and '+' ("GSM8k", "ArenaHard", "AIME'24"); a known name followed by "+" or
/// "(+)" also names its plus-version ("HumanEval+", "GSM8K+");</item>
/// <item>name shapes that are benchmarks almost always: "…Bench"/"…-bench"/"…-Benchmark" ("PhysToolBench",
/// "IWR-Bench"), "…Eval" and "…-Eval-…" ("CrossCodeEval"), "…Arena" ("GenAI-Arena");</item>
/// <item>introductions: "the WebApp1K benchmark", "a … (V-STaR) benchmark", "benchmark SafeLIBERO",
/// "we introduce SimpleQA Verified, a … benchmark", and a title "Name: … Benchmark …".</item>
/// </list>
/// Unknown names are their own canonical name. De-duplicated on the canonical name, in order of first appearance.
/// </summary>
public static partial class BenchmarkExtractor
{
    private const int MaxWords = 6;

    private sealed record Entry(string Canonical, HashSet<string>? ExactForms);

    // Declared before the lexicon: static fields initialize in order.
    private static readonly System.Buffers.SearchValues<char> LetterDigitPlus = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+τ²");

    private static readonly Dictionary<string, Entry> Lexicon = BuildLexicon(out FirstWords);

    private static readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> LexiconLookup = Lexicon.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Normalized first words of all aliases: a word that is none of these cannot start a name.</summary>
    private static readonly HashSet<string> FirstWords;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FirstWordLookup = FirstWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every prefix of every alias key: a run of words whose key is none of these starts no longer name, so
    /// the lexicon scan stops extending it (one pass over the text, no per-entry search).</summary>
    private static readonly HashSet<string> KeyPrefixes = BuildKeyPrefixes();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeyPrefixLookup = KeyPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] SplitSuffixes = ["-test", "-val", "-valid", "-dev", "-validation"];

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "LLM", "LLMs", "VLM", "VLMs", "MLLM", "MLLMs", "LVLM", "LVLMs", "LMM", "LMMs", "AI", "NLP", "QA", "VQA", "SOTA",
        "GPU", "API", "RL", "SFT", "CoT", "MoE", "LoRA", "T2V", "T2I", "I2V", "OCR", "GUI", "3D", "2D", "4D", "RAG", "SD",
        "AR", "ASR", "TTS", "MT", "KV", "IR", "ML", "NLU", "NLG", "ICL", "RLHF", "DPO", "PPO", "GRPO", "VLA", "OOD",
        "The", "This", "Our", "Each", "Every", "New", "Existing", "Current", "Standard", "Public", "First", "Video",
        "Image", "Text", "Code", "Math", "Agent", "Agentic", "Reasoning", "Safety", "Evaluation", "Human", "Real-World",
        "Bench", "STEM", "SOTA-level", "CLIP", "FID", "FVD", "IS", "LPIPS", "SSIM", "PSNR", "BLEU", "ROUGE", "METEOR", "CIDEr",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNamesLookup = NotNames.GetAlternateLookup<ReadOnlySpan<char>>();

    // A name-like word run: "WebApp1K", "BIRD-CRITIC-PG", "V-STaR", "Sentient-Benchmark".
    private const string NameWord = @"[A-Z0-9τ][\w+τ²]*(?:-[\w+τ²]+)*";

    // "AIMO 2025": a competition's year after its name.
    private const string YearSuffix = @"(?:\s20[1-3]\d)?";

    // "Minerva Algebra", "DeepResearch Bench", "COCO Captions": a list item of up to three capitalized words.
    private const string ListItem = NameWord + @"(?:\s(?:[A-Z][\w+-]*|20[1-3]\d)){0,2}";

    [GeneratedRegex(@"(?<![\w-])" + NameWord, RegexOptions.CultureInvariant)]
    private static partial Regex NameToken();

    // "the X benchmark", "(X) benchmark", "benchmark X", "benchmark, X,"
    [GeneratedRegex(
        @"(?:(?<![\w-])(?<name>" + NameWord + @")|\((?<name>" + NameWord + @")\))\s+(?:benchmark|leaderboard|test\s+suite)(?!s|ing)\b|(?<!\b(?:[Ww]e|[Tt]o|and|also)\s)\bbenchmark(?:\s+(?:called|named|dubbed))?,?\s+(?<name>" + NameWord + @")(?=[\s,.;:)])|(?<![\w-])(?<name>[A-Z][a-z]{3,}\w*)\s+Leaderboard\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamedBenchmark();

    // "the Objaverse T2T benchmark and the GSO T2T benchmark": two or three capitalized words before "benchmark".
    [GeneratedRegex(@"\b(?:the|our|a\s+new|public)\s+(?<name>[A-Z][\w+-]*(?:\s[A-Z0-9][\w+-]*){1,2})\s+(?:benchmark|leaderboard)(?!s|ing)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex MultiWordBenchmark();

    // "we introduce X, a new … benchmark", "we present X Y, the first benchmark"
    [GeneratedRegex(
        @"\b(?:(?:introduce|present|propose|release|construct|build|create|develop|curate|call|name)[sd]?|introducing|presenting|proposing|releasing|constructing|building|creating|developing|curating)\s+(?:the\s+|a\s+new\s+)?(?<name>" + NameWord + @"(?:\s[A-Z][\w-]*){0,2})(?:\s\((?<abbr>[A-Z][\w-]*)\)|\s\([^()]{3,80}\))?,?\s+(?:a|an|the)\s+(?:[\w,'-]+\s+){0,7}?(?:benchmark|test\s+suite|evaluation\s+suite|leaderboard|testbed|arena)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IntroducedBenchmark();

    // "benchmarks such as A, B, and C", "three benchmarks: A, B and C", "benchmark datasets (A, B, C)"
    [GeneratedRegex(
        @"\b(?<kind>benchmarks|benchmark\s+datasets|evaluation\s+(?:datasets|suites)|test\s+sets|datasets)\s*(?:\((?:i\.e\.,?\s*|e\.g\.,?\s*)?|:\s*|,?\s+(?:such\s+as|including|like|namely|e\.g\.,?|i\.e\.,?)\s+)(?<list>" + ListItem + @"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)" + ListItem + @")*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BenchmarkListAfter();

    // "on A, B, and C benchmarks"
    [GeneratedRegex(
        @"\b(?:on|across)\s+(?:the\s+)?(?<list>" + NameWord + @"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)" + NameWord + @")+)\s+(?:benchmarks|datasets)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex BenchmarkListBefore();

    [GeneratedRegex(@"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    // "80.5% on VideoGen Reward", "94.1 on RewardBench"
    [GeneratedRegex(@"(?<![\w.])(?:\d+\.\d+\\?%?|\d+\\?%)\}?\s+(?:(?:accuracy|success\s+rate|score|pass@\d+|F1|EM|PM|mAP|mIoU|AUC|BLEU|ROUGE-L|[a-z][\w-]*)\s+){0,3}?on\s+(?:the\s+)?(?<name>" + NameWord + @"(?:\s[A-Z][\w-]*)?)(?=[\s,.;:)])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ResultOnName();

    // Title "Name: … Benchmark …" (not "Benchmarking").
    [GeneratedRegex(@"^(?<name>[A-Z0-9][\w+-]*(?:\s[A-Z][\w+-]*){0,2}):\s.*\bBenchmark(?!ing)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex TitleBenchmark();

    // "Robot Bench", "Indoor Scene Perception Bench": one to three capitalized words and a separate "Bench".
    [GeneratedRegex(@"(?<![\w-])(?<name>(?:[A-Z][\w-]*\s){1,3}Bench)\b(?!-)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SpacedBench();

    // A name the paper introduces as something else: "we introduce MentalArena, a self-play framework".
    [GeneratedRegex(
        @"\b(?:introduce|present|propose|develop|build|design)[sd]?\s+(?:the\s+|a\s+new\s+)?(?<name>" + NameWord + @"),?\s+(?:(?:a|an|the)\s+)?(?:[\w,'-]+\s+){0,6}?(?:framework|method|model|approach|agent|system|algorithm|architecture|pipeline|technique|paradigm|strategy|policy|optimizer|recipe|library|toolkit|metric|evaluator|judge)s?\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IntroducedOther();

    // "a new multimodal visual reasoning model, named LlamaV-o1", "our critic model GUI-Critic-R1".
    [GeneratedRegex(@"\b(?:model|framework|method|approach|agent|system|algorithm|architecture|pipeline|policy)s?,?\s+(?:(?:named|called|dubbed|termed)\s+)?(?<name>" + NameWord + @")", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamedOther();

    // "on the proposed AlphaBlend dataset and public LOGO dataset", "evaluated on the EgoExo4D dataset": a named
    // dataset in an evaluation position (the sentence must not be about training on it).
    [GeneratedRegex(
        @"(?<!\b(?:[Bb]ased|[Rr]ely|[Rr]elies|[Rr]elying|[Bb]uilt|[Tt]rained)\s)\b(?:on|in|across|the\s+proposed|public|our\s+new|our)\s+(?:the\s+)?(?:proposed\s+|public\s+|new\s+|challenging\s+|popular\s+|widely[- ]used\s+|standard\s+|large-scale\s+|real-world\s+|open[- ]source\s+|well-known\s+|established\s+)?(?<name>[A-Z0-9][\w+²^{}-]*(?:\s[A-Z0-9][\w+-]*){0,2})\s+(?:dataset|test\s+set|testbed|benchmark\s+suite|suite)s?\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DatasetInEvaluation();

    // "a UAV geo-localization dataset named GTA-UAV", "a novel test set (Recon)", "our new dataset MazePlanning".
    [GeneratedRegex(
        @"\b(?:(?:dataset|test\s+set|testbed|benchmark|suite)\s+(?:named|called|dubbed|termed)\s+|(?:dataset|test\s+set|testbed)\s+\(|(?:new|novel)\s+(?:dataset|test\s+set|testbed|benchmark)\s+)(?<name>[A-Z0-9][\w+-]*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NamedDataset();

    // "we introduce AlphaBlend, the first large-scale … dataset for …".
    [GeneratedRegex(
        @"\b(?:introduce|present|propose|release|construct|build|create|develop|curate|contribute|collect)[sd]?\s+(?:the\s+|a\s+new\s+)?(?<name>" + NameWord + @")(?:\s\([^()]{3,80}\))?,?\s+(?:(?:a|an|the)\s+)?(?:[\w,'-]+\s+){0,8}?(?:dataset|test\s+set)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IntroducedDataset();

    // Training, not evaluation: "to fine-tune", "instruction tuning dataset", "large-scale", "1.2 million".
    [GeneratedRegex(@"\b(?:train\w*|fine-?tun\w*|finetun\w*|instruction[- ]tuning|pre-?train\w*|post-?train\w*|SFT|large[- ]scale|million|billion|synthetic|distill\w*|supervis\w*|corpus|mixture)\b|\b(?:[5-9]\d|\d{3,})(?:\.\d+)?\s?K\s+(?:samples|examples|pairs|instances|instructions|trajectories|images|videos|conversations|dialogues)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrainingCue();

    [GeneratedRegex(@"\b(?:benchmark\w*|evaluat\w*|assess\w*|test(?:s|ing|ed)?|measur\w*|experiments?|verif\w*|diagnos\w*|probe|probing)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EvaluationCue();

    // "Extensive experiments on 4D-Dress, PuzzleIOI, and …", "evaluated on ManiSkill2 and MimicGen".
    [GeneratedRegex(
        @"\b(?:[Ee]xperiments?|[Ee]valuat\w*|[Tt]ested|[Vv]alidated|[Rr]esults?|[Pp]erformance|[Aa]ccuracy|benchmarked|assessed|state-of-the-art|SOTA|outperform\w*|surpass\w*|improv\w*\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:(?:conducted|performed|carried\s+out|results|performance|both|also|extensively|further|comprehensively)\s+)?(?:on|across)\s+(?:the\s+)?(?:challenging\s+|popular\s+|public\s+|standard\s+|widely[- ]used\s+|several\s+|multiple\s+)?(?<list>" + NameWord + YearSuffix + @"(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)" + NameWord + YearSuffix + @")*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex EvaluationList();

    // Title "Name: Benchmarking …", "Name: Evaluating …", "Name: Measuring …".
    [GeneratedRegex(@"^(?<name>[A-Z0-9][\w+-]*(?:\s[A-Z][\w+-]*){0,2}):\s+(?:[\w-]+\s+){0,3}?(?:Benchmarking|Evaluating|Evaluation|Measuring|Assessing|Probing|Testing|Judging)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex TitleEvaluation();

    // Title "Name: A … Dataset …".
    [GeneratedRegex(@"^(?<name>[A-Z0-9][\w+-]*(?:\s[A-Z][\w+-]*){0,2}):\s.*\b(?:Dataset|Testbed|Test\s+Suite|Leaderboard)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase)]
    private static partial Regex TitleDataset();

    // The abstract introduces a benchmark without naming it there: "we introduce a new benchmark", "we construct the first … benchmark".
    [GeneratedRegex(@"\b(?:[Ii]ntroduce|[Pp]resent|[Pp]ropose|[Cc]onstruct|[Bb]uild|[Dd]evelop|[Cc]urate|[Rr]elease|[Cc]reate)[sd]?\s+(?:a|an|the\s+first|a\s+new|the)\s+(?:[a-z][\w-]*,?\s+){0,6}?(?:benchmark|testbed|evaluation\s+suite|test\s+suite)\b(?!\s*,?\s*[A-Z])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UnnamedBenchmarkIntroduced();

    // Model-like names in an evaluation list: "experiments on Llama-3-8B and Qwen2.5".
    [GeneratedRegex(@"^(?:GPT|Llama|LLaMA|Qwen|QwQ|Mistral|Mixtral|Gemma|Gemini|Claude|DeepSeek|Phi|Vicuna|Falcon|OPT|BLOOM|T5|BERT|RoBERTa|DeBERTa|ViT|CLIP|SigLIP|DINO|SDXL|SD|FLUX|Stable|DALL|InternVL|InternLM|LLaVA(?!-Bench)|MiniCPM|GLM|ChatGLM|Yi|Baichuan|Kimi|o1|o3|o4|Grok|Pythia|Mamba|RWKV|OLMo|SmolLM|Granite|Aya|Jamba|Nemotron|Hunyuan|Wan|CogVideo|Sora|Veo|Kling|Janus|Emu|Chameleon|Show-o|SAM|Whisper|wav2vec|HuBERT|ResNet|ConvNeXt|Swin|UNet|U-Net|DiT|SiT|VAR|MAR|PixArt|Imagen|Midjourney|Seed|Doubao|ERNIE|Step|MiMo|Ovis|Pixtral|Molmo|Idefics|BLIP|Flamingo|PaLM|Codex|StarCoder|CodeLlama|WizardLM|Zephyr|Tulu|OpenChat|Hermes|Command|Cohere|Nova|Sonnet|Opus|Haiku)(?:$|[\d.\-_ ])|\d+(?:\.\d+)?[BM]\b|-(?:Instruct|Chat|Base|Coder|VL|R1)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ModelLike();

    public static IReadOnlyList<BenchmarkMention> Extract(string? title, string? @abstract)
    {
        var withLinks = @abstract; // the title rule may confirm its name by the repository's address
        title = MaskUrls(title);
        @abstract = MaskUrls(@abstract);
        var found = new List<BenchmarkMention>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var titleSpans = new List<(int Start, int End)>();
        var abstractSpans = new List<(int Start, int End)>();
        ScanLexicon(title, found, keys, titleSpans);
        ScanLexicon(@abstract, found, keys, abstractSpans);
        var notBenchmarks = new NotBenchmarkNames(@abstract);
        ScanShapes(title, found, keys, titleSpans, notBenchmarks);
        ScanShapes(@abstract, found, keys, abstractSpans, notBenchmarks);
        ScanIntroductions(@abstract, found, keys);
        ScanIntroductions(title, found, keys);
        ScanDatasets(@abstract, title, found, keys);
        ScanEvaluationLists(@abstract, found, keys, notBenchmarks);
        ScanLists(@abstract, found, keys, notBenchmarks);
        ScanLists(title, found, keys, notBenchmarks);
        ScanContexts(@abstract, found, keys, notBenchmarks);
        ScanResults(@abstract, found, keys);
        ScanSubsets(title, found, keys);
        ScanSubsets(@abstract, found, keys);
        ScanTitle(title, withLinks, found, keys, notBenchmarks);
        DropPartsOfLongerNames(@abstract, found, keys);
        DropTaskAcronyms(@abstract, found);
        return found;
    }

    // "https://github.com/sail-sg/Cheating-LLM-Benchmarks": a link, not a mention.
    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>Links blanked out (same length, so offsets stay): no benchmark is read from a repository's or a page's
    /// address (only the title rule may see it, to confirm a title's name).</summary>
    private static string? MaskUrls(string? text) =>
        text is null || !text.Contains("://", StringComparison.Ordinal) && !text.Contains("www.", StringComparison.OrdinalIgnoreCase)
            ? text
            : Url().Replace(text, m => new string(' ', m.Length));

    /// <summary>The comparison key of a benchmark name: letters, digits and '+', lowercase.</summary>
    public static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static void ScanLexicon(string? text, List<BenchmarkMention> found, HashSet<string> keys, List<(int Start, int End)> spans)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Span<(int Start, int End)> words = stackalloc (int, int)[MaxWords];
        Span<char> key = stackalloc char[128];
        var position = 0;
        while (position < text.Length)
        {
            // Next word start: a letter or digit not preceded by one.
            var start = NextWordStart(text, position);
            if (start < 0)
            {
                break;
            }

            var end = WordEnd(text, start);
            var keyLength = AppendKey(text.AsSpan(start, end - start), key, 0);
            if (keyLength < 0 || !(FirstWordLookup.Contains(key[..keyLength]) || StartsHyphenatedName(text, end, key, keyLength)))
            {
                position = end;
                continue;
            }

            // Extend over up to MaxWords words joined by a single space, hyphen, underscore, dot, slash or apostrophe.
            var count = 0;
            words[count++] = (start, end);
            Entry? best = null;
            var bestEnd = -1;
            var bestKeyLength = 0;
            while (true)
            {
                if (keyLength > 0 && LexiconLookup.TryGetValue(key[..keyLength], out var entry) && Accepts(entry, text, start, words[count - 1].End))
                {
                    best = entry;
                    bestEnd = words[count - 1].End;
                    bestKeyLength = keyLength;
                }

                var last = words[count - 1].End;
                if (count == MaxWords || last + 1 >= text.Length || !IsJoiner(text[last]) || !char.IsLetterOrDigit(text[last + 1]))
                {
                    break;
                }

                var nextEnd = WordEnd(text, last + 1);
                var appended = AppendKey(text.AsSpan(last + 1, nextEnd - last - 1), key, keyLength);
                if (appended < 0 || !KeyPrefixLookup.Contains(key[..appended]))
                {
                    break; // no alias continues this way
                }

                keyLength = appended;
                words[count++] = (last + 1, nextEnd);
            }

            // "BIRD-CRITIC-PG" is not "BIRD": a known name that continues with "-Word" is part of a longer name
            // (but "Mind2Web-but", an arXiv dash glued to the next word, is not).
            if (best is null || (bestEnd + 1 < text.Length && text[bestEnd] == '-' && char.IsLetterOrDigit(text[bestEnd + 1]) && !IsGluedWord(text, bestEnd + 1)))
            {
                position = end;
                continue;
            }

            // "Super-CLEVR" is not "CLEVR": a known name glued after "Word-" is the end of another name.
            if (start > 1 && text[start - 1] == '-' && char.IsLetterOrDigit(text[start - 2]))
            {
                position = bestEnd;
                continue;
            }

            if (InUrl(text, start))
            {
                position = bestEnd; // "https://vlmsareblind.github.io/": a web address, not a mention
                continue;
            }

            var name = text[start..bestEnd];
            Add(found, keys, name, best.Canonical);
            spans.Add((start, bestEnd));

            // "BrowseComp-en/zh": the same name with the other suffix.
            var dash = name.LastIndexOf('-');
            if (dash > 0 && bestEnd + 2 < text.Length && text[bestEnd] == '/' && char.IsLetterOrDigit(text[bestEnd + 1]))
            {
                var otherEnd = WordEnd(text, bestEnd + 1);
                if (otherEnd - bestEnd - 1 <= 4)
                {
                    var other = name[..(dash + 1)] + text[(bestEnd + 1)..otherEnd];
                    Add(found, keys, other, LexiconCanonical(other) ?? other);
                }
            }
            if (bestEnd + 3 <= text.Length && text.AsSpan(bestEnd, 3).SequenceEqual("(+)") && !best.Canonical.EndsWith('+'))
            {
                Add(found, keys, name + "+", best.Canonical + "+");
                bestEnd += 3;
            }

            position = bestEnd;
        }
    }

    private static bool Accepts(Entry entry, string text, int start, int end)
    {
        if (entry.ExactForms is null)
        {
            return true;
        }

        Span<char> surface = stackalloc char[128];
        var length = 0;
        foreach (var c in text.AsSpan(start, end - start))
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                if (length == surface.Length)
                {
                    return false;
                }

                surface[length++] = c;
            }
        }

        return entry.ExactForms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(surface[..length]);
    }

    /// <summary>"OS-World" for "OSWorld": a word that is no name's first word, joined by a hyphen to a next word that
    /// completes one.</summary>
    private static bool StartsHyphenatedName(string text, int end, Span<char> key, int keyLength)
    {
        if (end + 1 >= text.Length || text[end] != '-' || !char.IsLetterOrDigit(text[end + 1]))
        {
            return false;
        }

        var nextEnd = WordEnd(text, end + 1);
        var joined = AppendKey(text.AsSpan(end + 1, nextEnd - end - 1), key, keyLength);
        return joined > 0 && FirstWordLookup.Contains(key[..joined]);
    }

    private static readonly HashSet<string> GluedWords = new(StringComparer.Ordinal)
    {
        "but", "and", "or", "which", "that", "while", "where", "with", "whereas", "then", "thus",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GluedWordsLookup = GluedWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A lower-case function word right after a hyphen ("Mind2Web-but", "MMLU-style"): not part of a name.</summary>
    private static bool IsGluedWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end < text.Length ? !char.IsLetterOrDigit(text[end]) && text[end] != '-' && GluedWordsLookup.Contains(text.AsSpan(start, end - start))
            : GluedWordsLookup.Contains(text.AsSpan(start, end - start));
    }

    /// <summary>Whether the word at <paramref name="start"/> belongs to a web address.</summary>
    private static bool InUrl(string text, int start)
    {
        var tokenStart = start;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]) && text[tokenStart - 1] != '(')
        {
            tokenStart--;
        }

        var token = text.AsSpan(tokenStart, start - tokenStart);
        var tokenEnd = start;
        while (tokenEnd < text.Length && !char.IsWhiteSpace(text[tokenEnd]) && text[tokenEnd] != ')')
        {
            tokenEnd++;
        }

        var whole = text.AsSpan(tokenStart, tokenEnd - tokenStart);
        return token.Contains("://", StringComparison.Ordinal) || whole.Contains("www.", StringComparison.Ordinal) ||
               ((start > 0 && text[start - 1] is '/' or '.') && (whole.Contains(".io", StringComparison.Ordinal) || whole.Contains(".com", StringComparison.Ordinal) || whole.Contains(".org", StringComparison.Ordinal) || whole.Contains(".co/", StringComparison.Ordinal) || whole.Contains("github", StringComparison.Ordinal)));
    }

    private static bool IsJoiner(char c) => c is ' ' or '-' or '_' or '.' or '/' or '\'' or '’' or '‐';

    private static int NextWordStart(string text, int position)
    {
        for (var i = position; i < text.Length; i++)
        {
            if (char.IsLetterOrDigit(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A word: letters and digits, with trailing '+' signs ("HumanEval+").</summary>
    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '²'))
        {
            i++;
        }

        while (i < text.Length && text[i] == '+')
        {
            i++;
        }

        return i;
    }

    private static int AppendKey(ReadOnlySpan<char> word, Span<char> key, int length)
    {
        foreach (var c in word)
        {
            if (length >= key.Length)
            {
                return -1;
            }

            if (char.IsLetterOrDigit(c) || c == '+')
            {
                key[length++] = char.ToLowerInvariant(c);
            }
            else if (c == '²')
            {
                key[length++] = '2';
            }
        }

        return length;
    }

    private static void ScanShapes(string? text, List<BenchmarkMention> found, HashSet<string> keys, List<(int Start, int End)> lexiconSpans, NotBenchmarkNames notBenchmarks)
    {
        if (string.IsNullOrEmpty(text) || !(text.Contains("ench", StringComparison.Ordinal) || text.Contains("Eval", StringComparison.Ordinal) || text.Contains("Arena", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var match in NameToken().EnumerateMatches(text))
        {
            var name = text.AsSpan(match.Index, match.Length).TrimEnd('-');
            if (IsBenchmarkShape(name) && IsName(name) && !Inside(lexiconSpans, match.Index, match.Index + name.Length))
            {
                var value = name.ToString();
                if (!notBenchmarks.Contains(Key(value)))
                {
                    Add(found, keys, value, LexiconCanonical(value) ?? value);
                }
            }
        }

        if (text.Contains("-bench", StringComparison.Ordinal))
        {
            foreach (var match in LowerCaseBench().EnumerateMatches(text))
            {
                var value = text.Substring(match.Index, match.Length);
                if (!Inside(lexiconSpans, match.Index, match.Index + match.Length) && !notBenchmarks.Contains(Key(value)))
                {
                    Add(found, keys, value, LexiconCanonical(value) ?? value);
                }
            }
        }

        // "Indoor Scene Perception Bench, Robot Bench and Grounding Bench": capitalized words before a separate "Bench".
        if (text.Contains(" Bench", StringComparison.Ordinal))
        {
            foreach (Match match in SpacedBench().Matches(text))
            {
                var name = match.Groups["name"].Value;
                if (!NotNames.Contains(name.Split(' ')[0]) && !Inside(lexiconSpans, match.Index, match.Index + match.Length))
                {
                    Add(found, keys, name, LexiconCanonical(name) ?? name);
                }
            }
        }
    }

    /// <summary>Whether [start, end) lies within a name the lexicon already matched ("AlpacaEval" in "AlpacaEval 2").</summary>
    private static bool Inside(List<(int Start, int End)> spans, int start, int end)
    {
        foreach (var (s, e) in spans)
        {
            if (start >= s && end <= e)
            {
                return true;
            }
        }

        return false;
    }

    // "gg-bench": a lower-case name ending in "-bench" (NameToken wants a capital or a digit first); not in a path or a
    // file name, nor a generic compound ("test-bench", "multi-bench").
    [GeneratedRegex(@"(?<![\w/.-])(?!(?:test|work|multi|cross|sub|micro|macro|mini)-bench)[a-z][a-z0-9]+(?:-[a-z0-9]+)*-bench(?![\w/-]|\.[a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCaseBench();

    private static bool IsBenchmarkShape(ReadOnlySpan<char> name)
    {
        var bench = name.IndexOf("Bench", StringComparison.Ordinal);
        if (bench > 0 && !name[bench..].StartsWith("Benchmarking", StringComparison.Ordinal) &&
            !(name.Length > bench + 5 && char.IsLower(name[bench + 5]) && !name[bench..].StartsWith("Benchmark", StringComparison.Ordinal)))
        {
            return true; // but not "AutoBencher", a tool
        }

        if (name.Contains("-bench", StringComparison.Ordinal) || name.Contains("-Eval", StringComparison.Ordinal))
        {
            return true;
        }

        return (name.EndsWith("Eval", StringComparison.Ordinal) && name.Length > 5) ||
               (name.EndsWith("Arena", StringComparison.Ordinal) && name.Length > 6);
    }

    private static void ScanIntroductions(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!(text.Contains("benchmark", StringComparison.OrdinalIgnoreCase) || text.Contains("leaderboard", StringComparison.OrdinalIgnoreCase) || text.Contains("test suite", StringComparison.OrdinalIgnoreCase) || text.Contains("evaluation suite", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var flat = text;
        foreach (var match in MatchesNear(NamedBenchmark(), flat, BenchmarkAnchors, 60, 60))
        {
            var group = match.Groups["name"];
            var name = group.Value;
            var strong = match.Value.EndsWith("Leaderboard", StringComparison.Ordinal) && !AfterCapitalizedWord(text, group.Index);
            if (strong && (IsName(name) || IsRelaxedName(text, group.Index, name)))
            {
                name += " Leaderboard"; // "a public Sentient Leaderboard"
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
            else if (IsName(name) && !DescribedIndefinitely(text, group.Index))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }

        foreach (var match in MatchesNear(MultiWordBenchmark(), flat, BenchmarkAnchors, 70, 12))
        {
            var name = match.Groups["name"].Value;
            var words = name.Split(' ');
            var head = words[0].Split('-')[0];
            if (!NotNames.Contains(words[0]) && !GenericCapitalized.Contains(head) && words.Any(w => IsName(w)) && LexiconCanonical(name) is null && LexiconCanonical(words[0]) is null)
            {
                Add(found, keys, name, name);
            }
        }

        foreach (Match match in IntroducedBenchmark().Matches(flat))
        {
            var group = match.Groups["name"];
            var name = group.Value;
            var words = name.Split(' ');
            var first = words[0];
            if (words.Length > 1 && !(IsName(first) || words.All(w => w.Length > 1 && char.IsUpper(w[0]))))
            {
                name = first; // "we introduce SAGE Evaluation, a …": keep what reads as a name
                words = [first];
            }

            if (IsName(first) || IsRelaxedName(text, group.Index, first))
            {
                var abbreviation = match.Groups["abbr"];

                // "the Remote Labor Index (RLI), a … benchmark": the full name is canonical; the abbreviation is how
                // the rest of the abstract refers to it.
                var canonical = LexiconCanonical(name) ?? name;
                Add(found, keys, abbreviation.Success && words.Length > 1 ? abbreviation.Value : name, canonical);
            }
        }
    }

    // "On WebArena-Lite, WebRL improves …", "On ARC (logic) and DART (math), Dr.LLM improves …": a sentence that
    // opens with "On" and a list of names ended by a comma.
    [GeneratedRegex(@"\GOn\s+(?:the\s+)?(?<list>" + NameWord + @"(?:\s\([^()]{1,30}\))?(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)" + NameWord + @"(?:\s\([^()]{1,30}\))?)*),\s", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SentenceOpeningOn();

    // "the grounding task (Multi3DRefer)", "We leverage TriviaQA as a benchmark", "using X as the testbed".
    [GeneratedRegex(@"\b(?:task|benchmark|dataset|testbed)s?\s+\((?<name>" + NameWord + @")\)|(?<![\w-])(?<name>" + NameWord + @")\s+as\s+(?:a|an|the|our)\s+(?:[\w-]+\s+){0,2}?(?:benchmark|testbed|test\s+bed|evaluation\s+(?:set|dataset|suite))\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NameInRole();

    // "outperforms the pre-trained model on HMDB51", "3times higher scores than SigLIP on MMVP": a comparison on a name.
    [GeneratedRegex(@"\b(?:outperform\w*|surpass\w*|than|over|beat\w*|exceed\w*|higher|better|lower)\s+(?:[\w.-]+\s+){0,4}?on\s+(?:the\s+)?(?<name>" + NameWord + @")(?=[\s,.;:)])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ComparisonOn();

    private static readonly string[] OnAnchors = [" on ", " on\n"];
    private static readonly string[] RoleAnchors = ["task (", "tasks (", "benchmark (", "dataset (", "datasets (", "testbed (", "as a", "as the", "as our"];
    private static readonly string[] ListAfterAnchors = ["benchmarks", "datasets", "test sets", "suites"];
    private static readonly string[] ListBeforeAnchors = ["benchmarks", "datasets"];

    private static readonly System.Buffers.SearchValues<string> ComparisonCues = System.Buffers.SearchValues.Create(
        ["utperform", "urpass", "than ", "over ", "beat", "xceed", "higher ", "better ", "lower "], StringComparison.Ordinal);

    /// <summary>Context rules for names the lexicon does not know: a sentence opening "On X, …", a name given a role
    /// ("the grounding task (Multi3DRefer)", "TriviaQA as a benchmark") and a comparison on a name ("outperforms the
    /// pre-trained model on HMDB51"). Names only (<see cref="IsName"/>), no model names, nothing the abstract
    /// introduces as a method or model, nothing followed by "tasks"/"images" ….</summary>
    private static void ScanContexts(string? text, List<BenchmarkMention> found, HashSet<string> keys, NotBenchmarkNames notBenchmarks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        for (var at = text.IndexOf("On ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("On ", at + 3, StringComparison.Ordinal))
        {
            var before = text.AsSpan(0, at).TrimEnd();
            if (before.Length > 0 && before[^1] is not ('.' or '!' or '?'))
            {
                continue; // not a sentence start
            }

            var match = SentenceOpeningOn().Match(text, at, Math.Min(text.Length - at, 200));
            if (match.Success)
            {
                foreach (var raw in ListSeparator().Split(match.Groups["list"].Value))
                {
                    var paren = raw.IndexOf(" (", StringComparison.Ordinal);
                    AddContextName(paren > 0 ? raw[..paren] : raw, found, keys, notBenchmarks);
                }
            }
        }

        foreach (var match in MatchesNear(NameInRole(), text, RoleAnchors, 70, 40))
        {
            AddContextName(match.Groups["name"].Value, found, keys, notBenchmarks);
        }

        foreach (var match in MatchesNear(ComparisonOn(), text, OnAnchors, 80, 40, ComparisonCues))
        {
            var group = match.Groups["name"];
            if (!FollowedByTask(text, group.Index + group.Length) && !DeltaOrUnitResult().IsMatch(match.Value))
            {
                AddContextName(group.Value, found, keys, notBenchmarks);
            }
        }
    }

    private static void AddContextName(string raw, List<BenchmarkMention> found, HashSet<string> keys, NotBenchmarkNames notBenchmarks)
    {
        var name = raw.TrimEnd('-');
        if (IsName(name) && !ModelLike().IsMatch(name) && !notBenchmarks.Contains(Key(name)))
        {
            Add(found, keys, name, LexiconCanonical(name) ?? name);
        }
    }

    /// <summary>Lists introduced as benchmarks or evaluation datasets ("benchmarks such as A, B, and C", "three
    /// benchmarks: A, B and C", "datasets (i.e., A, B, and FoolMeTwice)", "on A, B and C benchmarks"). In such a list a
    /// plain capitalized word ("Bamboogle") is a name too, unless it is joined to another plain word by a bare "and"
    /// ("Tanks and Temples", a longer name). A list of datasets in a sentence about training is training data.</summary>
    private static void ScanLists(string? text, List<BenchmarkMention> found, HashSet<string> keys, NotBenchmarkNames notBenchmarks)
    {
        if (string.IsNullOrEmpty(text) || !(text.Contains("benchmarks", StringComparison.Ordinal) || text.Contains("datasets", StringComparison.Ordinal) || text.Contains("test sets", StringComparison.Ordinal) || text.Contains("suites", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var list in new[] { BenchmarkListAfter(), BenchmarkListBefore() })
        {
            var after = list == BenchmarkListAfter();
            foreach (var match in after ? MatchesNear(list, text, ListAfterAnchors, 12, 300) : MatchesNear(list, text, ListBeforeAnchors, 250, 12))
            {
                var plainDatasets = match.Groups["kind"].Value == "datasets";
                if (plainDatasets)
                {
                    var (sentenceStart, sentenceEnd) = SentenceAround(text, match.Index);
                    if (TrainingSentence().IsMatch(text.AsSpan(sentenceStart, sentenceEnd - sentenceStart)))
                    {
                        continue; // "fine-tuned on datasets such as …"
                    }
                }

                var group = match.Groups["list"];
                var items = ListSeparator().Split(group.Value);
                var separators = ListSeparator().Matches(group.Value);
                for (var i = 0; i < ListLength(separators, items.Length); i++)
                {
                    var name = items[i].TrimEnd('-');
                    if (plainDatasets && (ModelLike().IsMatch(name) || notBenchmarks.Contains(Key(name))))
                    {
                        continue;
                    }

                    if (name.Contains(' ', StringComparison.Ordinal))
                    {
                        // "Minerva Algebra", "COCO Captions": a multi-word item with a name in it, or plain words.
                        var words = name.Split(' ');
                        if (!words.Any(w => IsName(w)) && !(after && IsListedPlainName(items, separators, i) && !GenericCapitalized.Contains(words[^1])))
                        {
                            continue;
                        }
                    }
                    else if (!(IsName(name) || (after && IsListedPlainName(items, separators, i))))
                    {
                        continue;
                    }

                    {
                        Add(found, keys, name, LexiconCanonical(name) ?? name);
                    }
                }
            }
        }
    }

    /// <summary>How many items a list has: it ends with the item after "and"/"or" ("… MATH-500, and GSM8K, Thinkless
    /// is able …").</summary>
    private static int ListLength(MatchCollection separators, int items)
    {
        for (var i = 0; i < separators.Count && i + 1 < items; i++)
        {
            var sep = separators[i].Value;
            if (sep.Contains("and", StringComparison.Ordinal) || sep.Contains("or", StringComparison.Ordinal))
            {
                return i + 2;
            }
        }

        return items;
    }

    /// <summary>A plain capitalized list item ("Bamboogle", "Countdown") of five letters or more, no generic word, and
    /// not joined by a bare "and"/"or" to another plain item ("Tanks and Temples").</summary>
    private static bool IsListedPlainName(string[] items, MatchCollection separators, int i)
    {
        var name = items[i];
        var first = name.Split(' ')[0];
        if (first.Length < 5 || !char.IsUpper(first[0]) || first.AsSpan(1).ContainsAnyExcept(LowerCase) || NotNames.Contains(first) || GenericCapitalized.Contains(first))
        {
            return false;
        }

        bool BareJoin(int sep, int other) => sep >= 0 && sep < separators.Count && !separators[sep].Value.Contains(',', StringComparison.Ordinal) && other >= 0 && other < items.Length && !IsName(items[other]);
        return !BareJoin(i - 1, i - 1) && !BareJoin(i, i + 1);
    }

    // A sentence about training data: "fine-tuned on datasets such as …", "pre-training corpora (…)".
    [GeneratedRegex(@"\b(?:train\w*|fine-?tun\w*|finetun\w*|pre-?train\w*|post-?train\w*|SFT|instruction[- ]tuning|corpus|corpora|mixture|rel(?:y|ies|ying)\s+on)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrainingSentence();

    /// <summary>"Berkeley Function Calling Leaderboard": "Calling" is the inside of a longer name.</summary>
    private static bool AfterCapitalizedWord(string text, int start)
    {
        var before = text.AsSpan(0, start).TrimEnd();
        var space = before.LastIndexOfAny(' ', '\n');
        var word = before[(space + 1)..];
        return word.Length > 0 && char.IsUpper(word[0]);
    }

    /// <summary>"a 15-task CL benchmark", "an X benchmark": an indefinite description, not a name.</summary>
    private static bool DescribedIndefinitely(string text, int nameStart)
    {
        var before = text.AsSpan(0, nameStart).TrimEnd();
        var space = before.LastIndexOf(' ');
        var word = before[(space + 1)..];
        return word is "a" or "an" || (word.Length > 2 && char.IsDigit(word[0]) && word.Contains('-'));
    }

    private static readonly HashSet<string> GenericCapitalized = new(StringComparer.Ordinal)
    {
        "Chinese", "English", "Japanese", "Korean", "Arabic", "French", "German", "Spanish", "Russian", "Indian", "African",
        "European", "American", "Asian", "Multilingual", "Multimodal", "General", "Popular", "Challenging", "Comprehensive",
        "Visual", "Spatial", "Medical", "Clinical", "Legal", "Financial", "Scientific", "Mathematical", "Open", "Large",
        "Small", "Unified", "Novel", "Diverse", "Hard", "Easy", "Long", "Short", "Full", "Main", "Test", "Validation",
        "Training", "Benchmark", "Dataset", "Overall", "Average", "Global", "Local", "Online", "Offline", "Final",
        "Internet", "Web", "Wikipedia", "Python", "Java", "Linux", "Windows", "Android", "Google", "Meta", "Microsoft",
        "OpenAI", "Anthropic", "Apple", "Amazon", "Twitter", "Reddit", "GitHub", "YouTube", "Transformer", "Transformers",
        "Diffusion", "Language", "Vision", "Audio", "Speech", "Robot", "Robotic", "Simulation", "Synthetic", "Real",
        "Public", "Private", "Unseen", "Seen", "Zero-shot", "Few-shot", "Leaderboard", "Arena", "Model", "Models",
    };

    /// <summary>In a strong context ("a public Sentient Leaderboard", "we introduce Sotopia, a benchmark"): a
    /// capitalized word of four letters or more, not at a sentence start, that is no generic adjective or stop word.</summary>
    private static bool IsRelaxedName(string text, int start, string name)
    {
        if (name.Length < 4 || !char.IsUpper(name[0]) || NotNames.Contains(name) || GenericCapitalized.Contains(name))
        {
            return false;
        }

        var before = text.AsSpan(0, start).TrimEnd();
        return before.Length > 0 && before[^1] is not ('.' or '!' or '?' or ':');
    }

    /// <summary><see cref="IntroducedNonBenchmarks"/>, computed only when a candidate needs it.</summary>
    private sealed class NotBenchmarkNames(string? text)
    {
        private HashSet<string>? names;
        private bool computed;

        public bool Contains(string key)
        {
            if (!computed)
            {
                names = IntroducedNonBenchmarks(text);
                computed = true;
            }

            return names is not null && names.Contains(key);
        }
    }

    /// <summary>Names the abstract introduces as a framework, method, model, agent … ("we introduce MentalArena, a
    /// self-play framework"): a benchmark-like shape does not make them benchmarks.</summary>
    private static HashSet<string>? IntroducedNonBenchmarks(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        HashSet<string>? keys = null;
        foreach (Match match in IntroducedOther().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var tail = text.AsSpan(match.Index, Math.Min(text.Length - match.Index, match.Length + 40));
            if (tail.Contains("benchmark", StringComparison.OrdinalIgnoreCase) || match.Value.Contains("evaluat", StringComparison.OrdinalIgnoreCase))
            {
                continue; // "an evaluation framework and benchmark"
            }

            (keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(Key(name));
        }

        foreach (Match match in NamedOther().Matches(text))
        {
            var name = match.Groups["name"].Value;
            if (IsName(name))
            {
                (keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(Key(name));
            }
        }

        return keys;
    }

    /// <summary>Matches of <paramref name="regex"/> in windows around each occurrence of one of
    /// <paramref name="anchors"/> (the words every match contains), so that a costly pattern runs on a few short spans
    /// instead of the whole abstract. Windows are clipped to the text; a match is reported once.</summary>
    private static List<Match> MatchesNear(Regex regex, string text, string[] anchors, int before, int after, System.Buffers.SearchValues<string>? cueBefore = null)
    {
        var matches = new List<Match>();
        var lastEnd = -1;
        var windows = new List<(int Start, int End)>();
        foreach (var anchor in anchors)
        {
            for (var i = text.IndexOf(anchor, StringComparison.Ordinal); i >= 0; i = text.IndexOf(anchor, i + anchor.Length, StringComparison.Ordinal))
            {
                var from = Math.Max(0, i - before);
                if (cueBefore is null || text.AsSpan(from, i - from).IndexOfAny(cueBefore) >= 0)
                {
                    windows.Add((from, Math.Min(text.Length, i + anchor.Length + after)));
                }
            }
        }

        windows.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var w in windows)
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, w.End));
            }
            else
            {
                merged.Add(w);
            }
        }

        foreach (var (start, end) in merged)
        {
            // Start the window at a word boundary so that "\b" and look-behinds see the real text.
            var from = start;
            while (from > 0 && from > start - 20 && !char.IsWhiteSpace(text[from - 1]))
            {
                from--;
            }

            for (var m = regex.Match(text, from, end - from); m.Success; m = m.NextMatch())
            {
                if (m.Index >= lastEnd)
                {
                    matches.Add(m);
                    lastEnd = m.Index + m.Length;
                }
            }
        }

        return matches;
    }

    private static readonly string[] DatasetAnchors = ["dataset", "test set", "test\nset", "testbed", "suite"];
    private static readonly string[] NamedDatasetAnchors = ["dataset", "test set", "test\nset", "testbed", "suite", "benchmark"];
    private static readonly string[] BenchmarkAnchors = ["benchmark", "Benchmark", "leaderboard", "Leaderboard", "test suite"];
    private static readonly string[] ListAnchors = [" on ", " across ", " on\n"];

    /// <summary>The stems of <see cref="EvaluationList"/>'s cue words: an " on " without one of them before it starts no list.</summary>
    private static readonly System.Buffers.SearchValues<string> ListCues = System.Buffers.SearchValues.Create(
        ["xperiment", "valuat", "tested", "validated", "esult", "erformance", "ccuracy", "enchmarked", "ssessed", "state-of-the-art", "SOTA", "utperform", "urpass", "mprov"],
        StringComparison.Ordinal);

    /// <summary>The sentence around position <paramref name="index"/>.</summary>
    private static (int Start, int End) SentenceAround(string text, int index)
    {
        var start = index;
        while (start > 0 && !(text[start - 1] is '.' or '!' or '?' && (start >= text.Length || char.IsWhiteSpace(text[start]))))
        {
            start--;
        }

        var end = index;
        while (end < text.Length && !(text[end] is '.' or '!' or '?' && (end + 1 >= text.Length || char.IsWhiteSpace(text[end + 1]))))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Datasets in an evaluation position ("experiments on the proposed AlphaBlend dataset and public LOGO
    /// dataset", "evaluated on the EgoExo4D dataset"), named evaluation datasets ("a … dataset named GTA-UAV", "a novel
    /// test set (Recon)") and introduced datasets ("we introduce AlphaBlend, the first … dataset"), unless the sentence
    /// is about training on them (<see cref="TrainingCue"/>: "to fine-tune", "instruction tuning", "large-scale").</summary>
    private static void ScanDatasets(string? text, string? title, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text) || !(text.Contains("dataset", StringComparison.Ordinal) || text.Contains("test set", StringComparison.Ordinal) || text.Contains("testbed", StringComparison.Ordinal) || text.Contains("benchmark", StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var match in MatchesNear(DatasetInEvaluation(), text, DatasetAnchors, 90, 12))
        {
            var group = match.Groups["name"];
            var (sentenceStart, _) = SentenceAround(text, match.Index);
            if (TrainingCue().IsMatch(text.AsSpan(sentenceStart, match.Index - sentenceStart)))
            {
                continue; // "trained on the X dataset"
            }

            var name = DatasetName(text, group.Index, group.Value);
            if (name is not null)
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }

        foreach (var match in MatchesNear(NamedDataset(), text, NamedDatasetAnchors, 12, 60))
        {
            var group = match.Groups["name"];
            var (sentenceStart, sentenceEnd) = SentenceAround(text, match.Index);
            var parenthesized = group.Index > 0 && text[group.Index - 1] == '(';
            if (TrainingCue().IsMatch(text.AsSpan(sentenceStart, sentenceEnd - sentenceStart)) || !(IsName(group.Value.TrimEnd('-')) || (parenthesized && IsRelaxedName(text, group.Index, group.Value))))
            {
                continue;
            }

            var name = group.Value.TrimEnd('-');
            if (!LooksLikeTrainingData(name))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }

        foreach (var match in MatchesNear(IntroducedDataset(), text, DatasetAnchors, 160, 12))
        {
            var name = match.Groups["name"].Value;
            var (sentenceStart, sentenceEnd) = SentenceAround(text, match.Index);
            var sentence = text.AsSpan(sentenceStart, sentenceEnd - sentenceStart);
            if (!IsName(name) || LooksLikeTrainingData(name) || TrainingCue().IsMatch(sentence) || !EvaluationCue().IsMatch(text) || TrainedOn(text, name) || (title is not null && TrainingCue().IsMatch(title)))
            {
                continue;
            }

            Add(found, keys, name, LexiconCanonical(name) ?? name);
        }
    }

    // "VoiceAssistant-400K", "OmniLayout-1M", "VistaDPO-7k": a size of 10K items or more, or a training method, in the name.
    [GeneratedRegex(@"-(?:[1-9]\d|\d{3,})[Kk]$|-\d+(?:\.\d+)?M$|^CC-BY|(?:DPO|SFT|RLHF|Instruct)", RegexOptions.CultureInvariant)]
    private static partial Regex TrainingSizeName();

    /// <summary>A large training set by its name ("InstructS2S-200K") or a licence ("CC-BY-4").</summary>
    private static bool LooksLikeTrainingData(string name) => TrainingSizeName().IsMatch(name);

    /// <summary>"trained on X", "fine-tune … with X": the dataset is training data.</summary>
    private static bool TrainedOn(string text, string name)
    {
        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
        {
            var before = text.AsSpan(Math.Max(0, i - 60), i - Math.Max(0, i - 60));
            if (TrainedOnBefore().IsMatch(before) || (i + name.Length + 8 <= text.Length && text.AsSpan(i + name.Length).StartsWith("-trained", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The dataset name of a <see cref="DatasetInEvaluation"/> match: one name-like word ("EgoExo4D", "LOGO",
    /// "M^{6}Doc"), a capitalized one in that strong context ("Sotopia"), or two or three capitalized words of which
    /// one is name-like ("Objaverse T2T").</summary>
    private static string? DatasetName(string text, int index, string name)
    {
        var words = name.Split(' ');
        if (words.Length > 1)
        {
            return !NotNames.Contains(words[0]) && !GenericCapitalized.Contains(words[0]) && words.All(w => char.IsUpper(w[0]) || char.IsDigit(w[0])) && words.Any(w => IsName(w)) && !ModelLike().IsMatch(name)
                ? name
                : IsName(words[^1]) && !ModelLike().IsMatch(words[^1]) ? words[^1] : null;
        }

        name = name.TrimEnd('-');
        if (ModelLike().IsMatch(name))
        {
            return null;
        }

        if (name.Contains('^', StringComparison.Ordinal) || name.Contains('{', StringComparison.Ordinal))
        {
            var plain = new string([.. name.Where(c => char.IsLetterOrDigit(c) || c == '-')]);
            return IsName(plain) ? plain : null;
        }

        return IsName(name) || IsRelaxedName(text, index, name) ? name : null;
    }

    /// <summary>"Extensive experiments on 4D-Dress, PuzzleIOI, and in-the-wild captures", "evaluated on ManiSkill2 and
    /// MimicGen": name-like items of a list right after an evaluation phrase, except model names.</summary>
    private static void ScanEvaluationLists(string? text, List<BenchmarkMention> found, HashSet<string> keys, NotBenchmarkNames notBenchmarks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var match in MatchesNear(EvaluationList(), text, ListAnchors, 60, 200, ListCues))
        {
            var items = ListSeparator().Split(match.Groups["list"].Value);
            var end = match.Index + match.Length;
            if (end + 1 < text.Length && text[end] == ' ' && char.IsUpper(text[end + 1]))
            {
                items = items[..^1]; // "performance on Audio-Visual Question Answering": part of a longer phrase
            }
            else if (FollowedByTask(text, end))
            {
                items = items[..^1]; // "performance on ToM tasks"
            }

            var anyName = items.Any(item => IsName(item.TrimEnd('-').Split(' ')[0]));
            var separators = ListSeparator().Matches(match.Groups["list"].Value);
            for (var i = 0; i < ListLength(separators, items.Length); i++)
            {
                var name = items[i].TrimEnd('-');
                var head = name.Split(' ')[0];
                if ((IsName(head) || (anyName && IsListedPlainName(items, separators, i))) && !ModelLike().IsMatch(name) && !notBenchmarks.Contains(Key(name)) && !name.Contains("-to-", StringComparison.Ordinal))
                {
                    // "AIMO 2025": the year is part of the name when the name is not known without it.
                    name = name != head && LexiconCanonical(name) is null && LexiconCanonical(head) is not null ? head : name;
                    Add(found, keys, name, LexiconCanonical(name) ?? name);
                }
            }
        }
    }

    /// <summary>The title's name when the title or abstract makes it the benchmark: "Name: … Benchmark …", "Name:
    /// Benchmarking/Evaluating/Measuring …", "Name: A … Dataset …" (not a training dataset), or "Name: …" when the
    /// abstract introduces a benchmark without naming it ("we construct the first … benchmark").</summary>
    private static void ScanTitle(string? title, string? @abstract, List<BenchmarkMention> found, HashSet<string> keys, NotBenchmarkNames notBenchmarks)
    {
        if (string.IsNullOrEmpty(title) || !title.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        var flat = title.Replace('\n', ' ');
        string? name = null;
        var match = TitleBenchmark().Match(flat);
        var saysBenchmark = match.Success;
        if (saysBenchmark)
        {
            name = match.Groups["name"].Value;
        }
        else if (!string.IsNullOrEmpty(@abstract) && (@abstract.Contains("benchmark", StringComparison.OrdinalIgnoreCase) || @abstract.Contains("testbed", StringComparison.Ordinal) || @abstract.Contains("suite", StringComparison.Ordinal)))
        {
            // Every rule below needs the abstract to speak of a benchmark, a testbed or a suite.
            if ((match = TitleEvaluation().Match(flat)).Success && @abstract.Contains("benchmark", StringComparison.OrdinalIgnoreCase) && Mentions(@abstract, match.Groups["name"].Value))
            {
                name = match.Groups["name"].Value;
            }
            else if ((match = TitleDataset().Match(flat)).Success)
            {
                var candidate = match.Groups["name"].Value;
                var at = @abstract.IndexOf(candidate, StringComparison.Ordinal);
                var (start, end) = at >= 0 ? SentenceAround(@abstract, at) : (0, 0);
                if (at >= 0 && !TrainingCue().IsMatch(flat) && !TrainingCue().IsMatch(@abstract.AsSpan(start, end - start)) && @abstract.Contains("benchmark", StringComparison.OrdinalIgnoreCase) && !TrainedOn(@abstract, candidate))
                {
                    name = candidate;
                }
            }
            else if ((match = TitleName().Match(flat)).Success && @abstract.Contains(match.Groups["name"].Value, StringComparison.Ordinal) && UnnamedBenchmarkIntroduced().IsMatch(@abstract))
            {
                name = match.Groups["name"].Value;
            }
        }

        if (name is null || !(IsName(name.Split(' ')[0]) || (saysBenchmark && IsTitleWords(name, @abstract))) || ModelLike().IsMatch(name) || notBenchmarks.Contains(Key(name)))
        {
            return;
        }

        // "ImgEdit: … Dataset and Benchmark" that names "ImgEdit-Bench" in the abstract: the latter is the benchmark.
        var key = Key(name);
        if (!keys.Any(k => k.Length > key.Length && k.StartsWith(key, StringComparison.Ordinal)))
        {
            Add(found, keys, name, LexiconCanonical(name) ?? name);
        }
    }

    /// <summary>"Golden Touchstone: A Comprehensive Bilingual Benchmark …": a title lead of two or three capitalized words
    /// of four letters or more, none generic or a verb form (-ing, -ed), named again in the abstract, before a title that says
    /// "Benchmark".</summary>
    private static bool IsTitleWords(string name, string? @abstract)
    {
        var words = name.Split(' ');
        return !string.IsNullOrEmpty(@abstract) && words.Length is 2 or 3
            && words.All(w => w.Length >= 4 && char.IsUpper(w[0]) && w.Skip(1).All(char.IsLower) && !w.EndsWith("ing", StringComparison.Ordinal) && !w.EndsWith("ed", StringComparison.Ordinal)
                              && !NotNames.Contains(w) && !GenericCapitalized.Contains(w))
            && @abstract.Replace('\n', ' ').Contains(name, StringComparison.Ordinal);
    }

    // Right before a dataset's name: "trained on the", "fine-tune our models with", "pre-trained on large-scale".
    [GeneratedRegex(@"\b(?:train|fine-?tun|finetun|pre-?train|post-?train)\w*\s+(?:[\w-]+\s+){0,3}?(?:on|with|using|from)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrainedOnBefore();

    /// <summary>Whether the abstract names <paramref name="name"/>, a one-word name however cased or hyphenated
    /// ("YINYANG-ALIGN", "YinYangAlign"; not "MEETING DELEGATE" for "meeting delegate").</summary>
    private static bool Mentions(string text, string name) =>
        text.Contains(name, StringComparison.Ordinal) || (!name.Contains(' ', StringComparison.Ordinal) && Key(text).Contains(Key(name), StringComparison.Ordinal));

    [GeneratedRegex(@"^(?<name>[A-Z0-9][\w+-]*):\s", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TitleName();

    // "zero-shot audio classification (ZSAC)", "theory of mind (ToM)": an acronym of a lower-case phrase names a task.
    [GeneratedRegex(@"(?<phrase>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){1,5})\s+$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.RightToLeft)]
    private static partial Regex TaskAcronymPhrase();

    [GeneratedRegex(@"\b(?:Bench\w*|Dataset|Leaderboard|Suite|Arena|Eval\w*|Test|Exam|Challenge|Index|Corpus)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BenchmarkWord();

    /// <summary>Whether the letters of <paramref name="abbreviation"/> are the initials of the last words of
    /// <paramref name="phrase"/> ("ZSAC", "zero-shot audio classification"; "ToM", "theory of mind").</summary>
    private static bool IsAcronymOf(string abbreviation, string phrase)
    {
        var letters = new string([.. abbreviation.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        var words = phrase.Split([' ', '-', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (letters.Length < 2 || letters.Length > words.Length)
        {
            return false;
        }

        var initials = new string([.. words[^letters.Length..].Select(w => char.ToLowerInvariant(w[0]))]);
        return initials == letters;
    }

    /// <summary>Drops unknown names that the abstract defines as the acronym of a lower-case phrase (a task or a
    /// concept: "low dynamic range (LDR)"); known benchmarks stay.</summary>
    private static void DropTaskAcronyms(string? text, List<BenchmarkMention> found)
    {
        if (string.IsNullOrEmpty(text) || found.Count == 0)
        {
            return;
        }

        for (var i = found.Count - 1; i >= 0; i--)
        {
            var name = found[i].Canonical;
            if (name.Length < 2 || name.Length > 12 || Lexicon.ContainsKey(Key(name)) || !char.IsUpper(name[0]))
            {
                continue;
            }

            foreach (var abbreviation in (string[])[name, name + "s"])
            {
                var at = text.IndexOf("(" + abbreviation + ")", StringComparison.Ordinal);
                if (at <= 0)
                {
                    continue;
                }

                var before = text.AsSpan(Math.Max(0, at - 90), at - Math.Max(0, at - 90));
                var phrase = TaskAcronymPhrase().Match(before.ToString());
                if (phrase.Success && IsAcronymOf(name, phrase.Groups["phrase"].Value) && !BenchmarkWord().IsMatch(phrase.Groups["phrase"].Value))
                {
                    found.RemoveAt(i);
                    break;
                }
            }
        }
    }

    /// <summary>"GSO" found inside "the GSO T2T benchmark" and nowhere else: the shorter name was only part of the longer.</summary>
    private static void DropPartsOfLongerNames(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text) || found.Count < 2)
        {
            return;
        }

        for (var i = found.Count - 1; i >= 0; i--)
        {
            var part = found[i].Name;
            var longer = found.FirstOrDefault(f => f.Name.Length > part.Length + 1 && f.Name.StartsWith(part + " ", StringComparison.Ordinal));
            if (longer is not null && Count(text, part) == Count(text, longer.Name))
            {
                keys.Remove(Key(found[i].Canonical));
                found.RemoveAt(i);
            }
        }

        static int Count(string text, string name)
        {
            var n = 0;
            for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
            {
                n++;
            }

            return n;
        }
    }

    /// <summary>"80.5% on VideoGen Reward": a result stated on a name makes it a benchmark.</summary>
    private static void ScanResults(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (Match match in ResultOnName().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && keys.Contains(Key(name[..space])))
            {
                continue; // "69.6 on the OpenCompass Multi-modal …": OpenCompass, already found
            }

            var first = name.Split(' ')[0];
            if (IsName(first) && !ModelLike().IsMatch(first) && !DeltaOrUnitResult().IsMatch(match.Value) && !FollowedByTask(text, match.Index + match.Length))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }
    }

    // "1.91 dB on LDR", "48.6% based on Llama-3": a quantity or a basis, not a result on a benchmark.
    [GeneratedRegex(@"\b(?:dB|ms|s|GB|MB|x|times|faster|based|relying|trained|built)\s+on\b", RegexOptions.CultureInvariant)]
    private static partial Regex DeltaOrUnitResult();

    /// <summary>"on ToM tasks", "on LDR images": a kind of task or data, not a named benchmark.</summary>
    private static bool FollowedByTask(string text, int end)
    {
        var rest = text.AsSpan(end).TrimStart();
        return rest.StartsWith("task", StringComparison.Ordinal) || rest.StartsWith("abilit", StringComparison.Ordinal) || rest.StartsWith("capabilit", StringComparison.Ordinal) ||
               rest.StartsWith("image", StringComparison.Ordinal) || rest.StartsWith("problem", StringComparison.Ordinal) || rest.StartsWith("setting", StringComparison.Ordinal) || rest.StartsWith("model", StringComparison.Ordinal);
    }

    // "GUI-Critic-Train", "Sotopia-RL", "X-Zero": a training split or a trained model, not a subset to evaluate on.
    [GeneratedRegex(@"-(?:Train|Training|SFT|RL|DPO|GRPO|Zero|Distill|Data|Instruct|Chat|R1|Pro-?Max)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrainingSuffix();

    /// <summary>"BIRD-CRITIC-PG" after "BIRD-CRITIC": a known benchmark's name with a suffix names a subset.</summary>
    private static void ScanSubsets(string? text, List<BenchmarkMention> found, HashSet<string> keys)
    {
        if (string.IsNullOrEmpty(text) || found.Count == 0)
        {
            return;
        }

        foreach (var match in NameToken().EnumerateMatches(text))
        {
            var span = text.AsSpan(match.Index, match.Length).TrimEnd('-');
            var dash = span.LastIndexOf('-');
            if (dash <= 0)
            {
                continue;
            }

            var name = span.ToString();
            if (dash + 1 < name.Length && (char.IsLower(name[dash + 1]) || name.Length - dash - 1 < 2 || ModelLike().IsMatch(name) || TrainingSuffix().IsMatch(name)))
            {
                continue; // "PHUMA-trained", "Mind2Web-but"
            }

            if (keys.Contains(Key(name[..dash])) && !keys.Contains(Key(name)) && IsName(name))
            {
                Add(found, keys, name, LexiconCanonical(name) ?? name);
            }
        }
    }

    /// <summary>Looks like a proper name: not a stop word; has a letter, and a digit or an upper-case letter after the
    /// first character (so "WebApp1K", "BABILong", "V-STaR", "OCTAV", but not "Video" or "A").</summary>
    private static readonly System.Buffers.SearchValues<char> LowerCase = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    private static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.Length < 2 || NotNamesLookup.Contains(name))
        {
            return false;
        }

        // "200K+", "7B", "4K": a count with a unit, not a name.
        var digits = 0;
        while (digits < name.Length && (char.IsDigit(name[digits]) || name[digits] == '.'))
        {
            digits++;
        }

        if (digits > 0 && name.Length - digits <= 2)
        {
            return false;
        }

        // "DLLMs", "MIAs": a plural of an acronym is a kind of thing, not a name.
        if (name.Length > 2 && name[^1] == 's' && char.IsUpper(name[^2]) && name[..^1].IndexOfAny(LowerCase) < 0)
        {
            return false;
        }

        var letter = false;
        var upper = false;
        foreach (var c in name)
        {
            letter |= char.IsLetter(c);
            upper |= char.IsUpper(c);
        }

        if (!letter || !upper)
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) || char.IsDigit(name[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string? LexiconCanonical(string name) =>
        Lexicon.TryGetValue(Key(name), out var entry) && (entry.ExactForms is null || entry.ExactForms.Contains(new string([.. name.Where(c => char.IsLetterOrDigit(c) || c == '+')])))
            ? entry.Canonical
            : null;

    private static void Add(List<BenchmarkMention> found, HashSet<string> keys, string name, string canonical)
    {
        if (canonical.Contains('\n', StringComparison.Ordinal) || name.Contains('\n', StringComparison.Ordinal))
        {
            name = name.Replace('\n', ' ');
            canonical = canonical.Replace('\n', ' '); // a name across a hard-wrapped title line
        }

        // "NavsimDauner2024_navsim": a citation key left in the text, not a name (the lexicon's names have no '_').
        if (name.Contains('_', StringComparison.Ordinal) && LexiconCanonical(name) is null)
        {
            return;
        }

        // "VideoFeedback-test": a split of a benchmark is the benchmark.
        foreach (var split in SplitSuffixes)
        {
            if (canonical.Length > split.Length + 1 && canonical.EndsWith(split, StringComparison.OrdinalIgnoreCase))
            {
                canonical = canonical[..^split.Length];
                canonical = LexiconCanonical(canonical) ?? canonical; // "MiniF2F-Valid": miniF2F
                break;
            }
        }

        if (keys.Add(Key(canonical)))
        {
            found.Add(new BenchmarkMention(name, canonical));
        }
    }

    /// <summary>How a known benchmark may be written ("Massive Text Embedding Benchmark" for MTEB), so that a result
    /// stated next to any of its names is found; empty for unknown names.</summary>
    internal static IReadOnlyList<string> AliasesOf(string canonical) =>
        AliasesByCanonical.TryGetValue(canonical, out var aliases) ? aliases : [];

    private static readonly Dictionary<string, string[]> AliasesByCanonical = BenchmarkLexicon.Text
        .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(line => line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        .GroupBy(aliases => aliases[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Skip(1)).Select(a => a.TrimStart('!')).Where(a => a.Length > 3).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static HashSet<string> BuildKeyPrefixes()
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Lexicon.Keys)
        {
            for (var i = 1; i <= key.Length; i++)
            {
                prefixes.Add(key[..i]);
            }
        }

        return prefixes;
    }

    private static Dictionary<string, Entry> BuildLexicon(out HashSet<string> firstWords)
    {
        var lexicon = new Dictionary<string, Entry>(StringComparer.Ordinal);
        firstWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in BenchmarkLexicon.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var aliases = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var canonical = aliases[0];
            foreach (var raw in aliases)
            {
                var exact = raw.StartsWith('!');
                var alias = exact ? raw[1..] : raw;
                var key = Key(alias);
                var entry = lexicon.GetValueOrDefault(key) ?? new Entry(canonical, null);
                if (exact)
                {
                    var forms = entry.ExactForms ?? new HashSet<string>(StringComparer.Ordinal);
                    forms.Add(new string([.. alias.Where(c => char.IsLetterOrDigit(c) || c == '+')]));
                    entry = entry with { ExactForms = forms };
                }

                lexicon[key] = entry;
                var first = alias.AsSpan();
                var cut = first.IndexOfAnyExcept(LetterOrDigitOrPlus());
                firstWords.Add(Key(cut < 0 ? alias : alias[..cut]));
            }
        }

        return lexicon;
    }

    private static System.Buffers.SearchValues<char> LetterOrDigitOrPlus() => LetterDigitPlus;
}
