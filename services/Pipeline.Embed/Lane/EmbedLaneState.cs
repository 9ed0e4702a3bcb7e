namespace Pipeline.Embed.Lane;

/// <summary>How the lane finds nearest neighbours.</summary>
public enum SearchMode
{
    /// <summary>Not decided yet (the lane has not reached the database).</summary>
    Unknown,

    /// <summary><c>ORDER BY vec &lt;=&gt; $1 LIMIT k</c> over an HNSW cosine index.</summary>
    Pgvector,

    /// <summary>No <c>vector</c> extension (or <c>Embed:UsePgvector=false</c>): cosine in C# over the stored <c>real[]</c> vectors.</summary>
    Fallback,

    /// <summary><c>Embed:Enabled=false</c>: work is recorded, nothing is embedded.</summary>
    Disabled,
}

/// <summary>What the lane is doing, for <c>/health/ready</c>, <c>/embed/status</c> and tests.</summary>
public sealed class EmbedLaneState
{
    private readonly Lock _gate = new();
    private SearchMode _mode;
    private string _modeReason = "starting";
    private DateTimeOffset? _lastBatchAt;
    private long _embedded;
    private string? _lastError;
    private readonly TaskCompletionSource<SearchMode> _modeDecided = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SearchMode Mode
    {
        get { lock (_gate) { return _mode; } }
    }

    public string ModeReason
    {
        get { lock (_gate) { return _modeReason; } }
    }

    /// <summary>Completes when the lane has chosen its mode.</summary>
    public Task<SearchMode> ModeDecided => _modeDecided.Task;

    public long Embedded => Interlocked.Read(ref _embedded);

    public string? LastError
    {
        get { lock (_gate) { return _lastError; } }
    }

    public void SetMode(SearchMode mode, string reason)
    {
        lock (_gate)
        {
            _mode = mode;
            _modeReason = reason;
        }

        _modeDecided.TrySetResult(mode);
    }

    public void BatchSucceeded(int papers, DateTimeOffset at)
    {
        Interlocked.Add(ref _embedded, papers);
        lock (_gate)
        {
            _lastBatchAt = at;
            _lastError = null;
        }
    }

    public void BatchFailed(string error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }

    public EmbedStatus Snapshot(long pending)
    {
        lock (_gate)
        {
            return new EmbedStatus(_mode.ToString().ToLowerInvariant(), _modeReason, MiniLmTextEncoder.ModelName, pending, Embedded, _lastBatchAt, _lastError);
        }
    }
}

/// <summary>Body of <c>/embed/status</c>.</summary>
public sealed record EmbedStatus(string Mode, string ModeReason, string Model, long Pending, long EmbeddedSinceStart, DateTimeOffset? LastBatchAt, string? LastError);

/// <summary>Wakes the lane when a consumer recorded work, instead of waiting for the next poll.</summary>
public sealed class EmbedSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller signalled first; one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
