using Microsoft.Extensions.Options;
using Npgsql;

namespace Pipeline.Api.Data;

/// <summary>Papers that reached each stage in one minute (fetched: by the fetch time of the document that carried them).</summary>
public sealed record StageMinute(DateTimeOffset Minute, int Fetched, int Parsed, int Classified, int Published);

/// <summary>Lag from fetch to first publication of the papers first published in one minute (p50 and p95).</summary>
public sealed record LagMinute(DateTimeOffset Minute, double MedianSeconds, double P95Seconds, int Papers);

/// <summary>Lag from fetch to first publication over the whole window (p50 and p95), and how many papers it covers.</summary>
public sealed record LagSummary(double MedianSeconds, double P95Seconds, int Papers);

public sealed record StageTotals(
    long Documents, long Parsed, long Classified, long Published, long DocumentsRejected, long RecordsRejected, long DocumentsRejectedLastDay);

public sealed record OutboxState(string Stage, long Pending, DateTimeOffset? Oldest);

/// <summary>Something an operator should know; <see cref="Level"/> is <c>red</c> or <c>amber</c>.</summary>
public sealed record Signal(string Level, string Text, string? Link);

public sealed record Overview
{
    /// <summary><c>green</c>, <c>amber</c> or <c>red</c>: the worst of <see cref="Signals"/>.</summary>
    public required string State { get; init; }

    public required IReadOnlyList<Signal> Signals { get; init; }

    public required StageTotals Totals { get; init; }

    public required IReadOnlyList<OutboxState> Outboxes { get; init; }

    public required DateTimeOffset Since { get; init; }

    public required IReadOnlyList<StageMinute> PerMinute { get; init; }

    /// <summary>Per minute of first publication; later revisions do not count (they are not a paper's arrival).</summary>
    public required IReadOnlyList<LagMinute> Lag { get; init; }

    /// <summary>The same lag over the whole window; null when no paper was first published in it.</summary>
    public LagSummary? LagOverall { get; init; }

    public required IReadOnlyList<QueueView> Queues { get; init; }

    public required long ErrorMessages { get; init; }

    /// <summary>Source count per health.</summary>
    public required IReadOnlyDictionary<string, int> Sources { get; init; }

    public string? BrokerError { get; init; }
}

/// <summary>The overview: throughput and lag per minute, totals, queues and a red/amber/green verdict.</summary>
public sealed partial class OverviewQueries(NpgsqlDataSource db, Broker broker, SourceQueries sources, TimeProvider clock, IOptions<ApiOptions> options, ILogger<OverviewQueries> logger)
{
    private static readonly string[] Stages = ["fetcher", "parse", "classify", "publish"];

    public async Task<Overview> GetAsync(int? hours, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var end = Minute(now);
        var since = end.AddHours(-Math.Clamp(hours ?? o.OverviewHours, 1, 168)).AddMinutes(1);

        var signals = new List<Signal>();
        var totals = (await db.QueryAsync(
            """
            SELECT (SELECT count(*) FROM fetcher.documents), (SELECT count(*) FROM parse.papers), (SELECT count(*) FROM classify.enrichments),
                   (SELECT count(*) FROM publish.papers), (SELECT count(*) FROM parse.rejected_documents), (SELECT count(*) FROM parse.rejected_records),
                   (SELECT count(*) FROM parse.rejected_documents WHERE rejected_at > now() - interval '24 hours')
            """,
            r => new StageTotals(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)),
            ct))[0];
        var outboxes = new List<OutboxState>();
        foreach (var stage in Stages)
        {
            outboxes.AddRange(await db.QueryAsync(
                $"SELECT count(*), min(created_at) FROM {stage}.outbox_messages",
                r => new OutboxState(stage == "fetcher" ? "fetch" : stage, r.GetInt64(0), r.Opt<DateTimeOffset>(1)),
                ct));
        }

        var perMinute = await PerMinuteAsync(since, end, ct);
        var (lag, lagOverall) = await LagAsync(since, ct);

        List<QueueView> queues = [];
        string? brokerError = null;
        try
        {
            queues = await broker.QueuesAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            brokerError = $"RabbitMQ management API unavailable: {ex.Message}";
            LogBrokerUnavailable(logger, ex.Message);
            signals.Add(new Signal("amber", brokerError, null));
        }

        var sourceList = await sources.ListAsync(ct);
        foreach (var s in sourceList.Where(s => s.State != "green"))
        {
            signals.Add(new Signal(s.State, s.Health switch
            {
                "failing" => $"source {s.Id} is failing ({s.ConsecutiveFailures} failed polls): {s.LastError}",
                "stale" => $"source {s.Id} is stale: unchanged for {Format.Duration(s.Unchanged)}",
                _ => $"source {s.Id}: {s.ConsecutiveFailures} failed poll(s): {s.LastError}",
            }, "/sources"));
        }

        foreach (var q in queues.Where(q => !q.IsError && q.Consumers == 0))
        {
            signals.Add(new Signal("red", $"queue {q.Name} has no consumer: is its service running?", null));
        }

        foreach (var q in queues.Where(q => !q.IsError && q.Ready > o.BacklogWarning))
        {
            signals.Add(new Signal("amber", $"queue {q.Name} has a backlog of {q.Ready:N0} messages", null));
        }

