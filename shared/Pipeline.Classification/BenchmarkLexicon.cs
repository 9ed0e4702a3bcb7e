namespace Pipeline.Classification;

/// <summary>
/// Known benchmarks: one line per benchmark, <c>Canonical | alias | alias …</c>. Names are compared on their letters,
/// digits and '+' only, case-insensitively ("GSM8k" = "GSM8K", "ArenaHard" = "Arena-Hard", "MT bench" = "MT-Bench"),
/// except aliases marked <c>!</c>, which must match case exactly because in lower case they are ordinary words
/// ("MATH", "ARC", "BIRD", "Spider"). Versions and well-known subsets with their own leaderboards are their own
/// benchmarks ("MMLU-Pro", "SWE-bench Verified", "AIME 2024", "AlpacaEval 2.0").
/// </summary>
internal static class BenchmarkLexicon
{
    public const string Text = """
        MMLU
        MMLU-Pro
        MMLU-Redux
        MMMLU
        Global-MMLU
        CMMLU
        KMMLU
        ArabicMMLU
        TurkishMMLU
        IndoMMLU
        C-Eval
        AGIEval
        GaoKao | GAOKAO-Bench
        GSM8K | GSM-8K
        GSM-Hard | GSMHard
        MGSM
        MATH | !MATH
        MATH-500 | MATH500
        Omni-MATH | OmniMATH
        OlympiadBench
        TheoremQA
        SVAMP
        ASDiv
        MAWPS
        AQuA | AQuA-RAT
        CMATH
        MathVista
        MathVerse
        MathVision | MATH-Vision
        MathQA
        FrontierMath
        miniF2F
        ProofNet
        PutnamBench
        AIME | !AIME
        AIME 2024 | AIME24 | AIME-24 | AIME2024 | AIME 24
        AIME 2025 | AIME25 | AIME-25 | AIME2025 | AIME 25
        BeyondAIME
        AMC | !AMC
        AMC 2023 | AMC23 | AMC2023
        HMMT | HMMT 2025 | HMMT25
        HumanEval
        HumanEval+ | HumanEvalPlus
        HumanEval-X
        MBPP
        MBPP+ | MBPPPlus
        EvalPlus
        LiveCodeBench | LCB
        BigCodeBench
        CRUXEval
        DS-1000
        APPS | !APPS
        CodeContests
        Codeforces
        CodeElo
        MultiPL-E
        RepoBench
        CrossCodeEval
        EvoCodeBench
        ClassEval
        SWE-bench | SWEBench
        SWE-bench Verified | SWE-Verified
        SWE-bench Lite
        SWE-bench Multimodal
        SWE-bench-Live
        SWE-Gym
        Terminal-Bench
        KernelBench
        Aider Polyglot
        Spider | !Spider
        Spider 2.0
        BIRD | !BIRD
        WikiSQL
        ARC | !ARC
        ARC-Challenge | ARC-C
        ARC-Easy | ARC-E
        ARC-AGI
        HellaSwag
        WinoGrande
        PIQA
        SIQA | Social IQa
        BoolQ
        OpenBookQA
        CommonsenseQA | CSQA
        StrategyQA
        TruthfulQA
        LAMBADA
        WikiText | WikiText-103 | WikiText-2
        BBH | BIG-Bench Hard | BigBench Hard
        BIG-Bench | BigBench
        BIG-Bench Extra Hard | BBEH
        MuSR
        GPQA
        GPQA Diamond | GPQA-D
        SuperGPQA
        Humanity's Last Exam | HLE | Humanitys Last Exam
        SimpleQA
        SimpleQA Verified
        DROP | !DROP
        NaturalQuestions | Natural Questions | NQ
        TriviaQA
        HotpotQA
        2WikiMultihopQA | 2WikiMQA
        MuSiQue
        Bamboogle
        SQuAD | SQuAD2.0 | SQuAD 2.0
        MS MARCO | MSMARCO
        BEIR
        MTEB | Massive Text Embedding Benchmark
        C-MTEB
        MMTEB
        BRIGHT | !BRIGHT
        GLUE | !GLUE
        SuperGLUE
        XNLI
        XCOPA
        XStoryCloze
        PAWS-X
        TyDi QA | TyDiQA
        XQuAD
        MLQA
        FLORES | FLORES-200 | FLORES-101
        Belebele
        WMT | !WMT
        MT-Bench | MTBench
        MT-Bench-101
        AlpacaEval
        AlpacaEval 2.0 | AlpacaEval 2 | AlpacaEval2
        Arena-Hard | ArenaHard | Arena Hard | Arena-Hard-Auto
        Chatbot Arena | LMSYS Chatbot Arena | LMArena
        WildBench
        LiveBench
        IFEval
        FollowBench
        AlignBench
        RewardBench
        RewardBench 2
        RM-Bench
        JudgeBench
        HelpSteer2
        XSTest
        HarmBench
        AdvBench
        JailbreakBench
        StrongREJECT
        WildGuardTest | WildGuard
        ToxiGen
        RealToxicityPrompts
        BBQ | !BBQ
        SafetyBench
        DecodingTrust
        WMDP
        HaluEval
        LongBench
        LongBench v2 | LongBench-v2
        RULER | !RULER
        InfiniteBench | InfiniBench
        Needle in a Haystack | NIAH | Needle-in-a-Haystack
        BABILong
        L-Eval
        LV-Eval
        ZeroSCROLLS
        SCROLLS
        HELMET
        LongMemEval
        LoCoMo
        NarrativeQA
        Qasper
        MMMU
        MMMU-Pro
        MMBench
        MME | !MME
        MM-Vet
        SEED-Bench
        POPE | !POPE
        HallusionBench
        ScienceQA
        AI2D
        ChartQA
        DocVQA
        InfoVQA | InfographicVQA
        TextVQA
        OCRBench
        VQAv2 | VQA v2 | VQA-v2
        OK-VQA | OKVQA
        VizWiz
        RealWorldQA
        MMStar
        CharXiv
        BLINK | !BLINK
        Video-MME | VideoMME
        MVBench
        EgoSchema
        LongVideoBench
        MLVU
        Video-MMMU
        ActivityNet-QA
        NExT-QA
        Perception Test
        VSI-Bench
        LLaVA-Bench
        MIA-Bench
        ImageNet | ImageNet-1K | ImageNet-1k | ImageNet256 | ImageNet 256 | ImageNet512
        COCO | MS-COCO | MSCOCO
        Flickr30k | Flickr30K
        ADE20K
        Cityscapes
        NYUv2 | NYU Depth v2 | NYU-Depth-v2
        KITTI
        ScanNet
        Kinetics | Kinetics-400 | Kinetics-700
        UCF-101 | UCF101
        MSR-VTT | MSRVTT
        LibriSpeech
        Common Voice | CommonVoice
        VBench
        VBench++
        EvalCrafter
        GenEval
        DPG-Bench | DPGBench
        T2I-CompBench | T2I-CompBench++
        GenAI-Bench
        HPSv2 | HPS v2
        ImgEdit-Bench
        GEdit-Bench
        GEdit-Bench-EN
        HumanML3D
        OSWorld
        OSWorld-Verified
        WebArena
        WebArena-Lite
        VisualWebArena
        Mind2Web | Multimodal-Mind2Web
        WebVoyager
        WebShop
        ALFWorld
        ScienceWorld
        TextWorld
        AndroidWorld
        AndroidControl
        AITW | Android in the Wild
        ScreenSpot
        ScreenSpot-Pro
        ScreenSpot-v2
        GAIA | !GAIA
        BrowseComp
        AgentBench
        ToolBench
        API-Bank
        BFCL | Berkeley Function Calling Leaderboard | Berkeley Function-Calling Leaderboard
        tau-bench | τ-bench | TAU-bench
        tau2-bench | τ²-bench | tau2 | τ2-bench
        TravelPlanner
        MedQA
        MedMCQA
        PubMedQA
        MMLU-Med
        LegalBench
        LegalBench-Instruct
        LawBench
        LexGLUE
        CaseHOLD
        FinQA
        TAT-QA
        ConvFinQA
        FinanceBench
        ChemBench
        SciBench
        Spec-Bench | SpecBench
        Open LLM Leaderboard
        OpenCompass
        HELM | !HELM
        """;
}
