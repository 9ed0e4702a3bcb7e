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
/// Beyond the table: sized names of unknown families, a title's new version of a family, glued new versions of a named
/// model ("SGRv2" beside "SGR"), and names listed as models beside a known one ("dLLMs like LLaDA and Dream"); the paper's
/// own new family (title lead, "we introduce X" with a bare name) is left out; its own new member of a known family
/// ("LLaVA-MoD") counts, as the guidelines say.
/// </summary>
public static partial class ModelExtractor
{
    // A name the family table does not know, followed by a parameter size: "Ristretto-3B", "SAIL-VL-1.5-2B".
    [GeneratedRegex(@"(?<![\w./-])(?<name>[A-Z][A-Za-z0-9]*[A-Za-z](?:-[A-Za-z][A-Za-z0-9]*)*)(?:-v?(?<version>\d+(?:\.\d+)?))?-(?<size>\d+(?:\.\d+)?[BM])(?![\w-]|\.\d)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UnknownSized();

    // "we introduce …", "our …", "named …" right before a name: the paper's own model.
    [GeneratedRegex(@"(?:\b[Ww]e\s+(?:\w+\s+){0,2}(?:introduce|present|propose|release|train|develop|build|open-source)\w*|\b[Oo]ur|\bnamed|\bcalled|\bdubbed)\s+(?:[\w-]+\s+){0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntroducedBefore();

    // "Name-7B, a new …", "Name, a family of …" right after a name.
    [GeneratedRegex(@"^(?:-[\w.]+)*,\s+(?:a|an)\s+(?:new|novel|family|series|suite|open)", RegexOptions.CultureInvariant)]
    private static partial Regex IntroducedAfter();

    [GeneratedRegex(@"-\d+(?:\.\d+)?[BM]\b", RegexOptions.CultureInvariant)]
    private static partial Regex SizeAfterHyphen();

    /// <summary>family id, head pattern (case-sensitive unless it starts with (?i)), bare mention allowed,
    /// implied version, implied variant.</summary>
    private static readonly (string Family, string Head, bool Bare, string? Version, string? Variant)[] Families =
    [
        ("code-llama", @"(?i:code[\s-]?llama)", true, null, null),
        ("llamagen", "LlamaGen", true, null, null),
        ("llama-omni", @"(?i:llama-omni)", true, null, null),
        ("lag-llama", "Lag-Llama", true, null, null),
        ("llama-guard", @"(?i:llama)[\s-]?Guard", true, null, null),
        ("llama", @"(?i:llama)(?![\w-]*(?i:factory|index))", true, null, null),
        ("mixtral", "Mixtral|mixtral(?=-)", true, null, null),
        ("ministral", "Ministral", true, null, null),
        ("codestral", "Codestral", true, null, null),
        ("pixtral", "Pixtral", true, null, null),
        ("mistral", "Mistral|mistral(?=-)", true, null, null),
        ("qwq", "QwQ", true, null, null),
        ("codeqwen", "CodeQwen", true, null, null),
        ("colqwen", "ColQwen", true, null, null),
        ("qwen", @"(?i:qwen)", true, null, null),
        ("openai-o", @"(?:OpenAI[\s-])?[oO](?=[1-9]\b|[1-9]-(?i:mini|preview|pro|high|low)\b)", false, null, null),
        ("openai-o", @"(?:Chat)?GPT-[oO](?=[1-9]\b)", false, null, null),
        ("gpt", "ChatGPT", true, null, "chatgpt"),
        ("gpt-image", @"GPT-Image(?=-\d)", false, null, null),
        ("gpt", @"GPT(?=-Image\b)", true, null, null),
        ("gpt-oss", @"(?i:gpt-oss)", true, null, null),
        ("gpt-j", @"GPT-J(?![\w])", true, null, null),
        ("gpt-neox", "GPT-NeoX", true, null, null),
        ("gpt-neo", @"GPT-Neo(?!X)", true, null, null),
        ("gpt", @"(?i:gpt)(?=[-\s]?\d)", false, null, null),
        ("gpt", @"GPT(?![\w-])", true, null, null),
        ("codegemma", "CodeGemma", true, null, null),
        ("mini-gemini", "Mini-Gemini", true, null, null),
        ("paligemma", "PaliGemma", true, null, null),
        ("recurrentgemma", "RecurrentGemma", true, null, null),
        ("medgemma", "MedGemma", true, null, null),
        ("gemma", "Gemma|gemma(?=-?\\d)", true, null, null),
        ("gemini", "Gemini|gemini(?=-)", true, null, null),
        ("claude", "Claude|claude(?=-)", true, null, null),
        ("phi", "Phi(?=[-\\s]?\\d|-[A-Z][a-z])|phi(?=-\\d)", true, null, null),
        ("deepseek", @"(?i:deepseek)MoE", true, null, "moe"),
        ("deepseek", @"(?i:deepseek)Math", true, null, "math"),
        ("deepseek", @"(?i:deepseek)", true, null, null),
        ("deepseek", "R1-Distill", true, "r1", "distill"),
        ("chatglm", "ChatGLM", true, null, null),
        ("glm", @"(?i:glm)(?=-?\d)", false, null, null),
        ("modernbert", "ModernBERT", true, null, null),
        ("roberta", "RoBERTa", true, null, null),
        ("graphcodebert", "GraphCodeBERT", true, null, null),
        ("codebert", "CodeBERT", true, null, null),
        ("camemberta", "CamemBERTa", true, null, null),
        ("camembert", "CamemBERT", true, null, null),
        ("flaubert", "FlauBERT", true, null, null),
        ("arabert", "AraBERT", true, null, null),
        ("arbert", "ARBERT", true, null, null),
        ("biobert", "BioBERT", true, null, null),
        ("pubmedbert", "PubMedBERT", true, null, null),
        ("scibert", "SciBERT", true, null, null),
        ("clinicalbert", "ClinicalBERT", true, null, null),
        ("albert", "ALBERT", true, null, null),
        ("electra", "ELECTRA", true, null, null),
        ("xlnet", "XLNet", true, null, null),
        ("longformer", "Longformer", true, null, null),
        ("bigbird", "BigBird", true, null, null),
        ("minilm", "MiniLM", true, null, null),
        ("mpnet", "MPNet", true, null, null),
        ("bart", "BART", true, null, null),
        ("mbert", "mBERT", true, null, null),
        ("xlm-r", "XLM-R(?:oBERTa)?", true, null, null),
        ("deberta", "DeBERTa", true, null, null),
        ("distilbert", "DistilBERT", true, null, null),
        ("bert", "BERT", true, null, null),
        ("t5", "(?:Flan|FLAN)-T5", true, null, "flan"),
        ("mt5", "mT5", true, null, null),
        ("byt5", "ByT5", true, null, null),
        ("speecht5", "SpeechT5", true, null, null),
        ("t5", "T5", true, null, null),
        ("siglip", "SigLIP", true, null, null),
        ("biomedclip", "BiomedCLIP", true, null, null),
        ("clip", "CLIP", true, null, null),
        ("clip", "OpenCLIP", true, null, "open"),
        ("beit", "BEiT", true, null, null),
        ("vit", "ViT(?=-)", true, null, null),
        ("deit", "DeiT(?=-)", true, null, null),
        ("swin", "Swin(?=-[TSBL]\\b|-?V2)", true, null, null),
        ("convnext", "ConvNeXt(?=-|V2)", true, null, null),
        ("resnet", "ResNet(?=-?\\d)", true, null, null),
        ("vgg", "VGG(?=-?(?:11|13|16|19)\\b)", true, null, null),
        ("efficientnet", "EfficientNet(?=-?(?:B\\d|V2)\\b)", true, null, null),
        ("internvit", "InternViT", true, null, null),
        ("stable-diffusion", @"(?i:stable[\s-]?diffusion)", true, null, null),
        ("stable-diffusion", "SDXL", true, null, "xl"),
        ("stable-diffusion", @"SD(?=[\s-]?v?\d(?:\.\d)?\b|-?XL\b)", false, null, null),
        ("stable-cascade", @"Stable[\s-]?Cascade", true, null, null),
        ("wuerstchen", "W[uü]rstchen", true, null, null),
        ("flux", "FLUX|Flux", true, null, null),
        ("dall-e", @"DALL[-·]?E", true, null, null),
        ("imagen", "Imagen", true, null, null),
        ("glide", "GLIDE", true, null, null),
        ("parti", "Parti(?![\\w-])", true, null, null),
        ("kolors", "Kolors", true, null, null),
        ("sana", @"SANA|Sana(?=[-\s]?(?:\d|Sprint))", true, null, null),
        ("auraflow", "AuraFlow", true, null, null),
        ("ideogram", "Ideogram", true, null, null),
        ("recraft", "Recraft", true, null, null),
        ("omnigen", "OmniGen", true, null, null),
        ("bagel", "BAGEL|Bagel", true, null, null),
        ("gligen", "GLIGEN", true, null, null),
        ("nano-banana", @"(?i:nano[\s-]banana)", true, null, null),
        ("magvit", "MAGVIT", true, null, null),
        ("titok", "TiTok", true, null, null),
        ("hovle", "HoVLE", true, null, null),
        ("moss", "MOSS(?=-)", true, null, null),
        ("glove", "GloVe", true, null, null),
        ("word2vec", "(?i:word2vec)", true, null, null),
        ("fasttext", "(?i:fasttext)", true, null, null),
        ("instructpix2pix", "InstructPix2Pix", true, null, null),
        ("seededit", "SeedEdit", true, null, null),
        ("step1x", "Step1X-Edit", true, null, "edit"),
        ("var", "VAR(?=-d\\d)", false, null, null),
        ("midjourney", "(?i:midjourney)", true, null, null),
        ("sora", "Sora", true, null, null),
        ("veo", "Veo", true, null, null),
        ("whisper", "Whisper", true, null, null),
        ("medsam", "MedSAM", true, null, null),
        ("sam", @"SAM|Segment\s+Anything(?:\s+Model)?", true, null, null),
        ("dino", "DINO", true, null, null),
        ("dreamsim", "DreamSim", true, null, null),
        ("imagereward", "ImageReward", true, null, null),
        ("pickscore", "PickScore", true, null, null),
        ("hps", "HPS(?=v\\d)", false, null, null),
        ("q-align", "Q-Align", true, null, null),
        ("mask2former", "Mask2Former", true, null, null),
        ("maskformer", "MaskFormer", true, null, null),
        ("rt-detr", "RT-DETR", true, null, null),
        ("glamm", "GLaMM", true, null, null),
        ("shikra", "Shikra", true, null, null),
        ("ferret", "Ferret", true, null, null),
        ("pixellm", "PixelLM", true, null, null),
        ("uground", "UGround", true, null, null),
        ("llava", "(?i:llava)", true, null, null),
        ("internvl", "InternVL", true, null, null),
        ("internlm", "InternLM", true, null, null),
        ("minicpm", "MiniCPM", true, null, null),
        ("cogvideox", "CogVideoX", true, null, null),
        ("cogvlm", "CogVLM", true, null, null),
        ("hunyuanvideo", "HunyuanVideo", true, null, null),
        ("hunyuan3d", "Hunyuan3D", true, null, null),
        ("hunyuandit", "HunyuanDiT", true, null, null),
        ("hunyuan", "Hunyuan", true, null, null),
        ("wan", @"Wan(?=[\s-]?\d\.\d)", false, null, null),
        ("kosmos", "(?i:kosmos)", true, null, null),
        ("vicuna", "Vicuna", true, null, null),
        ("falcon", "Falcon", true, null, null),
        ("olmo", "OLMo(?!E)", true, null, null),
        ("yi", @"Yi(?=-(?:\d|VL|Coder|Lightning|Large))", true, null, null),
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
        ("janus", @"Janus(?!\s+(?:problem|issue|artifact|effect)s?\b)", true, null, null),
        ("emu", @"Emu(?=\d)", false, null, null),
        ("chameleon", "Chameleon", true, null, null),
        ("sit", @"SiT(?=-)", true, null, null),
        ("dit", @"DiT(?=-)", true, null, null),
        ("pi", @"(?:π|pi)_?\{?(?=0(?:\.5)?\b)", false, null, null),
        ("openvla", "OpenVLA", true, null, null),
        ("gr00t", @"GR00T|GROOT(?=[\s-]N\d)", true, null, null),
        ("rdt", @"RDT(?=-\d|\b)", true, null, null),
        ("diffusion-policy", @"Diffusion\s+Policy", true, null, null),
        ("rvt", "RVT", true, null, null),
        ("peract", "PerAct", true, null, null),
        ("act3d", "Act3D", true, null, null),
        ("roboflamingo", "RoboFlamingo", true, null, null),
        ("cogact", "CogACT", true, null, null),
        ("spatialvla", "SpatialVLA", true, null, null),
        ("tinyvla", "TinyVLA", true, null, null),
        ("dexvla", "DexVLA", true, null, null),
        ("vima", "VIMA", true, null, null),
        ("gato", "Gato", true, null, null),
        ("dreamer", @"Dreamer(?=-?V\d)", false, null, null),
        ("td-mpc", "TD-MPC", true, null, null),
        ("transfuser", "TransFuser", true, null, null),
        ("uniad", "UniAD", true, null, null),
        ("drivevlm", "DriveVLM", true, null, null),
        ("diffusiondrive", "DiffusionDrive", true, null, null),
        ("lmdrive", "LMDrive", true, null, null),
        ("gte", "GTE", true, null, null),
        ("e5", "E5", true, null, null),
        ("bge", "BGE|bge(?=-)", true, null, null),
        ("instructor", "INSTRUCTOR", true, null, null),
        ("nomic-embed", @"Nomic[\s-]Embed", true, null, null),
        ("gritlm", "GritLM", true, null, null),
        ("sfr-embedding", "SFR-Embedding", true, null, null),
        ("colpali", "ColPali", true, null, null),
        ("rankllama", "RankLLaMA", true, null, null),
        ("dpr", "DPR", true, null, null),
        ("bloom", "BLOOMZ?", true, null, null),
        ("opt", @"OPT(?=-\d)", false, null, null),
        ("pythia", "Pythia", true, null, null),
        ("med-palm", "Med-PaLM", true, null, null),
        ("palm", "PaLM", true, null, null),
        ("bard", "Bard(?![\\w-])", true, null, null),
        ("ernie", "ERNIE", true, null, null),
        ("videocrafter", "VideoCrafter", true, null, null),
        ("animatediff", "AnimateDiff", true, null, null),
        ("uniworld", "UniWorld", true, null, null),
        ("mantis", "Mantis", true, null, null),
        ("bunny", "Bunny", true, null, null),
        ("saullm", "SaulLM", true, null, null),
        ("minigpt", @"MiniGPT(?=-?\d|-v)", false, null, null),
        ("mplug-owl", "mPLUG-Owl", true, null, null),
        ("galactica", "Galactica", true, null, null),
        ("chinchilla", "Chinchilla", true, null, null),
        ("gopher", "Gopher", true, null, null),
        ("lamda", "LaMDA", true, null, null),
        ("mpt", @"MPT(?=-\d)", false, null, null),
        ("stablelm", "StableLM", true, null, null),
        ("orca", @"Orca(?=[-\s]?\d)", false, null, null),
        ("openchat", "OpenChat", true, null, null),
        ("starling", "Starling", true, null, null),
        ("tulu", "T[uü]lu", true, null, null),
        ("zamba", "Zamba", true, null, null),
        ("solar", @"SOLAR(?=[-\s]\d)", false, null, null),
        ("exaone", "EXAONE", true, null, null),
        ("sailor", @"Sailor(?=[-\s]?\d)", false, null, null),
        ("seallm", "SeaLLM", true, null, null),
        ("jais", "Jais", true, null, null),
        ("aya", "Aya(?![a-z])", true, null, null),
        ("mgpt", "mGPT", true, null, null),
        ("xglm", "XGLM", true, null, null),
        ("nllb", "NLLB", true, null, null),
        ("m2m-100", "M2M-?100", true, null, null),
        ("mbart", "mBART", true, null, null),
        ("madlad", "MADLAD", true, null, null),
        ("tower", "Tower(?:Instruct|Base|LLM)", true, null, null),
        ("labse", "LaBSE", true, null, null),
        ("sbert", "Sentence-BERT|SBERT", true, null, null),
        ("contriever", "Contriever", true, null, null),
        ("colbert", "ColBERT", true, null, null),
        ("splade", "SPLADE", true, null, null),
        ("jina", @"(?i:jina)(?=[-\s](?i:embeddings?|reranker|clip|colbert|v\d))", true, null, null),
        ("nv-embed", "NV-Embed", true, null, null),
        ("codegen", @"CodeGen(?=[-\s]?\d)", false, null, null),
        ("codet5", @"CodeT5\+?", true, null, null),
        ("santacoder", "SantaCoder", true, null, null),
        ("magicoder", "Magicoder", true, null, null),
        ("opencoder", "OpenCoder", true, null, null),
        ("codegeex", "CodeGeeX", true, null, null),
        ("webglm", "WebGLM", true, null, null),
        ("minitron", "Minitron", true, null, null),
        ("openelm", "OpenELM", true, null, null),
        ("mobilellm", "MobileLLM", true, null, null),
        ("sky-t1", "Sky-T1", true, null, null),
        ("deepscaler", "DeepScaleR", true, null, null),
        ("marco-o1", "Marco-o1", true, null, null),
        ("openthinker", "OpenThinker", true, null, null),
        ("light-r1", "Light-R1", true, null, null),
        ("bespoke-stratos", "Bespoke-Stratos", true, null, null),
        ("numinamath", "NuminaMath", true, null, null),
        ("metamath", "MetaMath(?!QA)", true, null, null),
        ("llemma", "Llemma", true, null, null),
        ("mammoth", "MAmmoTH", true, null, null),
        ("tora", "ToRA", true, null, null),
        ("mathstral", "Mathstral", true, null, null),
        ("magistral", "Magistral", true, null, null),
        ("devstral", "Devstral", true, null, null),
        ("skywork", "Skywork", true, null, null),
        ("armorm", "ArmoRM", true, null, null),
        ("shieldgemma", "ShieldGemma", true, null, null),
        ("owl-vit", "OWL-?ViT", true, null, null),
        ("grounding-dino", @"Grounding[\s-]?DINO", true, null, null),
        ("yolo", "YOLO", true, null, null),
        ("depth-anything", @"Depth[\s-]?Anything", true, null, null),
        ("midas", "MiDaS", true, null, null),
        ("marigold", "Marigold", true, null, null),
        ("florence", @"Florence(?=-?\d)", false, null, null),
        ("eva-clip", "EVA-CLIP", true, null, null),
        ("eva", @"EVA(?=-?0?\d\b)", false, null, null),
        ("otter", "Otter", true, null, null),
        ("sharegpt4v", "ShareGPT4V", true, null, null),
        ("cambrian", "Cambrian", true, null, null),
        ("nvlm", "NVLM", true, null, null),
        ("ovis", "Ovis", true, null, null),
        ("vila", "VILA", true, null, null),
        ("videochat", "VideoChat", true, null, null),
        ("video-chatgpt", "Video-ChatGPT", true, null, null),
        ("video-llava", "Video-LLaVA", true, null, null),
        ("longva", "LongVA", true, null, null),
        ("moondream", "Moondream", true, null, null),
        ("keye-vl", "Keye-VL", true, null, null),
        ("eagle", @"Eagle(?=[-\s]?\d)", false, null, null),
        ("mimo", "MiMo", true, null, null),
        ("monkey", "(?:Text)?Monkey(?![\\w-])", true, null, null),
        ("docowl", "(?:mPLUG-)?DocOwl", true, null, null),
        ("dreamllm", "DreamLLM", true, null, null),
        ("next-gpt", "NExT-GPT", true, null, null),
        ("anygpt", "AnyGPT", true, null, null),
        ("unified-io", "Unified-IO", true, null, null),
        ("pointllm", "PointLLM", true, null, null),
        ("shapellm", "ShapeLLM", true, null, null),
        ("smolvlm", "SmolVLM", true, null, null),
        ("cogagent", "CogAgent", true, null, null),
        ("seeclick", "SeeClick", true, null, null),
        ("ui-tars", "UI-TARS", true, null, null),
        ("os-atlas", "OS-Atlas", true, null, null),
        ("showui", "ShowUI", true, null, null),
        ("aguvis", "Aguvis", true, null, null),
        ("salmonn", "SALMONN", true, null, null),
        ("fuyu", "Fuyu", true, null, null),
        ("pixart", "PixArt-(?:α|alpha)", true, "alpha", null),
        ("pixart", "PixArt(?:-(?:Σ|σ|δ|sigma|delta))?", true, null, null),
        ("kandinsky", "Kandinsky", true, null, null),
        ("playground", @"Playground(?=[\s-]?v\d)", false, null, null),
        ("deepfloyd", @"DeepFloyd(?:[\s-]IF)?", true, null, null),
        ("lumina", "Lumina", true, null, null),
        ("dust3r", "DUSt3R", true, null, null),
        ("mast3r", "MASt3R", true, null, null),
        ("monst3r", "MonST3R", true, null, null),
        ("cut3r", "CUT3R", true, null, null),
        ("spann3r", "Spann3R", true, null, null),
        ("fast3r", "Fast3R", true, null, null),
        ("vggt", "VGGT", true, null, null),
        ("instantmesh", "InstantMesh", true, null, null),
        ("zero123", @"Zero-?1-?2-?3(?:\+\+)?", true, null, null),
        ("trellis", "TRELLIS", true, null, null),
        ("triposr", "TripoSR", true, null, null),
        ("mvdream", "MVDream", true, null, null),
        ("wonder3d", "Wonder3D", true, null, null),
        ("syncdreamer", "SyncDreamer", true, null, null),
        ("partfield", "PartField", true, null, null),
        ("point-e", "Point-E", true, null, null),
        ("shap-e", "Shap-E", true, null, null),
        ("sv3d", "SV3D", true, null, null),
        ("uni3d", "Uni3D", true, null, null),
        ("ulip", "ULIP", true, null, null),
        ("metric3d", "Metric3D", true, null, null),
        ("zoedepth", "ZoeDepth", true, null, null),
        ("unidepth", "UniDepth", true, null, null),
        ("timesformer", "TimeSformer", true, null, null),
        ("videomae", "VideoMAE", true, null, null),
        ("vivit", "ViViT", true, null, null),
        ("x-clip", "X-CLIP", true, null, null),
        ("v-jepa", "V-JEPA", true, null, null),
        ("i-jepa", "I-JEPA", true, null, null),
        ("show-o", "Show-o", true, null, null),
        ("open-sora", "Open-?Sora", true, null, null),
        ("stable-video-diffusion", @"Stable[\s-]?Video[\s-]?Diffusion", true, null, null),
        ("kling", "Kling", true, null, null),
        ("dynamicrafter", "DynamiCrafter", true, null, null),
        ("lavie", "LaVie", true, null, null),
        ("zeroscope", "ZeroScope", true, null, null),
        ("pika", "Pika", true, null, null),
        ("magi", @"MAGI-1\b", true, null, null),
        ("skyreels", "SkyReels", true, null, null),
        ("vidu", "Vidu", true, null, null),
        ("hailuo", "Hailuo", true, null, null),
        ("pyramid-flow", @"Pyramid[\s-]?Flow", true, null, null),
        ("easyanimate", "EasyAnimate", true, null, null),
        ("latte", "Latte", true, null, null),
        ("ltx-video", "LTX-?Video|LTXV", true, null, null),
        ("mochi", "Mochi", true, null, null),
        ("step-video", "Step-Video", true, null, null),
        ("seedream", "Seedream", true, null, null),
        ("seed", @"Seed(?=\d(?:\.\d)?(?:\b|-)|-(?:Coder|OSS|VL|Thinking|X)\b)", true, null, null),
        ("seedance", "Seedance", true, null, null),
        ("musicgen", "MusicGen", true, null, null),
        ("audioldm", "AudioLDM", true, null, null),
        ("audiogen", "AudioGen", true, null, null),
        ("vall-e", "VALL-E", true, null, null),
        ("cosyvoice", "CosyVoice", true, null, null),
        ("soundstream", "SoundStream", true, null, null),
        ("xtts", "XTTS", true, null, null),
        ("styletts", "StyleTTS", true, null, null),
        ("naturalspeech", "NaturalSpeech", true, null, null),
        ("voicebox", "Voicebox", true, null, null),
        ("seamless", "SeamlessM4T|Seamless(?:Expressive|Streaming)", true, null, null),
        ("audio-flamingo", @"Audio[\s-]?Flamingo", true, null, null),
        ("jukebox", "Jukebox", true, null, null),
        ("mini-omni", "Mini-Omni", true, null, null),
        ("freeze-omni", "Freeze-Omni", true, null, null),
        ("fish-speech", "Fish-Speech", true, null, null),
        ("maskgct", "MaskGCT", true, null, null),
        ("e2-tts", @"E2[\s-]TTS", true, null, null),
        ("parler-tts", "Parler-TTS", true, null, null),
        ("step-audio", "Step-Audio", true, null, null),
        ("f5-tts", "F5-TTS", true, null, null),
        ("wav2vec", "[Ww]av2[Vv]ec", true, null, null),
        ("hifi-gan", "HiFi-?GAN", true, null, null),
        ("bigvgan", "BigVGAN", true, null, null),
        ("vocos", "Vocos", true, null, null),
        ("tacotron", "Tacotron", true, null, null),
        ("fastspeech", "FastSpeech", true, null, null),
        ("hubert", "HuBERT", true, null, null),
        ("wavlm", "WavLM", true, null, null),
        ("encodec", "EnCodec", true, null, null),
        ("moshi", "Moshi", true, null, null),
        ("ul2", "UL2", true, null, null),
        ("dbrx", "DBRX", true, null, null),
        ("reka", "Reka", true, null, null),
        ("pangu", "Pan[Gg]u", true, null, null),
        ("doubao", "Doubao", true, null, null),
        ("xverse", "XVERSE", true, null, null),
        ("aquila", "Aquila", true, null, null),
        ("hermes", @"(?:Nous-)?Hermes(?=[-\s]?\d)", false, null, null),
        ("openhermes", "OpenHermes", true, null, null),
        ("guanaco", "Guanaco", true, null, null),
        ("dolly", "Dolly", true, null, null),
        ("videollama", "Video-?LLaMA", true, null, null),
        ("internvideo", "InternVideo", true, null, null),
        ("cogview", "CogView", true, null, null),
        ("imagebind", "ImageBind", true, null, null),
        ("clap", "CLAP", true, null, null),
        ("beats", "BEATs", true, null, null),
        ("stable-audio", @"Stable[\s-]?Audio", true, null, null),
        ("musiclm", "MusicLM", true, null, null),
        ("alphacode", "AlphaCode", true, null, null),
        ("alphafold", "AlphaFold", true, null, null),
        ("tabpfn", "TabPFN", true, null, null),
        ("timesfm", "TimesFM", true, null, null),
        ("moirai", "Moirai", true, null, null),
        ("chronos", @"Chronos(?=[-\s]?(?:T5|Bolt|\d))", false, null, null),
        ("timegpt", "TimeGPT", true, null, null),
        ("biogpt", "BioGPT", true, null, null),
        ("meditron", "Meditron", true, null, null),
        ("chemllm", "ChemLLM", true, null, null),
        ("graphcast", "GraphCast", true, null, null),
        ("fourcastnet", "FourCastNet", true, null, null),
        ("evo", @"Evo(?=[-\s]?\d\b)", false, null, null),
        ("esm", @"ESM(?=-?\d)", false, null, null),
        ("rt", @"RT(?=-[12]\b)", false, null, null),
        ("octo", "Octo", true, null, null),
        ("bggpt", "BgGPT", true, null, null),
        ("llada", "LLaDA", true, null, null),
        ("dream", @"Dream(?=[-\s]?(?:v\d|\d+(?:\.\d+)?B\b))", false, null, null),
        ("olmoe", "OLMoE", true, null, null),
        ("hymba", "Hymba", true, null, null),
        ("yuan", @"Yuan(?=[-\s]?\d)", false, null, null),
        ("acereason", "AceReason", true, null, null),
        ("acemath", "AceMath", true, null, null),
        ("openmath", "OpenMath(?:Nemotron|Reasoning)?(?=[-\\d])", true, null, null),
        ("eurus", "Eurus", true, null, null),
        ("simplerl", "SimpleRL", true, null, null),
        ("open-r1", "Open-?R1", true, null, null),
        ("ultrarm", "UltraRM", true, null, null),
        ("pairrm", "PairRM", true, null, null),
        ("stable-code", @"Stable[\s-]?Code", true, null, null),
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
    private static readonly Dictionary<char, int[]> HeadsByFirstChar = Families
        .SelectMany((f, i) => HeadFirstChars.Of(f.Head).Select(c => (c, i)))
        .GroupBy(x => x.c)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).Distinct().Order().ToArray());

    /// <summary>Per first character, its candidate heads as one anchored alternation in table order (group k+1 is
    /// candidate k): one regex call per word start instead of one per candidate, with the same winner, since an
    /// alternation takes its first alternative that matches.</summary>
    private static readonly Dictionary<char, (Regex Regex, int[] Families)> HeadsByFirstCharCombined = HeadsByFirstChar
        .GroupBy(kv => string.Join(",", kv.Value))
        .SelectMany(g =>
        {
            var families = g.First().Value;
            var regex = new Regex(
                @"\G(?:" + string.Join("|", families.Select((f, k) => $"(?<h{k}>{Families[f].Head})")) + ")",
                RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture);
            return g.Select(kv => (kv.Key, (regex, families)));
        })
        .ToDictionary(x => x.Key, x => x.Item2);

    /// <summary>Lower-case starts of the case-insensitive heads ("llama", "qwen", "gpt-4", "deepseek", "o1", …).</summary>
    private static readonly HashSet<string> LowerStarts = new(StringComparer.Ordinal)
    {
        "co", "ll", "qw", "gp", "de", "st", "mi", "ko", "id", "bg", "mt", "pi", "mp", "mg", "mb", "ji", "ge", "cl", "ph", "gl", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9",
    };

    // After LowerStarts: static fields initialize in order.
    private static readonly bool[] LowerStartTable = BuildLowerStartTable();

    public static IReadOnlyList<ModelMention> Extract(string? title, string? @abstract)
    {
        var mentions = new List<ModelMention>();

        // A hard line wrap is a space ("DALL-E\n3"); same length, so names keep their offsets.
        title = title?.Replace('\n', ' ');
        @abstract = @abstract?.Replace('\n', ' ');
        Scan(title, mentions);
        var introduced = IntroducedFamily(title, mentions);
        Scan(@abstract, mentions);
        RemoveIntroducedInAbstract(@abstract, mentions);
        if (introduced is not null)
        {
            mentions.RemoveAll(m => m.Family == introduced && m.Version is null && m.Size is null);
        }

        ScanUnknownSized(title, @abstract, mentions);
        ScanNewFamilyMember(title, @abstract, mentions);
        ScanGluedVersions(title, @abstract, mentions);
        ScanModelLists(title, @abstract, mentions);
        return mentions;
    }

    // "models such as", "LLMs like", "baselines including", "VLMs (e.g., …": a list of models follows.
    [GeneratedRegex(@"\b(?:models?|d?LLMs?|MLLMs?|VLMs?|LMMs?|LVLMs?|baselines)\s*(?:,\s*|\(\s*)?(?:such\s+as|like|including|e\.g\.,?)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ModelListIntro();

    // One item of such a list: a capitalised name ("Lumiere", "NVILA", "Tamil-Llama", "Gen-2", "Emu3", "Mochi 1").
    [GeneratedRegex(@"\G(?<name>[A-Z\u03C0][\w.+-]*?[\w+])(?<version>\s\d+(?:\.\d+)?)?(?=[\s,;.)]|$)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\G(?:\s*,\s*(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();

    // A name ending in a version: "Gen-2", "Emu3", "Seed1.5".
    [GeneratedRegex(@"^(?<base>[A-Za-z][A-Za-z-]*?[A-Za-z])-?[vV]?(?<version>\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex TrailingVersion();

    /// <summary>Words that head such lists but are not released checkpoints: architectures, organisations, methods.</summary>
    private static readonly HashSet<string> NotListedModels = new(StringComparer.OrdinalIgnoreCase)
    {
        "ViT", "ViTs", "ResNet", "ResNets", "Transformer", "Transformers", "Mamba", "LSTM", "LSTMs", "RNN", "RNNs", "CNN", "CNNs",
        "GAN", "GANs", "VAE", "VAEs", "MoE", "LLM", "LLMs", "MLLMs", "VLMs", "VLAs", "API", "APIs", "OpenAI", "Google", "Meta",
        "Anthropic", "Microsoft", "Alibaba", "DeepMind", "Diffusion", "Latent", "Vision", "Large", "Open", "Closed", "Proprietary",
        "Transformer-based", "AR-based", "U-Net", "UNet", "MLP", "MLPs", "DiT", "DiTs", "SiT", "LoRA", "DPO", "PPO", "GRPO", "RLHF",
        "ControlNet", "IP-Adapter", "NeRF", "ReAct", "Chain-of-Thought", "CoT", "RAG", "SVM", "XGBoost", "BM25", "TF-IDF",
    };

    /// <summary>Names in a list introduced as models ("dLLMs like LLaDA and Dream", "models such as Gen2, Pika, and Sora")
    /// in which at least one item is a family the table knows: the other capitalised items are models too, of families
    /// the table does not know (normalized to the lower-case name, a trailing version split off). Variant words
    /// ("GPT-4, Claude-3-Sonnet and Opus"), architectures, organisations and methods (<see cref="NotListedModels"/>), benchmark-like names and the paper's own model are not
    /// taken.</summary>
    private static void ScanModelLists(string? title, string? @abstract, List<ModelMention> mentions)
    {
        if (string.IsNullOrEmpty(@abstract))
        {
            return;
        }

        // Find the cue words first (a vectorised search), then check the few characters around each with the regex.
        foreach (var cue in ListCues)
        {
            for (var cueAt = @abstract.IndexOf(cue, StringComparison.Ordinal); cueAt >= 0; cueAt = @abstract.IndexOf(cue, cueAt + cue.Length, StringComparison.Ordinal))
            {
                var from = Math.Max(0, cueAt - 16);
                var intro = ModelListIntro().Match(@abstract, from, Math.Min(@abstract.Length, cueAt + cue.Length + 4) - from);
                if (intro.Success)
                {
                    ReadModelList(title, @abstract, intro.Index + intro.Length, mentions);
                }
            }
        }
    }

    private static readonly string[] ListCues = [" such as ", " like ", " including ", "e.g."];

    private static void ReadModelList(string? title, string @abstract, int listStart, List<ModelMention> mentions)
    {
        var items = new List<(int Index, string Name, string? Version)>();
        var position = listStart;
        while (true)
        {
            var item = ListItem().Match(@abstract, position);
            if (!item.Success)
            {
                break;
            }

            var version = item.Groups["version"].Success ? item.Groups["version"].Value.Trim() : null;
            items.Add((item.Index, item.Groups["name"].Value, version));
            position = item.Index + item.Length;
            var separator = ListSeparator().Match(@abstract, position);
            if (!separator.Success)
            {
                break;
            }

            position = separator.Index + separator.Length;
        }

        if (items.Count < 2 || !items.Any(i => MayStartName(@abstract, i.Index) && StartsKnownFamily(@abstract, i.Index)))
        {
            return;
        }

        foreach (var (index, name, version) in items)
        {
            if (StartsKnownFamily(@abstract, index) || name.Length < 3 || EmbedsFamily(name) || NotListedModels.Contains(name) || VariantWords.Contains(name) || LooksLikeData(name)
                || SizeAfterHyphen().IsMatch(name) || Introduced(title, @abstract, name))
            {
                continue;
            }

            var trailing = version is null ? TrailingVersion().Match(name) : Match.Empty;
            var family = trailing.Success ? trailing.Groups["base"].Value : name;
            Add(mentions, new ModelMention(version is null ? name : $"{name} {version}", family.ToLowerInvariant(), version ?? (trailing.Success ? trailing.Groups["version"].Value : null), null, null));
        }
    }

    // "We introduce Magistral, …", "we present Skywork UniPic": the verb right before a bare name.
    [GeneratedRegex(@"\b[Ww]e\s+(?:\w+\s+)?(?:introduce|present|propose|release|open-source)[sd]?\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntroducingVerbBefore();

    /// <summary>A known family's bare name that the abstract introduces right after "we introduce/present/propose/release"
    /// ("We introduce Magistral, Mistral's first reasoning model") is the paper's own new model, not a base model:
    /// every mention of that family without a version is dropped, sized ones too ("We introduce OLMoE … OLMoE-1B-7B
    /// has 7 billion parameters"). A versioned or variant new member ("we present Keye-VL-1.5", "we present
    /// LLaVA-OneVision") still counts, and so does a family inside a longer name ("we introduce CLIP-based …", "we
    /// propose DiT360", "we introduce Gemini Embedding": the guidelines count the family a named model builds on).</summary>
    private static void RemoveIntroducedInAbstract(string? @abstract, List<ModelMention> mentions)
    {
        if (string.IsNullOrEmpty(@abstract) || mentions.Count == 0)
        {
            return;
        }

        HashSet<string>? families = null;
        foreach (var m in mentions)
        {
            if (m.Version is not null || m.Size is not null || m.Variant is not null || (families?.Contains(m.Family) ?? false))
            {
                continue;
            }

            for (var i = @abstract.IndexOf(m.Name, StringComparison.Ordinal); i >= 0; i = @abstract.IndexOf(m.Name, i + m.Name.Length, StringComparison.Ordinal))
            {
                var after = i + m.Name.Length;
                if (after < @abstract.Length && (char.IsLetterOrDigit(@abstract[after]) || @abstract[after] is '-' or '/'
                    || (@abstract[after] == ' ' && after + 1 < @abstract.Length && char.IsAsciiLetterUpper(@abstract[after + 1]))))
                {
                    continue; // "DiT360", "CLIP-based", "Gemini Embedding": another name that contains the family's
                }

                var from = Math.Max(0, i - 40);
                if (IntroducingVerbBefore().IsMatch(@abstract.AsSpan(from, i - from)))
                {
                    (families ??= []).Add(m.Family);
                    break;
                }
            }
        }

        if (families is not null)
        {
            mentions.RemoveAll(m => families.Contains(m.Family) && m.Version is null);
        }
    }

    // "SGRv2", "DeepEyesV2", "CamemBERTaV2": a name glued to "v" and a version above 1.
    [GeneratedRegex(@"(?<![\w./-])(?<name>[A-Z][A-Za-z0-9]*?[A-Za-z])[vV](?<version>[2-9](?:\.\d)?)(?![\w-]|\.\d)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex GluedVersion();

    /// <summary>Names of families the table does not know glued to a version above 1 ("SGRv2") are new members of an
    /// existing family, which the guidelines count, in any role, when the earlier model is named on its own too ("SGRv2's
    /// success rate is 2.54 times that of SGR"). Names of benchmarks and data sets ("VQAv2", "ImageNetV2", "OCRBenchV2",
    /// "HPDv2") and names without a second capital letter are not taken.</summary>
    private static void ScanGluedVersions(string? title, string? @abstract, List<ModelMention> mentions)
    {
        foreach (var text in new[] { title, @abstract })
        {
            if (string.IsNullOrEmpty(text) || !HasGluedVersion(text))
            {
                continue;
            }

            foreach (Match m in GluedVersion().Matches(text))
            {
                var name = m.Groups["name"].Value;
                if (name.Length < 3 || StartsKnownFamily(text, m.Index) || EmbedsFamily(name) || !name.Skip(1).Any(char.IsAsciiLetterUpper) || LooksLikeData(name)
                    || !(StandsAlone(title, name) || StandsAlone(@abstract, name)))
                {
                    continue;
                }

                Add(mentions, new ModelMention(m.Value, name.ToLowerInvariant(), m.Groups["version"].Value, null, null));
            }
        }
    }

    /// <summary>The name also written on its own ("… 2.54 times that of SGR"): an earlier version of the same model.</summary>
    private static bool StandsAlone(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
        {
            var end = i + name.Length;
            if ((i == 0 || !char.IsLetterOrDigit(text[i - 1])) && (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '-')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasGluedVersion(string text)
    {
        for (var i = text.IndexOfAny(['v', 'V'], 1); i > 0 && i + 1 < text.Length; i = text.IndexOfAny(['v', 'V'], i + 1))
        {
            if (char.IsAsciiLetter(text[i - 1]) && text[i + 1] is >= '2' and <= '9')
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] DataSuffixes = ["QA", "Bench", "Eval", "Set", "Data", "DB", "Net", "Test", "Arena", "COCO", "Gen", "Instruct", "Hub", "Score"];

    private static bool LooksLikeData(string name) =>
        DataSuffixes.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase)) || name.Contains("Bench", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("HP", StringComparison.Ordinal) || name is "SWE" or "MT" or "OS" or "API" or "VOC" or "ARM";

    // A title that leads with a versioned name of a family the table does not know: "MM1.5: …", "DeepEyesV2: …".
    [GeneratedRegex(@"^(?<base>[A-Z][A-Za-z]*?(?:-[A-Z][A-Za-z]*?)*?)[-\s]?[vV]?(?<version>\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex VersionedLead();

    /// <summary>A title leading with "Name2" / "Name-1.5" / "NameV2" (a version above 1) presents a new member of an
    /// existing family, which the guidelines count as a base model ("RWKV-7", "Janus-4o"); the same family's other
    /// versions named in the abstract ("MM1" beside "MM1.5") count too.</summary>
    private static void ScanNewFamilyMember(string? title, string? @abstract, List<ModelMention> mentions)
    {
        if (string.IsNullOrEmpty(title))
        {
            return;
        }

        var leadEnd = title.IndexOf(':', StringComparison.Ordinal);
        if (leadEnd < 0)
        {
            leadEnd = title.IndexOf(" Tech", StringComparison.Ordinal);
        }

        if (leadEnd <= 0)
        {
            return;
        }

        var lead = VersionedLead().Match(title[..leadEnd].Trim());
        if (!lead.Success || StartsKnownFamily(lead.Value, 0) || lead.Groups["base"].Length < 2
            || !double.TryParse(lead.Groups["version"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 1)
        {
            return;
        }

        var name = lead.Groups["base"].Value;
        var family = name.ToLowerInvariant();
        if (Families.Any(f => f.Family.Length >= 3 && family.Contains(f.Family, StringComparison.Ordinal)))
        {
            return; // "MedDINOv3" adapts DINOv3: a known family inside the name
        }

        var pattern = new Regex(@"(?<![\w-])" + Regex.Escape(name) + @"[-\s]?[vV]?(?<version>\d+(?:\.\d+)?)(?![\w-]|\.\d)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        foreach (var text in new[] { title, @abstract })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            foreach (Match m in pattern.Matches(text))
            {
                Add(mentions, new ModelMention(m.Value, family, m.Groups["version"].Value, null, null));
            }
        }
    }

    /// <summary>Models of families the table does not know, when written with a size ("Ristretto-3B"), unless the
    /// paper introduces them (the title leads with the name, or "we introduce/present/release … Name", "our Name").</summary>
    private static void ScanUnknownSized(string? title, string? @abstract, List<ModelMention> mentions)
    {
        foreach (var text in new[] { title, @abstract })
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            // Only around a "-7B" (most abstracts have none): the name is at most 60 characters before it.
            foreach (var size in SizeAfterHyphen().EnumerateMatches(text))
            {
                var end = size.Index + size.Length;
                var windowStart = Math.Max(0, size.Index - 60);
                for (var m = UnknownSized().Match(text, windowStart, end - windowStart); m.Success; m = m.NextMatch())
                {
                    if (m.Index + m.Length != end)
                    {
                        continue;
                    }

                    var name = m.Groups["name"].Value;
                    var boundary = m.Index == 0 || !(char.IsLetterOrDigit(text[m.Index - 1]) || text[m.Index - 1] is '_' or '.' or '/' or '-');
                    if (!boundary || name.Length < 3 || StartsKnownFamily(text, m.Index) || EmbedsFamily(name) || NotModelNames.Contains(name) || Introduced(title, @abstract, name))
                    {
                        continue;
                    }

                    var version = m.Groups["version"].Success ? m.Groups["version"].Value : null;
                    Add(mentions, new ModelMention(m.Value, name.ToLowerInvariant(), version, NormalizeSize(m.Groups["size"].Value), null));
                }
            }
        }
    }

    private static readonly HashSet<string> NotModelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "LLM", "LLMs", "Model", "Models", "Top", "Up", "Only", "The", "A", "An", "Over", "Under", "Our", "Size", "Scale",
        "Parameter", "Parameters", "MoE", "Dense", "Sparse", "Base", "Instruct", "Chat", "Teacher", "Student",
    };

    private static bool StartsKnownFamily(string text, int index)
    {
        return HeadsByFirstCharCombined.TryGetValue(text[index], out var candidates) && candidates.Regex.IsMatch(text, index);
    }

    private static bool Introduced(string? title, string? @abstract, string name)
    {
        if (!string.IsNullOrEmpty(title))
        {
            var colon = title.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && title[..colon].Contains(name, StringComparison.Ordinal))
            {
                return true;
            }

            if (title.StartsWith(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (string.IsNullOrEmpty(@abstract))
        {
            return false;
        }

        for (var i = @abstract.IndexOf(name, StringComparison.Ordinal); i >= 0; i = @abstract.IndexOf(name, i + name.Length, StringComparison.Ordinal))
        {
            var before = @abstract.AsSpan(Math.Max(0, i - 80), Math.Min(i, 80));
            var after = @abstract.AsSpan(i + name.Length);
            if (IntroducedBefore().IsMatch(before) || IntroducedAfter().IsMatch(after))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The family of the paper's own model when the title leads with a bare family name ("NV-Embed: …", or a
    /// title that is only the name, "Magistral"): the paper introduces a new family, so its bare mentions are not base
    /// models (sized or versioned mentions, "ChatGLM-6B", still are). A lead that is a known family with a variant or a
    /// suffix ("Ovis-U1 Technical Report", "Lumina-DiMOO: …", "LLaVA-MoD: …") is a new member of an existing family,
    /// which counts.</summary>
    private static string? IntroducedFamily(string? title, List<ModelMention> titleMentions)
    {
        if (string.IsNullOrEmpty(title) || titleMentions.Count == 0)
        {
            return null;
        }

        var colon = title.IndexOf(':', StringComparison.Ordinal);
        var report = title.IndexOf(" Technical Report", StringComparison.OrdinalIgnoreCase);
        var single = title.Trim().AsSpan().IndexOfAny(' ', '\t') < 0; // a title that is only the name: "Magistral"
        var leadEnd = colon > 0 ? colon : report > 0 ? report : single ? title.Length : -1;
        if (leadEnd <= 0)
        {
            return null;
        }

        var lead = title[..leadEnd].Trim();
        var first = titleMentions[0];
        if (lead.Contains(' ', StringComparison.Ordinal))
        {
            return null; // "Gemini Embedding: …", "Skywork UniPic: …" name a model after its family: the family counts
        }

        return first.Version is null && first.Size is null && first.Variant is null && lead == first.Name ? first.Family : null;
    }

    private static void Scan(string? text, List<ModelMention> mentions)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var position = 0;
        var lastEnd = -1;
        while (position < text.Length)
        {
            // A name right after another one and a hyphen qualifies it ("CLIP-ViT-L/14", "GTE-Qwen"): not a model of its own.
            if (!MayStartName(text, position) || (lastEnd >= 0 && position == lastEnd + 1 && text[lastEnd] == '-'))
            {
                position++;
                continue;
            }

            Match? match = null;
            var family = -1;
            if (HeadsByFirstCharCombined.TryGetValue(text[position], out var candidates))
            {
                var m = candidates.Regex.Match(text, position);
                if (m.Success)
                {
                    for (var k = 0; k < candidates.Families.Length; k++)
                    {
                        if (m.Groups[k + 1].Success)
                        {
                            (match, family) = (m, candidates.Families[k]);
                            break;
                        }
                    }
                }
            }

            // Inside another name ("Tamil-Llama", "FG-CLIP 2"): "X-GPT" means GPT-style ("Moto-GPT"), not a GPT model,
            // and a version belongs to the whole name, not to the family inside it.
            var embedded = position > 0 && (text[position - 1] == '-' || char.IsAsciiLetterLower(text[position - 1]));
            if (match is null || (embedded && Families[family].Family == "gpt"))
            {
                position++;
                continue;
            }

            var before = mentions.Count;
            var end = ParseTail(text, match.Index, match.Index + match.Length, Families[family], mentions);
            if (embedded)
            {
                DropVersions(mentions, before);
            }

            position = Math.Max(end, match.Index + Math.Max(1, match.Length));
            lastEnd = position;
        }
    }

    /// <summary>The mentions added from <paramref name="from"/> on, without their versions (duplicates left out).</summary>
    private static void DropVersions(List<ModelMention> mentions, int from)
    {
        var added = mentions.GetRange(from, mentions.Count - from);
        mentions.RemoveRange(from, mentions.Count - from);
        foreach (var m in added)
        {
            Add(mentions, m with { Version = null });
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
            return EmbeddedFamilyAt(text, i);
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

    /// <summary>Open LLM families that other models are named after by a glued prefix: "TheoremLlama", "ArMistral",
    /// "DataGemma". The guidelines count such a model as a member of the family.</summary>
    private static readonly string[] EmbeddableHeads = ["Llama", "LLaMA", "LLAMA", "Mistral", "Qwen", "Gemma"];

    /// <summary>Inside a capitalised word, a place where a family the model is built on may be named: a capital after a
    /// hyphen that follows a letter or digit ("Tamil-Llama", "TA-TiTok", "P3-SAM", "Distil-Whisper", "Multilingual-E5"),
    /// or one of <see cref="EmbeddableHeads"/> glued to lower-case letters ("TheoremLlama"). The family table then
    /// decides whether a family starts there. Names the table knows as a whole ("Video-LLaMA", "ShieldGemma", "EVA-CLIP")
    /// are read at their own start and skipped past, so they never reach here.</summary>
    private static bool EmbeddedFamilyAt(string text, int i)
    {
        var c = text[i];
        if (!char.IsAsciiLetterUpper(c) || i < 2)
        {
            return false;
        }

        var before = text[i - 1];
        if (before == '-')
        {
            if (!char.IsAsciiLetterOrDigit(text[i - 2]))
            {
                return false;
            }
        }
        else if (!char.IsAsciiLetterLower(before) || !StartsEmbeddableHead(text, i))
        {
            return false;
        }

        var wordStart = i - 1;
        while (wordStart > 0 && (char.IsAsciiLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '-'))
        {
            wordStart--;
        }

        return char.IsAsciiLetterUpper(text[wordStart]);
    }

    private static bool StartsEmbeddableHead(string text, int i)
    {
        foreach (var head in EmbeddableHeads)
        {
            if (string.CompareOrdinal(text, i, head, 0, head.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A name with a known family inside it after its first character ("Tamil-Llama", "TA-TiTok"): read as
    /// that family, so not a family of its own.</summary>
    private static bool EmbedsFamily(string name)
    {
        for (var i = 2; i < name.Length; i++)
        {
            if (EmbeddedFamilyAt(name, i) && StartsKnownFamily(name, i))
            {
                return true;
            }
        }

        return false;
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

        var familyName = family.Family;
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
            else if (!spaced && IsSize(token))
            {
                // "OLMoE-1B-7B": active and total parameters; the second size is part of the name, not a version.
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
            else if (version is null && size is null && variants.Count == 0 && familyName == family.Family && separator is '-' or ' '
                && IsProductWord(token) && VersionFollows(text, tokenEnd, family.Family))
            {
                // "Nemotron-Parse-1.1", "Gemini Robotics 1.5": a word that is not a variant, then a version, names a
                // product line of its own (family "nemotron-parse"), as "LLaMA-Omni 2" is "llama-omni".
                familyName = family.Family + "-" + lower;
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

        // "Grokking", "Luminance", "Octopus": a bare head glued to more letters is another word, and so is an upper-case
        // glue the tail does not read ("InternVLA" is not InternVL, "SAMURAI" not SAM, "BERTScore" not BERT).
        if (version is null && size is null && end == headEnd && headEnd < text.Length && char.IsAsciiLetter(text[headEnd]))
        {
            return headEnd;
        }

        // "Llama-3.1-FoundationAI-SecurityLLM-Base-8B", "Llama3-ChatQA-2-70B": a size closing the same hyphenated name.
        if (size is null && TrySizeClosingCompound(text, end, out var compoundSize, out var compoundEnd))
        {
            size = compoundSize;
            end = compoundEnd;
        }

        // "Qwen-3 (235B)", "a vanilla 2B LLaVA": a size in parentheses right after the name or standing right before it.
        size ??= SizeInParenthesesAfter(text, end) ?? SizeBefore(text, start);

        // "the broader Nemotron-VLM-v2 dataset": a data set or benchmark named after a model is not the model.
        if (DataNounAfter().IsMatch(text.AsSpan(end, Math.Min(16, text.Length - end))))
        {
            return end;
        }

        var variant = variants.Count == 0 ? null : string.Join("-", variants);
        Add(mentions, new ModelMention(text[start..end].Trim(), familyName, version, size, variant));

        // "Llama3-8B/70B", "GPT-4/4o": another size or version of the same model.
        while (end + 1 < text.Length && text[end] == '/')
        {
            var altEnd = ReadToken(text, end + 1);
            var alt = text[(end + 1)..altEnd];
            if (alt.Length > 0 && size is not null && IsSize(alt))
            {
                Add(mentions, new ModelMention(alt, familyName, version, NormalizeSize(alt), variant));
            }
            else if (alt.Length > 0 && size is null && version is not null && TryVersion(alt.ToLowerInvariant(), family.Family, out var altVersion))
            {
                Add(mentions, new ModelMention(alt, familyName, altVersion, null, variant));
            }
            else
            {
                break;
            }

            end = altEnd;
        }

        return end;
    }

    /// <summary>After a name that stopped at a hyphen, up to four more hyphen-joined tokens (no space) ending in a
    /// parameter size in billions: the size of the whole compound name ("FLUX-Reason-6M" is a data set, not a size).</summary>
    private static bool TrySizeClosingCompound(string text, int end, out string size, out int sizeEnd)
    {
        size = string.Empty;
        sizeEnd = end;
        var position = end;
        for (var tokens = 0; tokens < 5 && position + 1 < text.Length && text[position] == '-'; tokens++)
        {
            var tokenEnd = ReadToken(text, position + 1);
            if (tokenEnd == position + 1)
            {
                return false;
            }

            var token = text[(position + 1)..tokenEnd];
            if (IsSize(token) && token[^1] is 'B' or 'b')
            {
                size = NormalizeSize(token);
                sizeEnd = tokenEnd;
                return true;
            }

            position = tokenEnd;
        }

        return false;
    }

    // "Qwen-3 (235B)", "Mistral (24B)".
    [GeneratedRegex(@"\G\s?\((?<size>\d+(?:\.\d+)?[BM])(?:\s+param(?:eter)?s)?\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex ParenthesizedSize();

    // "a vanilla 2B LLaVA", "the 7B Llama": a standalone size and one space right before the name.
    [GeneratedRegex(@"(?<![\w.,/-])(?<size>\d+(?:\.\d+)?[BM])\s$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SizeRightBefore();

    private static string? SizeInParenthesesAfter(string text, int end)
    {
        if (end + 2 >= text.Length || (text[end] != '(' && text[end + 1] != '('))
        {
            return null;
        }

        var m = ParenthesizedSize().Match(text, end);
        return m.Success ? NormalizeSize(m.Groups["size"].Value) : null;
    }

    private static string? SizeBefore(string text, int start)
    {
        if (start < 3 || text[start - 1] != ' ' || !char.IsAsciiLetterUpper(text[start - 2]) && text[start - 2] is not ('b' or 'm'))
        {
            return null;
        }

        var from = Math.Max(0, start - 12);
        var m = SizeRightBefore().Match(text, from, start - from);
        return m.Success ? NormalizeSize(m.Groups["size"].Value) : null;
    }

    [GeneratedRegex(@"^\s(?:data\s?set|benchmark|corpus)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DataNounAfter();

    /// <summary>A capitalised word of letters only, not a variant word: "Parse", "Robotics", "Prover".</summary>
    private static bool IsProductWord(string token) =>
        token.Length >= 3 && char.IsAsciiLetterUpper(token[0]) && token.All(char.IsAsciiLetter) && !VariantWords.Contains(token);

    /// <summary>A version right after a hyphen or a space ("-1.1", " 2", "-V2").</summary>
    private static bool VersionFollows(string text, int position, string family)
    {
        if (position + 1 >= text.Length || text[position] is not ('-' or ' '))
        {
            return false;
        }

        var tokenEnd = ReadToken(text, position + 1);
        var token = text[(position + 1)..tokenEnd];
        return token.Length > 0 && !IsSize(token) && TryVersion(token.ToLowerInvariant(), family, out _);
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
        if (suffix.Length > 1 || (suffix.Length == 1 && (!char.IsAsciiLetter(suffix[0]) || suffix[0] == 'k')))
        {
            return false; // "800k" (JanusCode-800K) is a count, not a version
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
