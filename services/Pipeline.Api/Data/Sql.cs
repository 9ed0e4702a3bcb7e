using Npgsql;

namespace Pipeline.Api.Data;

/// <summary>Small helpers over Npgsql: positional parameters (<c>$1</c>…) and nullable reads.</summary>
internal static class Sql
{
    public static async Task<List<T>> QueryAsync<T>(this NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct, params object?[] args)
    {
        await using var command = Command(db, sql, args);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task<T?> ScalarAsync<T>(this NpgsqlDataSource db, string sql, CancellationToken ct, params object?[] args)
    {
        await using var command = Command(db, sql, args);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource db, string sql, CancellationToken ct, params object?[] args)
    {
        await using var command = Command(db, sql, args);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Command(NpgsqlDataSource db, string sql, object?[] args)
    {
        var command = db.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg as NpgsqlParameter ?? new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return command;
    }

    public static T? Opt<T>(this NpgsqlDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static string? OptString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string[] Strings(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);
}
