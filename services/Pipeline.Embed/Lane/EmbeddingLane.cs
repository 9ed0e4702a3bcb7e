using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pipeline.Contracts;
using Pipeline.Embed.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Embed.Lane;

/// <summary>
/// The asynchronous embedding lane, off the publishing path: claims pending papers in batches with
/// <c>FOR UPDATE SKIP LOCKED</c> (several instances share the work), embeds title + abstract, stores the vectors,
/// finds each paper's nearest stored papers (pgvector, or cosine in C# without it), writes its related list and
/// offers it to its neighbours' lists. A batch is one transaction: a crash leaves its papers pending.
/// </summary>
public sealed partial class EmbeddingLane(
    IServiceScopeFactory scopes,
    ITextEncoder encoder,
    EmbedLaneState state,
    EmbedSignal signal,
    OutboxSignal<EmbedDbContext> outboxSignal,
    IOptions<EmbedOptions> options,
    TimeProvider clock,
    ILogger<EmbeddingLane> logger) : BackgroundService
{
    /// <summary>At most this many incomplete lists are offered each batch's papers (newest first).</summary>
    private const int IncompleteLimit = 2000;

    private static readonly ActivitySource Source = new(EmbedServiceExtensions.ActivitySourceName);
    private static readonly Meter Meter = new(EmbedServiceExtensions.ActivitySourceName);
    private static readonly Counter<long> EmbeddedCounter = Meter.CreateCounter<long>("pipeline.embed.papers", "{paper}", "Papers embedded and related");
    private static readonly Histogram<double> BatchSeconds = Meter.CreateHistogram<double>("pipeline.embed.batch.duration", "s", "Time to embed and relate one batch");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            state.SetMode(SearchMode.Disabled, "Embed:Enabled is false");
            LogDisabled(logger);
            return;
        }

        await Task.Yield();
        SearchMode mode;
        try
        {
            mode = await DecideModeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await RunBatchAsync(mode, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                state.BatchFailed(ex.Message);
                LogBatchFailed(logger, ex, failures);
                claimed = 0;
                if (!await DelayAsync(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures))), stoppingToken))
                {
                    return;
                }
            }

            if (claimed < o.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(o.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>pgvector when allowed, installed and reachable by name; otherwise the fallback. Logged once.</summary>
    private async Task<SearchMode> DecideModeAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EmbedDbContext>();
                var (mode, reason) = await DetectAsync(db, options.Value.UsePgvector, ct);
                state.SetMode(mode, reason);
                LogMode(logger, mode, reason, options.Value.TopK, options.Value.BatchSize);
                return mode;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The database may not be there yet, or migrations may still run in another instance.
                LogModeRetry(logger, ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), clock, ct);
            }
        }
    }

    public static async Task<(SearchMode Mode, string Reason)> DetectAsync(EmbedDbContext db, bool usePgvector, CancellationToken ct)
    {
        if (!usePgvector)
        {
            return (SearchMode.Fallback, "Embed:UsePgvector is false");
        }

        var extension = await ScalarAsync(db, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AND to_regtype('vector') IS NOT NULL", ct);
        if (!extension)
        {
            return (SearchMode.Fallback, "the vector extension is not installed in this database");
        }

        // Installed after the migration ran (e.g. pgvector.sh came later): add the column and index now.
        if (!await VectorColumnExistsAsync(db, ct))
        {
            await db.Database.ExecuteSqlRawAsync(VectorSchema.EnsureVectorColumnSql, ct);
        }

        return await VectorColumnExistsAsync(db, ct)
            ? (SearchMode.Pgvector, "vector extension installed; HNSW cosine index on embed.embeddings.vec")
            : (SearchMode.Fallback, "embed.embeddings.vec could not be created");
    }

    private static Task<bool> VectorColumnExistsAsync(EmbedDbContext db, CancellationToken ct) =>
        ScalarAsync(db, "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'embed' AND table_name = 'embeddings' AND column_name = 'vec')", ct);

    private static async Task<bool> ScalarAsync(EmbedDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Embeds and relates one batch; returns how many papers it claimed.</summary>
    public async Task<int> RunBatchAsync(SearchMode mode, CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmbedDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<EmbedStore>();
        var watch = Stopwatch.StartNew();

        List<PendingWork> work = [];
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            work = await store.ClaimAsync(o.BatchSize, ct);
            if (work.Count == 0)
            {
                return 0;
            }

            await EmbedAndRelateAsync(store, mode, work, ct);

            // Publish learns each new paper's own list through the outbox, in this transaction.
            db.Enqueue(new RelatedPapersComputed { Papers = await store.LoadRelationsAsync(work.Select(w => w.PaperId).ToArray(), encoder.Model, clock.GetUtcNow(), ct) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            outboxSignal.Notify();
        }
        catch (Exception ex) when (work.Count > 0 && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            await DeferAsync(work, ex, ct);
            throw;
        }

        state.BatchSucceeded(work.Count, clock.GetUtcNow());
        EmbeddedCounter.Add(work.Count);
        BatchSeconds.Record(watch.Elapsed.TotalSeconds);
        LogBatch(logger, work.Count, mode, watch.Elapsed.TotalMilliseconds);
        return work.Count;
    }

    private async Task EmbedAndRelateAsync(EmbedStore store, SearchMode mode, List<PendingWork> work, CancellationToken ct)
    {
        var o = options.Value;

        // One span per batch, continuing the trace of its oldest paper and linking the others' traces.
        var contexts = work
            .Select(w => ActivityContext.TryParse(w.TraceParent, null, out var c) ? c : default)
            .ToList();
        var parent = contexts.FirstOrDefault(c => c != default);
        var links = contexts.Where(c => c != default && c.TraceId != parent.TraceId).DistinctBy(c => c.TraceId).Select(c => new ActivityLink(c));
        using var activity = Source.StartActivity(ActivityKind.Internal, parent, name: "embed batch", links: links);
        activity?.SetTag("pipeline.embed.papers", work.Count);
        activity?.SetTag("pipeline.embed.mode", mode.ToString());
        activity?.SetTag("pipeline.embed.model", encoder.Model);

        // Encoding is the slow part (about a dozen papers per second on 2 cores): done before taking the relate lock.
        var texts = work.Select(w => EmbedText.Compose(w.Title, w.Abstract)).ToArray();
        var vectors = await Task.Run(() => encoder.Encode(texts, ct), ct);
        if (vectors.Length != work.Count || vectors.Any(v => v.Length != encoder.Dimensions))
        {
            throw new InvalidOperationException($"The encoder returned {vectors.Length} vector(s) for {work.Count} text(s), or a vector of the wrong size.");
        }

        var now = clock.GetUtcNow();
        var items = work
            .Select((w, i) => (Work: w, Vector: vectors[i], TraceId: contexts[i] != default ? contexts[i].TraceId.ToString() : activity?.TraceId.ToString()))
            .ToList();

        // Relate under a lock shared by every instance: a batch sees every vector committed before it, so two
        // similar papers embedded at the same time by two instances still find each other.
        await store.LockRelateAsync(ct);
        await store.StoreEmbeddingsAsync(items, encoder.Model, now, ct);
        var candidates = o.TopK * 2;
        var neighbours = mode == SearchMode.Pgvector
            ? await store.SearchPgvectorAsync(work.Select(w => w.PaperId).ToArray(), candidates, o.MinSimilarity, ct)
            : await store.SearchFallbackAsync(items.Select(i => (i.Work.PaperId, i.Vector)).ToList(), candidates, o.MinSimilarity, ct);

        // Lists still shorter than k take any new paper above the minimum, not only the nearest ones' offers.
        var incomplete = await store.LoadIncompleteAsync(work.Select(w => w.PaperId).ToArray(), IncompleteLimit, ct);
        var offers = incomplete.SelectMany(p => items
            .Select(i => (Owner: p.PaperId, Related: i.Work.PaperId, Similarity: p.Vector.Length == i.Vector.Length ? Similarity.Cosine(p.Vector, i.Vector) : double.NaN))
            .Where(x => x.Similarity > o.MinSimilarity));
        await store.WriteRelatedAsync(neighbours, offers.ToList(), o.TopK, now, ct);
        await store.CompleteAsync(work, ct);
    }

    /// <summary>The batch's transaction rolled back: its papers are tried again later (backoff), in a transaction of their own.</summary>
    private async Task DeferAsync(List<PendingWork> work, Exception error, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<EmbedStore>();
            await store.DeferAsync(work, error.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDeferFailed(logger, ex);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Embedding lane running in {Mode} mode ({Reason}); top {TopK} related papers, batches of {BatchSize}")]
    private static partial void LogMode(ILogger logger, SearchMode mode, string reason, int topK, int batchSize);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Embedding lane disabled (Embed:Enabled=false): papers are recorded as pending, nothing is embedded")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Embedded and related {Papers} paper(s) in {Mode} mode in {Milliseconds:0} ms")]
    private static partial void LogBatch(ILogger logger, int papers, SearchMode mode, double milliseconds);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Embedding batch failed ({Failures} in a row); its papers are retried later")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, int failures);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Embedding lane cannot read its database yet (attempt {Attempt}); retrying")]
    private static partial void LogModeRetry(ILogger logger, Exception ex, int attempt);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Could not defer the papers of a failed embedding batch; they are retried at once")]
    private static partial void LogDeferFailed(ILogger logger, Exception ex);
}
