namespace Pipeline.Deliver;

/// <summary>Configuration section <c>Deliver</c>: webhooks, digests and the SMTP server digests go through.</summary>
public sealed class DeliverOptions
{
    public const string SectionName = "Deliver";

    /// <summary>Where the operators' API is reachable for recipients (unsubscribe links).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public WebhookOptions Webhooks { get; set; } = new();

    public DigestOptions Digests { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Every rule options validation checks at start; empty when valid.</summary>
    public IEnumerable<string> Errors()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicBase) || (publicBase.Scheme != Uri.UriSchemeHttp && publicBase.Scheme != Uri.UriSchemeHttps))
        {
            yield return "Deliver:PublicBaseUrl must be an absolute http(s) URL.";
        }

        var w = Webhooks;
        if (w.MaxAttempts is < 1 or > 50)
        {
            yield return "Deliver:Webhooks:MaxAttempts must be between 1 and 50.";
        }

        if (w.InitialDelay <= TimeSpan.Zero || w.MaxDelay < w.InitialDelay)
        {
            yield return "Deliver:Webhooks:InitialDelay must be positive and not above MaxDelay.";
        }

        if (w.BackoffFactor < 1 || w.Jitter is < 0 or >= 1)
        {
            yield return "Deliver:Webhooks:BackoffFactor must be ≥ 1 and Jitter in [0, 1).";
        }

        if (w.AttemptTimeout <= TimeSpan.Zero || w.PollInterval <= TimeSpan.Zero || w.MaxRetryAfter < TimeSpan.Zero)
        {
            yield return "Deliver:Webhooks:AttemptTimeout and PollInterval must be positive, MaxRetryAfter not negative.";
        }

        if (w.BatchSize is < 1 or > 256 || w.DisableAfterDeadLetters < 0 || w.ResponseExcerptBytes is < 0 or > 65536)
        {
            yield return "Deliver:Webhooks:BatchSize must be 1–256, DisableAfterDeadLetters ≥ 0, ResponseExcerptBytes 0–65536.";
        }

        if (string.IsNullOrWhiteSpace(w.UserAgent))
        {
            yield return "Deliver:Webhooks:UserAgent is required.";
        }

        if (Digests.TopN is < 1 or > 100 || Digests.PollInterval <= TimeSpan.Zero || Digests.RetryDelay <= TimeSpan.Zero)
        {
            yield return "Deliver:Digests:TopN must be 1–100, PollInterval and RetryDelay positive.";
        }

        if (Smtp.Port is < 1 or > 65535 || Smtp.Timeout <= TimeSpan.Zero)
        {
            yield return "Deliver:Smtp:Port must be 1–65535 and Timeout positive.";
        }

        if (Smtp.IsConfigured && !MimeKit.MailboxAddress.TryParse(Smtp.From, out _))
        {
            yield return "Deliver:Smtp:From must be a mailbox address (\"Name <address>\" or \"address\").";
        }
    }
}

public sealed class WebhookOptions
{
    /// <summary>Runs the delivery worker in this instance (default true). Deliveries are still recorded when false.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Allow targets in private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Default false.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Allow loopback targets (127/8, ::1). Default false; tests enable it explicitly.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Attempts per delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the second attempt; each later one is <see cref="BackoffFactor"/> times longer.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    public double BackoffFactor { get; set; } = 6;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Each delay is multiplied by a random factor in [1 − Jitter, 1 + Jitter].</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Upper bound of a receiver's <c>Retry-After</c> (429/503) that is honoured.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Timeout of one HTTP attempt (connect, send, response headers and excerpt).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the worker looks for due deliveries when nothing in this process signals.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed (and sent concurrently) per round.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Deactivate a subscription after this many dead letters in a row (0: never).</summary>
    public int DisableAfterDeadLetters { get; set; }

    /// <summary>Bytes of the receiver's response body kept in the attempt log.</summary>
    public int ResponseExcerptBytes { get; set; } = 1024;

    public string UserAgent { get; set; } = "PaperPipeline-Webhooks/1.0 (+https://github.com/paper-pipeline; signed deliveries, see X-Pipeline-Signature)";
}

public sealed class DigestOptions
{
    /// <summary>Runs the digest scheduler in this instance when SMTP is configured (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Papers per digest.</summary>
    public int TopN { get; set; } = 10;

    /// <summary>How often the scheduler looks for due subscriptions.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When sending fails, try that subscription again after this long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class SmtpOptions
{
    /// <summary>SMTP server; empty disables digest sending (subscriptions stay due until it is set).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public string From { get; set; } = "Paper pipeline <digests@localhost>";

    /// <summary>TLS: implicit on port 465, STARTTLS (required) otherwise. False: plain SMTP (loopback relays).</summary>
    public bool UseTls { get; set; }

    public string? User { get; set; }

    public string? Pass { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