        var errorMessages = queues.Where(q => q.IsError).Sum(q => q.Messages);
        if (errorMessages > 0)
        {
            signals.Add(new Signal("amber", $"{errorMessages:N0} message(s) in error queues", "/failures"));
        }

        if (totals.DocumentsRejectedLastDay > 0)
        {
            signals.Add(new Signal("amber", $"{totals.DocumentsRejectedLastDay:N0} document(s) rejected in the last 24 hours", "/failures"));
        }

        foreach (var outbox in outboxes.Where(x => x.Oldest is { } oldest && now - oldest > o.OutboxStuckAfter))
        {
            signals.Add(new Signal("red", $"{outbox.Stage} outbox: {outbox.Pending:N0} message(s) waiting, the oldest for {Format.Duration(now - outbox.Oldest)}", null));
        }

        return new Overview
        {
            State = signals.Any(s => s.Level == "red") ? "red" : signals.Count > 0 ? "amber" : "green",
            Signals = [.. signals.OrderBy(s => s.Level == "red" ? 0 : 1)],
            Totals = totals,
            Outboxes = outboxes,
            Since = since,
            PerMinute = perMinute,
            Lag = lag,
            LagOverall = lagOverall,
            Queues = queues,
            ErrorMessages = errorMessages,
            Sources = sourceList.GroupBy(s => s.Health, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            BrokerError = brokerError,
        };
    }

    /// <summary>
    /// Fetch → first publication of the papers first published since <paramref name="since"/>, per minute and overall.
    /// The fetch time is the one recorded at first publication (<c>first_fetched_at</c>, else revision 1's); for papers
    /// published before that was recorded, the fetch of the document Parse holds, when it is not later than the first
    /// publication (else the paper is left out: its first fetch is unknown).
    /// </summary>
    private async Task<(List<LagMinute> PerMinute, LagSummary? Overall)> LagAsync(DateTimeOffset since, CancellationToken ct)
    {
        var rows = await db.QueryAsync(
            """
            WITH firsts AS (
                SELECT pub.first_published_at AS published_at, coalesce(pub.first_fetched_at, rev.fetched_at, d.fetched_at) AS fetched_at
                FROM publish.papers pub
                LEFT JOIN publish.revisions rev ON rev.paper_id = pub.paper_id AND rev.revision = 1
                LEFT JOIN parse.papers p ON p.id = pub.paper_id AND pub.first_fetched_at IS NULL AND rev.fetched_at IS NULL
                LEFT JOIN fetcher.documents d ON d.id = p.document_id
                WHERE pub.first_published_at >= $1),
            lags AS (
                SELECT date_trunc('minute', published_at) AS minute, extract(epoch FROM published_at - fetched_at)::float8 AS seconds
                FROM firsts WHERE fetched_at IS NOT NULL AND fetched_at <= published_at)
            SELECT minute, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds), count(*)::int
            FROM lags
            GROUP BY GROUPING SETS ((minute), ())
            ORDER BY minute NULLS LAST
            """,
            // The overall row (minute NULL) exists even without papers: its percentiles are NULL then.
            r => (Minute: r.Opt<DateTimeOffset>(0), Median: Math.Max(0, r.Opt<double>(1) ?? 0), P95: Math.Max(0, r.Opt<double>(2) ?? 0), Papers: r.GetInt32(3)),
            ct,
            since);
        var perMinute = rows.Where(x => x.Minute is not null).Select(x => new LagMinute(x.Minute!.Value, x.Median, x.P95, x.Papers)).ToList();
        var overall = rows.Where(x => x.Minute is null && x.Papers > 0).Select(x => new LagSummary(x.Median, x.P95, x.Papers)).FirstOrDefault();
        return (perMinute, overall);
    }

    private async Task<List<StageMinute>> PerMinuteAsync(DateTimeOffset since, DateTimeOffset end, CancellationToken ct)
    {
        async Task<Dictionary<DateTimeOffset, int>> Counts(string sql) =>
            (await db.QueryAsync(sql, r => (Minute: r.GetFieldValue<DateTimeOffset>(0), Count: r.GetInt32(1)), ct, since))
                .ToDictionary(x => x.Minute, x => x.Count);

        var fetched = await Counts("""
            SELECT date_trunc('minute', d.fetched_at), count(*)::int
            FROM parse.papers p JOIN fetcher.documents d ON d.id = p.document_id WHERE d.fetched_at >= $1 GROUP BY 1
            """);
        var parsed = await Counts("SELECT date_trunc('minute', updated_at), count(*)::int FROM parse.papers WHERE updated_at >= $1 GROUP BY 1");
        var classified = await Counts("SELECT date_trunc('minute', classified_at), count(*)::int FROM classify.enrichments WHERE classified_at >= $1 GROUP BY 1");
        var published = await Counts("SELECT date_trunc('minute', last_published_at), count(*)::int FROM publish.papers WHERE last_published_at >= $1 GROUP BY 1");
        var minutes = new List<StageMinute>();
        for (var m = since; m <= end; m = m.AddMinutes(1))
        {
            minutes.Add(new StageMinute(m, fetched.GetValueOrDefault(m), parsed.GetValueOrDefault(m), classified.GetValueOrDefault(m), published.GetValueOrDefault(m)));
        }

        return minutes;
    }

    private static DateTimeOffset Minute(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, at.UtcDateTime.Minute, 0, TimeSpan.Zero);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Overview without queues: {Error}")]
    private static partial void LogBrokerUnavailable(ILogger logger, string error);
}
