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
    // One statement: lock the host's row, see what the bucket holds now, and take a token if there is one and the
    // host is neither blocked (Retry-After) nor, for one-at-a-time hosts (capacity 1), busy with a request still in
    // flight. Returns whether a token was taken and how long to wait otherwise.
    private const string TakeSql = """
        WITH cur AS (
            SELECT host, capacity, refill_per_second, blocked_until, busy_until,
                   LEAST(capacity, tokens + extract(epoch FROM clock_timestamp() - updated_at) * refill_per_second) AS available
            FROM fetcher.host_budgets WHERE host = $1 FOR UPDATE),
        verdict AS (
            SELECT cur.*,
                   cur.available >= 1
                   AND (cur.blocked_until IS NULL OR cur.blocked_until <= clock_timestamp())
                   AND (cur.capacity > 1 OR cur.busy_until IS NULL OR cur.busy_until <= clock_timestamp()) AS ok
            FROM cur)
        UPDATE fetcher.host_budgets b
        SET tokens = CASE WHEN v.ok THEN v.available - 1 ELSE v.available END,
            updated_at = clock_timestamp(),
            busy_until = CASE WHEN v.ok AND v.capacity <= 1 THEN clock_timestamp() + interval '5 minutes' ELSE b.busy_until END
        FROM verdict v WHERE b.host = v.host
        RETURNING v.ok,
                  GREATEST(COALESCE(extract(epoch FROM v.blocked_until - clock_timestamp()), 0),
                           CASE WHEN v.available >= 1 THEN 0 ELSE (1 - v.available) / v.refill_per_second END,
                           CASE WHEN v.capacity <= 1 AND v.busy_until > clock_timestamp() THEN 0.1 ELSE 0 END)
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
    /// For one-request-at-a-time hosts (capacity 1): the request is over, and the interval runs from now, the end of
    /// its response. No request to the host starts while another is in flight (up to a 5-minute safety lease), so
    /// however slow a send or an answer, requests arrive at least the interval apart.
    /// </summary>
    public async Task ReleaseAsync(string host, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "UPDATE fetcher.host_budgets SET tokens = LEAST(tokens, 0), updated_at = clock_timestamp(), busy_until = NULL WHERE host = $1 AND capacity <= 1");
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
