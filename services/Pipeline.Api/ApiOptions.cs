namespace Pipeline.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Where the API and dashboard listen unless <c>urls</c>/<c>ASPNETCORE_URLS</c> say otherwise.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Key for every state-changing action: header <c>X-Api-Key</c> on the API, sign-in on the dashboard. Empty:
    /// state-changing actions are refused (read endpoints stay open).
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Link to a trace; <c>{traceId}</c> is replaced (Jaeger's UI by default).</summary>
    public string TraceViewerUrl { get; set; } = "http://127.0.0.1:16686/trace/{traceId}";

    /// <summary>RabbitMQ management API (queue depths, consumers, error queues).</summary>
    public string ManagementUrl { get; set; } = "http://127.0.0.1:15672";

    /// <summary>Management API user; default <c>RabbitMq:User</c>, then <c>pipeline</c>.</summary>
    public string? ManagementUser { get; set; }

    /// <summary>Management API password; default <c>RabbitMq:Pass</c>, then <c>pipeline</c>.</summary>
    public string? ManagementPassword { get; set; }

    /// <summary>Hours the overview charts cover.</summary>
    public int OverviewHours { get; set; } = 3;

    /// <summary>How often dashboard pages poll for changes.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest page of <c>GET /api/papers</c>.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Ready messages in one queue above which the overview turns amber.</summary>
    public int BacklogWarning { get; set; } = 1000;

    /// <summary>Oldest unsent outbox row above which the overview turns red.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages looked at per error queue when listing failures.</summary>
    public int ErrorPeekLimit { get; set; } = 50;

    public const int MinimumKeyLength = 16;

    public string TraceUrl(string traceId) => TraceViewerUrl.Replace("{traceId}", Uri.EscapeDataString(traceId), StringComparison.Ordinal);

    public static bool Validate(ApiOptions o) =>
        Uri.TryCreate(o.Url, UriKind.Absolute, out _)
        && Uri.TryCreate(o.ManagementUrl, UriKind.Absolute, out _)
        && Uri.TryCreate(o.TraceViewerUrl.Replace("{traceId}", "0", StringComparison.Ordinal), UriKind.Absolute, out _)
        && o.TraceViewerUrl.Contains("{traceId}", StringComparison.Ordinal)
        && (string.IsNullOrEmpty(o.Key) || o.Key.Length >= MinimumKeyLength)
        && o.OverviewHours is > 0 and <= 168
        && o.RefreshInterval >= TimeSpan.FromSeconds(1)
        && o.MaxPageSize is > 0 and <= 1000
        && o.BacklogWarning > 0
        && o.OutboxStuckAfter > TimeSpan.Zero
        && o.ErrorPeekLimit is > 0 and <= 1000;
}

/// <summary>The broker connection (section <c>RabbitMq</c>, shared with the services); used to move messages out of error queues.</summary>
public sealed class BrokerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5672;

    public string VHost { get; set; } = "/";

    public string User { get; set; } = "pipeline";

    public string Pass { get; set; } = "pipeline";
}
