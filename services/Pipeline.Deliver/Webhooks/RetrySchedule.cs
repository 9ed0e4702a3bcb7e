namespace Pipeline.Deliver.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after attempt <c>n</c> (1-based) the delay is
/// <c>min(MaxDelay, InitialDelay × BackoffFactor^(n−1))</c> times a random factor in <c>[1 − Jitter, 1 + Jitter]</c>;
/// a receiver's <c>Retry-After</c> (429/503) is honoured when longer, up to <c>MaxRetryAfter</c>. After
/// <c>MaxAttempts</c> attempts the delivery is dead. Defaults: 5 attempts, 10 s × 6ⁿ → 10 s, 1 min, 6 min, 36 min.
/// </summary>
public sealed class RetrySchedule(WebhookOptions options)
{
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>True when another attempt follows attempt <paramref name="attempt"/>.</summary>
    public bool HasNext(int attempt) => attempt < options.MaxAttempts;

    /// <summary>The delay without jitter after attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BaseDelay(int attempt)
    {
        var seconds = options.InitialDelay.TotalSeconds * Math.Pow(options.BackoffFactor, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxDelay.TotalSeconds));
    }

    /// <summary>
    /// The delay after attempt <paramref name="attempt"/>: the jittered base delay, or the receiver's
    /// <paramref name="retryAfter"/> when that is longer (capped by MaxRetryAfter). <paramref name="random"/> is in [0, 1).
    /// </summary>
    public TimeSpan NextDelay(int attempt, double random, TimeSpan? retryAfter = null)
    {
        var factor = 1 + options.Jitter * (2 * random - 1);
        var delay = BaseDelay(attempt) * factor;
        if (retryAfter is { } wait && wait > delay)
        {
            delay = wait < options.MaxRetryAfter ? wait : (options.MaxRetryAfter > delay ? options.MaxRetryAfter : delay);
        }

        return delay;
    }

    /// <summary>Retry-After of a response, as a delay from <paramref name="now"/> (seconds or HTTP date).</summary>
    public static TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
