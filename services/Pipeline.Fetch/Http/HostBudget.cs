using Microsoft.Extensions.Options;
using Npgsql;
using static Pipeline.Persistence.BatchExtensions;

namespace Pipeline.Fetch.Http;

/// <summary>
/// One politeness budget per host, shared by every fetch worker and instance: a token bucket in
/// <c>fetcher.host_budgets</c> taken with one atomic UPDATE, plus a <c>blocked_until</c> set from
/// <c>Retry-After</c>. Nothing of it lives in one process's memory.
/// </summary>
public sealed class HostBudget(NpgsqlDataSource db, IOptions<FetchOptions> options, TimeProvider clock)
{
    private const string TakeSql = """
        WITH cur AS (
            SELECT host, LEAST(capacity, tokens + extract(epoch FROM clock_timestamp() - updated_at) * refill_per_second) AS available,
                   blocked_until, refill_per_second
            FROM fetcher.host_budgets WHERE host = $1 FOR UPDATE)
        UPDATE fetcher.host_budgets b
        SET tokens = CASE WHEN cur.available >= 1 AND (cur.blocked_until IS NULL OR cur.blocked_until <= clock_timestamp()) THEN cur.available - 1 ELSE cur.available END,
            updated_at = clock_timestamp()
        FROM cur WHERE b.host = cur.host
        RETURNING cur.available >= 1 AND (cur.blocked_until IS NULL OR cur.blocked_until <= clock_timestamp()),
                  GREATEST(COALESCE(extract(epoch FROM cur.blocked_until - clock_timestamp()), 0),
                           CASE WHEN cur.available >= 1 THEN 0 ELSE (1 - cur.available) / cur.refill_per_second END)
        """;

    private const string EnsureSql = """
        INSERT INTO fetcher.host_budgets (host, tokens, capacity, refill_per_second, updated_at)
        VALUES ($1, $2, $2, $3, clock_timestamp())
        ON CONFLICT (host) DO UPDATE SET capacity = EXCLUDED.capacity, refill_per_second = EXCLUDED.refill_per_second
        """;

    /// <summary>Waits until the host's budget allows one more request, then takes it.</summary>
    public async Task AcquireAsync(string host, CancellationToken ct)
    {
        var policy = options.Value.PolicyFor(host);
        await using (var ensure = db.CreateCommand(EnsureSql))
        {
            ensure.Parameters.Add(Param(host));
            ensure.Parameters.Add(Param(policy.Capacity));
            ensure.Parameters.Add(Param(policy.RefillPerSecond));
            await ensure.ExecuteNonQueryAsync(ct);
        }

        while (true)
        {
            await using var take = db.CreateCommand(TakeSql);
            take.Parameters.Add(Param(host));
            await using var reader = await take.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (reader.GetBoolean(0))
            {
                return;
            }

            var wait = TimeSpan.FromSeconds(Math.Max(0.01, Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
            await Task.Delay(wait, clock, ct);
        }
    }

    /// <summary>
    /// For one-request-per-interval hosts (capacity 1), the interval runs from the end of the last response, not its
    /// start: a slow answer never lets the next request follow sooner than the interval after it.
    /// </summary>
    public async Task ReleaseAsync(string host, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "UPDATE fetcher.host_budgets SET tokens = LEAST(tokens, 0), updated_at = clock_timestamp() WHERE host = $1 AND capacity <= 1");
        command.Parameters.Add(Param(host));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Blocks the host for everyone until <paramref name="until"/> (a server's Retry-After).</summary>
    public async Task BlockUntilAsync(string host, DateTimeOffset until, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "UPDATE fetcher.host_budgets SET blocked_until = GREATEST(COALESCE(blocked_until, $2), $2) WHERE host = $1");
        command.Parameters.Add(Param(host));
        command.Parameters.Add(Param(until.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Requests the host's budget allows right now (for status pages).</summary>
    public async Task<double?> AvailableAsync(string host, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT LEAST(capacity, tokens + extract(epoch FROM clock_timestamp() - updated_at) * refill_per_second) FROM fetcher.host_budgets WHERE host = $1");
        command.Parameters.Add(Param(host));
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
