using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Pipeline.Persistence;

public static class BatchExtensions
{
    /// <summary>
    /// Runs <paramref name="commands"/> in one round trip on the context's connection and current transaction,
    /// reading every row the commands return (e.g. <c>RETURNING</c> of upserts that changed something).
    /// </summary>
    public static async Task<List<T>> ExecuteBatchAsync<T>(this DbContext db, IEnumerable<NpgsqlBatchCommand> commands, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        var results = new List<T>();
        if (batch.BatchCommands.Count == 0)
        {
            return results;
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
            {
                results.Add(read(reader));
            }
        }
        while (await reader.NextResultAsync(ct));
        return results;
    }

    /// <summary>A typed parameter (null becomes SQL NULL).</summary>
    public static NpgsqlParameter<T> Param<T>(T value) => new() { TypedValue = value };

    /// <summary>A jsonb parameter from already-serialized JSON.</summary>
    public static NpgsqlParameter Jsonb(string json) => new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb, Value = json };

    public static NpgsqlBatchCommand WithParameters(this NpgsqlBatchCommand command, params NpgsqlParameter[] parameters)
    {
        command.Parameters.AddRange(parameters);
        return command;
    }
}
