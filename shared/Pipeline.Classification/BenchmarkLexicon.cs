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
        HMMT
        HMMT 2025 | HMMT25 | HMMT 25 | HMMT-25 | HMMT Feb 2025 | HMMT February 2025 | HMMT Feb 25 | HMMT 2025 Feb
        HMMT 2024 | HMMT24 | HMMT 24 | HMMT-24 | HMMT Feb 2024 | HMMT February 2024
        HumanEval | Human Eval
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
        Spider 2.0 | Spider2
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
        OpenBookQA | OBQA
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
        Needle in a Haystack | NIAH | Needle-in-a-Haystack | Needle in the Haystack | Needle-in-the-Haystack | Needle In A Haystack
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
        LLaVA-Bench | LLaVA-W | LLaVA-Wild | LLaVA-Bench-in-the-Wild | LLaVA-in-the-Wild
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
        BrowseComp | BrowseComp-en | BrowseComp-EN
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
        MMLU-ProX
        JMMLU
        HAE-RAE Bench | HAE-RAE | HAERAE | HAERAE-Bench
        KoBEST
        KLUE
        JGLUE
        CLUE | !CLUE
        SuperCLUE
        XL-Sum | XLSum
        XWinograd
        IndicGLUE
        M3Exam
        NTREX | NTREX-128
        IWSLT
        WMT22 | WMT 22 | WMT2022 | WMT-22
        WMT23 | WMT 23 | WMT2023 | WMT-23
        WMT24 | WMT 24 | WMT2024 | WMT-24
        WMT24++
        Chinese SimpleQA
        LogiQA
        LogiQA 2.0 | LogiQA2.0 | LogiQA2
        ReClor
        FOLIO | !FOLIO
        ProntoQA | PrOntoQA
        ProofWriter
        CLUTRR
        bAbI
        ZebraLogic
        KOR-Bench
        ARC-AGI-2 | ARC-AGI 2 | ARC-AGI2
        ARC-AGI-1 | ARC-AGI 1
        SciQ
        SciCode
        JEEBench
        MedXpertQA
        HealthBench
        MultiMedQA
        BioASQ
        MedNLI
        MIMIC-CXR
        COCO Captions | COCO Caption | MS-COCO Captions | MSCOCO Captions | MS COCO Captions
        CheXpert
        VQA-RAD
        SLAKE | !SLAKE
        PathVQA
        PMC-VQA
        GSM-Plus | GSMPlus
        GSM-Symbolic
        CollegeMath | College Math
        Minerva Math | MinervaMath | Minerva-Math
        OCW Courses | OCWCourses | OCW
        AIME 2023 | AIME23 | AIME-23 | AIME2023 | AIME 23
        AMC 2022 | AMC22 | AMC2022
        CNMO | CNMO 2024
        USAMO | USAMO 2025
        MathOdyssey
        WeMath | We-Math
        DynaMath
        LogicVista
        TabMWP
        GeoQA
        Geometry3K | Geo3K
        UniGeo
        MathBench
        MathArena
        USACO
        Defects4J
        QuixBugs
        CodeXGLUE
        RepoEval
        CoderEval
        SWE-Lancer
        Multi-SWE-bench
        SWE-bench Multilingual
        NaturalCodeBench
        McEval
        VerilogEval
        RTLLM
        Spider-Realistic
        WikiTableQuestions | WTQ
        TabFact
        HybridQA
        FeTaQA
        LooGLE
        NoCha
        MRCR
        NoLiMa
        Ada-LEval
        BAMBOO | !BAMBOO
        LongICLBench
        WorkArena
        BrowseComp-ZH
        BrowseComp-Plus
        WebWalkerQA
        xbench-DeepSearch | xbench DeepSearch
        AssistantBench
        MiniWoB++ | MiniWob++
        MiniWoB | MiniWob
        WebLINX
        AppWorld
        ToolQA
        StableToolBench
        T-Eval
        MINT | !MINT
        NESTFUL
        Seal-Tools
        ACEBench
        ComplexFuncBench
        AndroidLab
        Windows Agent Arena | WindowsAgentArena
        WebSRC
        Mobile-Bench
        SWE-bench Pro
        RefCOCO
        RefCOCO+
        RefCOCOg
        NoCaps | nocaps
        TextCaps
        MMT-Bench
        MMVP
        CV-Bench
        MME-RealWorld
        OCRBench v2 | OCRBench-v2 | OCRBenchV2
        ChartQAPro
        OmniDocBench
        MMLongBench-Doc
        SlideVQA
        TempCompass
        MSVD-QA
        MSRVTT-QA | MSR-VTT-QA
        TGIF-QA
        Charades-STA
        ActivityNet Captions
        ActivityNet
        YouCook2
        How2QA
        CLEVRER
        CLEVR
        VATEX
        DiDeMo
        LVBench
        MMBench-Video
        VideoVista
        Winoground
        SugarCrepe
        MuirBench
        MMIU
        Q-Bench
        A-OKVQA
        IconQA
        VisualWebBench
        MM-Vet v2 | MM-Vet-v2
        MMHal-Bench
        Object HalBench | ObjHal-Bench
        AMBER | !AMBER
        GenEval++
        DrawBench
        PartiPrompts | Parti Prompts | PartiPrompt
        TIFA | !TIFA
        WISE | !WISE
        Pick-a-Pic
        HPSv3 | HPS v3
        MagicBrush
        Emu Edit | EmuEdit
        PIE-Bench
        OneIG-Bench
        LongText-Bench
        CVTG-2K
        FFHQ
        CelebA
        CelebA-HQ | CelebAHQ
        LSUN
        CIFAR-10 | CIFAR10
        CIFAR-100 | CIFAR100
        AFHQ
        ImageNet-R
        ImageNet-A
        ImageNet-Sketch
        ImageNet-V2 | ImageNetV2
        ObjectNet
        Places365
        PASCAL VOC | Pascal VOC | VOC2012 | VOC 2012
        LVIS
        Objects365
        nuScenes
        Waymo Open Dataset | WOD
        ScanNet++
        ShapeNet
        Google Scanned Objects | GSO
        DTU
        LLFF
        Mip-NeRF 360 | MipNeRF360 | Mip-NeRF360 | MipNeRF 360
        Tanks and Temples | Tanks&Temples
        RealEstate10K | RE10K
        DL3DV | DL3DV-10K
        DL3DV-140
        CO3D | CO3Dv2
        Human3.6M
        3DPW
        KIT-ML
        DAVIS | !DAVIS
        YouTube-VOS
        SA-V
        Something-Something v2 | SSv2 | Something-Something-V2
        HMDB51 | HMDB-51
        VBench-2.0 | VBench 2.0
        WorldScore
        ChronoMagic-Bench
        T2V-CompBench
        AudioCaps
        Clotho
        ESC-50
        AudioSet
        VCTK
        LJSpeech
        FLEURS
        VoxCeleb | VoxCeleb1 | VoxCeleb2
        MusicCaps
        MMAU
        LibriTTS
        GigaSpeech
        WenetSpeech
        AISHELL-1 | AISHELL
        CoVoST 2 | CoVoST2 | CoVoST
        SUPERB
        Dynamic-SUPERB
        AIR-Bench
        VoiceBench
        LIBERO
        CALVIN | !CALVIN
        SimplerEnv | SIMPLER | !SIMPLER
        RLBench
        Meta-World | MetaWorld
        ManiSkill
        RoboCasa
        BEHAVIOR-1K
        R2R | Room-to-Room
        RxR
        REVERIE
        ALFRED | !ALFRED
        OpenEQA
        NAVSIM
        Bench2Drive
        EmbodiedBench
        SORRY-Bench
        WildJailbreak
        Do-Not-Answer
        SALAD-Bench
        AgentHarm
        OR-Bench
        CyberSecEval
        FEVER | !FEVER
        LongFact
        CrowS-Pairs
        StereoSet
        WinoBias
        FActScore
        MIRACL
        Mr. TyDi | MrTyDi
        LoTTE
        TREC-COVID
        TREC DL | TREC-DL
        KILT
        ELI5
        ASQA
        PopQA
        WebQuestions | WebQ
        WebQSP
        CWQ | ComplexWebQA
        FRAMES | !FRAMES
        MultiHop-RAG
        FreshQA
        CNN/DailyMail | CNN/DM | CNN-DailyMail | CNN DailyMail
        XSum
        SAMSum
        GovReport
        QMSum
        Multi-News | MultiNews
        MultiWOZ
        SST-2
        MNLI | MultiNLI
        QNLI
        RTE
        CoLA | !CoLA
        MRPC
        QQP
        STS-B
        ANLI
        SNLI
        WiC
        WSC
        COPA
        MultiRC
        ReCoRD | !ReCoRD
        PTB | Penn Treebank
        CoQA
        QuAC
        RACE | !RACE
        QuALITY | !QuALITY
        ContractNLI
        CUAD
        FinBen
        FiQA
        FLUE | !FLUE
        MoleculeNet
        QM9
        InFoBench
        Multi-IF
        IFBench
        MixEval
        MixEval-Hard
        ComplexBench
        CFBench
        EQ-Bench
        Arena-Hard v2 | Arena-Hard-v2 | Arena-Hard v2.0 | Arena-Hard-v2.0
        AlpacaEval 1.0 | AlpacaEval 1
        ProcessBench
        PRMBench
        RMB | !RMB
        VL-RewardBench
        Multimodal RewardBench
        BRUMO 2025 | BRUMO25 | BRUMO 25 | BRUMO-25
        CMIMC 2025 | CMIMC25 | CMIMC 25
        SMT 2025 | SMT25
        IMO 2025 | IMO25 | IMO-2025 | 2025 IMO | 2025 International Mathematical Olympiad | International Mathematical Olympiad 2025
        IMO 2024 | IMO24 | IMO-2024 | 2024 IMO
        IOI 2025 | IOI25 | 2025 IOI
        IOI 2024 | IOI24 | 2024 IOI
        IMO-AnswerBench
        IMO-ProofBench
        IMO-Bench
        AMC 2024 | AMC24 | AMC2024
        AIME 2026 | AIME26 | AIME2026
        LiveMathBench
        U-MATH
        PolyMath
        Putnam-AXIOM
        HARDMath
        FormalMATH
        ProofBench
        MATH-Perturb
        MathCheck
        GSM-IC
        Countdown | !Countdown
        LogicBench
        BoardgameQA
        AutoLogi
        Enigmata
        Reasoning Gym | ReasoningGym
        SimpleBench
        MMLU-CF
        MMLU-Pro+
        NewsQA
        SearchQA
        Quoref
        ComplexWebQuestions
        GrailQA
        SimpleQuestions
        FreebaseQA
        FoolMeTwice
        VitaminC
        Mintaka
        EntityQuestions
        TimeQA
        StreamingQA
        HalluQA
        FaithEval
        TopiOCQA
        QReCC
        OR-QuAC
        MT-RAG | MTRAG
        InfoSeek
        Encyclopedic-VQA | E-VQA
        WebQA
        Loong | !Loong
        LongGenBench
        NeedleBench
        Counting-Stars
        LongBench-Cite
        L-CiteEval
        Michelangelo | !Michelangelo
        LiveCodeBench Pro
        BigCodeBench-Hard
        CanItEdit
        CodeEditorBench
        DevBench
        DevEval
        ExecRepoBench
        FullStack Bench
        Spider2-V
        Spider 2.0-lite | Spider2-lite
        BIRD-SQL
        CodeArena
        EvoEval
        HumanEval Pro
        MBPP Pro
        CodeMMLU
        SAFIM
        DA-Code
        DSBench
        MLE-bench | MLEBench | MLE-Bench
        MLAgentBench
        PaperBench
        RE-Bench
        xCodeEval
        HumanEval-V
        Design2Code
        Web2Code
        WebApp1K
        ChartMimic
        Plot2Code
        Sketch2Code
        NL2Bash
        InterCode
        SWE-PolyBench
        SWT-Bench
        HumanEval-XL
        MdEval
        CoNaLa
        BugsInPy
        ResearchCodeBench
        CRUXEval-O
        CRUXEval-I
        Mind2Web-Live
        Online-Mind2Web
        Mind2Web 2 | Mind2Web-2
        AITZ | Android in the Zoo
        GUI-Odyssey | GUIOdyssey
        OmniACT
        GUI-World
        VideoGUI
        WebCanvas
        BearCubs
        MCP-Bench
        MCP-Universe
        LiveMCPBench
        MCPMark
        TheAgentCompany
        WorkArena++
        AgentBoard
        ToolAlpaca
        ToolHop
        NexusRaven
        APIBench
        Sotopia | SOTOPIA
        SOTOPIA-hard
        AndroidArena
        LlamaTouch
        MobileAgentBench
        DeepResearch Bench | DeepResearchBench
        Seal-0
        WebWalker
        NetHack Learning Environment | NLE | NetHack
        MineDojo
        BALROG
        Atari 100k | Atari-100k
        Procgen | ProcGen
        D4RL
        VirtualHome
        BabyAI
        MiniGrid
        Jericho | !Jericho
        SMAC | SMACv2
        Overcooked | !Overcooked
        VCR | !VCR
        NLVR2
        CountBench | CountBenchQA
        PixMo-Count
        EmbSpatial-Bench
        SpatialBench
        3DSRBench
        SpatialEval
        MMSI-Bench
        ERQA
        RoboSpatial
        Where2Place
        RefSpatial-Bench
        SNLI-VE
        HR-Bench | HRBench
        HR-Bench 4K | HRBench4K | HR-Bench-4K
        HR-Bench 8K | HRBench8K | HR-Bench-8K
        Mantis-Eval
        MMBench-CN
        CCBench
        SEED-Bench-2 | SEED-Bench2
        SEED-Bench-2-Plus
        OCR-VQA | OCRVQA
        ST-VQA | STVQA
        DUDE | !DUDE
        MP-DocVQA
        ChartBench
        ChartX
        TableVQA
        olmOCR-Bench
        CC-OCR
        FUNSD
        CORD | !CORD
        SROIE
        DocLayNet
        PubLayNet
        M6Doc
        D4LA
        DocBank
        RVL-CDIP
        FinTabNet
        PubTabNet
        TableBank
        VisuLogic
        MMVU
        MMWorld
        MME-CoT
        ZeroBench
        VisualPuzzles
        PuzzleVQA
        AlgoPuzzleVQA
        VLMsAreBlind | VLMs Are Blind
        gRefCOCO
        RefCOCOm
        ReasonSeg
        PhraseCut
        Flickr30k Entities
        Visual7W
        ODinW
        COCO-Stuff
        Pascal Context | PASCAL-Context
        DIODE | !DIODE
        ETH3D
        MPI Sintel | Sintel | !Sintel
        Middlebury | !Middlebury
        Replica | !Replica
        Matterport3D | MP3D
        Stanford2D3D | Stanford 2D-3D-S | 2D-3D-S | S3DIS
        SUN RGB-D | SUNRGBD | SUN-RGBD
        Hypersim
        Virtual KITTI | VKITTI
        TUM RGB-D | TUM-RGBD
        7-Scenes | 7Scenes
        EgoExo4D | Ego-Exo4D
        EPIC-KITCHENS | EPIC-Kitchens | EPIC-KITCHENS-100 | EPIC-Kitchens-100
        OmniObject3D
        ModelNet40 | ModelNet
        ScanObjectNN
        Toys4K
        T3Bench
        GPTEval3D
        3DGen-Bench
        ScanRefer
        Nr3D
        Sr3D
        ScanQA
        SQA3D
        MJHQ-30K | MJHQ
        COCO-30K
        DSG-1k
        T2I-ReasonBench
        R2I-Bench
        RISEBench
        KRIS-Bench
        I2EBench
        EditBench
        DreamBench | DreamBench++
        TextAtlas
        MARIO-Eval
        ImageReward | !ImageReward
        HPDv2
        VideoPhy
        VideoPhy2 | VideoPhy-2
        PhyGenBench
        Physics-IQ
        WorldModelBench
        QVHighlights
        TVBench
        TOMATO | !TOMATO
        Video-Holmes
        HourVideo
        CinePile
        MovieChat-1K
        Vinoground
        TemporalBench
        E.T. Bench
        VideoHallucer
        EventHallusion
        DREAM-1K
        LIBERO-Spatial
        LIBERO-Object
        LIBERO-Goal
        LIBERO-Long | LIBERO-10
        LIBERO-90
        ManiSkill2
        ManiSkill3
        RoboTwin
        RoboTwin 2.0
        MimicGen
        robomimic | RoboMimic
        Franka Kitchen
        VLABench
        BridgeData V2 | BridgeData
        DROID | !DROID
        HM3D
        Multi3DRefer
        Scan2Cap
        3D-FRONT
        3D-FUTURE
        Structured3D
        ARKitScenes
        BIWI | BIWI-3D
        VOCASET | VOCA
        HDTF
        MEAD
        RxRx1
        RxRx3
        SOON | !SOON
        CVDN
        VLMbench
        CARLA Leaderboard
        nuPlan
        Argoverse 2 | Argoverse2 | Argoverse
        DriveLM
        NuScenes-QA
        DriveBench
        Talk2Car
        Open6DOR
        TED-LIUM
        VoxPopuli
        Seed-TTS-Eval | Seed-TTS eval | SeedTTS-Eval
        VGGSound
        MMAU-Pro
        MMAR | !MMAR
        URO-Bench
        VocalSound
        NSynth
        GTZAN
        MusicBench
        Song Describer
        IEMOCAP
        MELD | !MELD
        CREMA-D
        RAVDESS
        SLURP | !SLURP
        Fluent Speech Commands
        Speech Commands
        CHiME-4
        CHiME-6
        LibriMix | Libri2Mix
        WSJ0-2mix
        MUSDB18 | MUSDB18-HQ
        OmniMedVQA
        MedBench
        CMExam
        MedCalc-Bench
        MedAgentBench
        AgentClinic
        BraTS
        ISIC | !ISIC
        ChestX-ray14 | NIH ChestX-ray14
        MedMNIST
        Kvasir
        BTCV
        KiTS
        TotalSegmentator
        LIDC-IDRI
        CheXmask
        GMAI-MMBench
        MedFrameQA
        TrustLLM
        BeaverTails
        ToxicChat
        MM-SafetyBench
        FigStep
        JailBreakV-28K | JailBreakV
        SIUO
        VLGuard
        AgentDojo
        InjecAgent
        ToolEmu
        R-Judge
        Cybench
        CTIBench
        MACHIAVELLI
        Vicuna Bench | VicunaBench | Vicuna-Bench
        Creative Writing v3
        VideoGen-RewardBench | VideoGenReward-Bench
        SysBench
        CELLO | !CELLO
        LIFEBench
        XTREME
        XTREME-R
        IndicXTREME
        MKQA
        INCLUDE | !INCLUDE
        BLEnD | !BLEnD
        M-ArenaHard | m-ArenaHard
        XGLUE
        AmericasNLI
        MasakhaNER
        AfriQA
        SIB-200
        Taxi1500
        CLIcK | !CLIcK
        JCommonsenseQA
        BenchMAX
        SeaExam
        VMLU
        CoIR
        LongEmbed
        MLDR
        ArguAna
        SciFact
        NFCorpus
        SCIDOCS
        Climate-FEVER
        CQADupStack
        FollowIR
        M-BEIR
        MMEB
        MMEB-V2
        ViDoRe
        ViDoRe v2 | ViDoRe-v2 | ViDoRe V2
        CIRR
        FashionIQ | Fashion-IQ
        CIRCO
        SciEval
        SciKnowEval
        ScienceAgentBench
        DiscoveryBench
        LAB-Bench
        TDC | !TDC
        ProteinGym
        CrossDocked
        GEOM-Drugs
        USPTO | USPTO-50K
        MatBench
        FinEval
        CFBenchmark
        BizFinBench
        COLIEE
        LegalBench-RAG
        TableBench
        DataBench
        DABench | InfiAgent-DABench
        ETTh1
        ETTh2
        ETTm1
        ETTm2
        GIFT-Eval
        Monash | !Monash
        OGB | Open Graph Benchmark
        ogbn-arxiv
        ogbn-products
        CiteSeer
        MovieLens | MovieLens-1M | ML-1M
        LogicNLI
        RuleTaker
        EntailmentBank
        FOLIO-v2
        Sudoku-Bench
        ARC-AGI-3
        OlympicArena
        AMO-Bench
        MathArena Apex
        CNMO 2025
        Codeforces Elo
        BFCL v3 | BFCLv3 | BFCL-v3
        BFCL v4 | BFCLv4 | BFCL-v4
        tau-retail | τ-retail | tau-bench retail | τ-bench Retail
        tau-airline | τ-airline | tau-bench airline | τ-bench Airline
        VisualAgentBench
        OSWorld-G
        UI-Vision
        ScreenSpot-v3
        MMBench-GUI
        AndroidWorld-Lite
        WebArena-Verified
        VisualToolBench
        MMSearch
        MMSearch-Plus
        BrowseComp-VL
        FinSearchComp
        WideSearch
        MedBullets
        JAMA Clinical Challenge
        NEJM Image Challenge
        VQA-Med
        PathMMU
        SkinCon
        Quilt-VQA
        MMMU-Med
        CheXbench
        ReXVQA
        TREC CAsT | !CAsT
        Multilingual LibriSpeech | !MLS
        DeepMind Control Suite | DMControl | !DMC
        MyoSuite
        Knights and Knaves
        """;
}
