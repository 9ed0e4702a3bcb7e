using System.Text.Json;
using Npgsql;
using Pipeline.Fetch;
using Pipeline.Fetch.Sources;

namespace Pipeline.Api.Data;

/// <summary>A host's shared politeness budget right now.</summary>
public sealed record HostBudgetView(string Host, double Available, double Capacity, double RefillPerSecond, DateTimeOffset? BlockedUntil);

public sealed record SourceView
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    /// <summary><c>ok</c>, <c>paused</c>, <c>disabled</c>, <c>failing</c>, <c>stale</c> or <c>neverpolled</c>.</summary>
    public required string Health { get; init; }

    /// <summary><c>green</c>, <c>amber</c> or <c>red</c>.</summary>
    public required string State { get; init; }

    public required bool Enabled { get; init; }

    public required bool Paused { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastChangeAt { get; init; }

    /// <summary>Time since the content last changed (or since the last success when it never changed).</summary>
    public TimeSpan? Unchanged { get; init; }

    public TimeSpan? ExpectedUpdate { get; init; }

    public required bool Stale { get; init; }

    public required int ConsecutiveFailures { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset NextDueAt { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public required TimeSpan Interval { get; init; }

    public string? Host { get; init; }

    /// <summary>Politeness budget left on the source's host (null when it has none yet, e.g. a folder).</summary>
    public HostBudgetView? Budget { get; init; }

    public required long Documents { get; init; }

    public required long Papers { get; init; }

    public required long Rejected { get; init; }
}

/// <summary><c>fetcher.sources</c> with health (the Fetch service's own rules), budgets and counts; pause/resume/run.</summary>
public sealed class SourceQueries(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<List<SourceView>> ListAsync(CancellationToken ct)
    {
        var budgets = (await db.QueryAsync(
            """
            SELECT host, LEAST(capacity, tokens + extract(epoch FROM clock_timestamp() - updated_at) * refill_per_second)::float8,
                   capacity, refill_per_second, blocked_until
            FROM fetcher.host_budgets
            """,
            r => new HostBudgetView(r.GetString(0), Math.Round(r.GetDouble(1), 1), r.GetDouble(2), r.GetDouble(3), r.Opt<DateTimeOffset>(4)),
            ct)).ToDictionary(b => b.Host, StringComparer.OrdinalIgnoreCase);
        var now = clock.GetUtcNow();
        return await db.QueryAsync(
            """
            SELECT s.id, s.kind, s.definition::text, s.enabled, s.paused, s.consecutive_failures, s.last_attempt_at, s.last_success_at,
                   s.last_change_at, s.next_due_at, s.lease_until, s.last_error,
                   (SELECT count(*) FROM fetcher.documents d WHERE d.source_id = s.id),
                   (SELECT count(*) FROM parse.papers p WHERE p.source_id = s.id),
                   (SELECT count(*) FROM parse.rejected_documents r WHERE r.source_id = s.id)
            FROM fetcher.sources s ORDER BY s.id
            """,
            r =>
            {
                var definition = Definition(r.GetString(2));
                var (enabled, paused, failures) = (r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5));
                var (lastSuccess, lastChange) = (r.Opt<DateTimeOffset>(7), r.Opt<DateTimeOffset>(8));
                var health = SourceStatus.Health(enabled, paused, failures, lastSuccess, lastChange, definition, now);
                var host = HostOf(definition);
                return new SourceView
                {
                    Id = r.GetString(0),
                    Kind = r.GetString(1),
                    Health = health.ToString().ToLowerInvariant(),
                    State = health switch
                    {
                        SourceHealth.Failing => "red",
                        SourceHealth.Stale => "amber",
                        _ when failures > 0 => "amber",
                        _ => "green",
                    },
                    Enabled = enabled,
                    Paused = paused,
                    LastAttemptAt = r.Opt<DateTimeOffset>(6),
                    LastSuccessAt = lastSuccess,
                    LastChangeAt = lastChange,
                    Unchanged = (lastChange ?? lastSuccess) is { } since ? TimeSpan.FromMinutes(Math.Floor((now - since).TotalMinutes)) : null,
                    ExpectedUpdate = definition.ExpectedUpdate,
                    Stale = health == SourceHealth.Stale,
                    ConsecutiveFailures = failures,
                    NextDueAt = r.GetFieldValue<DateTimeOffset>(9),
                    LeaseUntil = r.Opt<DateTimeOffset>(10),
                    LastError = r.OptString(11),
                    Interval = definition.Interval,
                    Host = host,
                    Budget = host is not null && budgets.TryGetValue(host, out var budget) ? budget : null,
                    Documents = r.GetInt64(12),
                    Papers = r.GetInt64(13),
                    Rejected = r.GetInt64(14),
                };
            },
            ct);
    }

    /// <summary>Sets the operator's flags the running Fetch instances read on their next tick; false when there is no such source.</summary>
    public async Task<bool> ApplyAsync(string id, SourceAction action, CancellationToken ct)
    {
        var set = action switch
        {
            SourceAction.Pause => "paused = true",
            SourceAction.Resume => "paused = false, next_due_at = now()",
            SourceAction.Run => "next_due_at = now()",
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        return await db.ExecuteAsync($"UPDATE fetcher.sources SET {set} WHERE id = $1", ct, id) > 0;
    }

    private static SourceOptions Definition(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SourceOptions>(json) ?? new SourceOptions();
        }
        catch (JsonException)
        {
            return new SourceOptions();
        }
    }

    /// <summary>The host whose budget the source spends (each kind's public default when no URL is configured).</summary>
    public static string? HostOf(SourceOptions source)
    {
        if (Uri.TryCreate(source.BaseUrl ?? source.Url, UriKind.Absolute, out var uri))
        {
            return uri.Host;
        }

        return source.Kind switch
        {
            SourceKinds.HfDaily or SourceKinds.HfSearch or SourceKinds.HfHtml => "huggingface.co",
            SourceKinds.ArxivApi => "export.arxiv.org",
            SourceKinds.ArxivRss => "rss.arxiv.org",
            SourceKinds.OaiPmh => "oaipmh.arxiv.org",
            _ => null,
        };
    }
}

public enum SourceAction
{
    Pause,
    Resume,
    Run,
}
