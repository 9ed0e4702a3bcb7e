using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline search QUERY [--topic] [--model] [--benchmark] [--source] [--has-code] [--limit] [--json]</c>:
/// full-text search over the published papers (title and abstract, PostgreSQL <c>websearch_to_tsquery</c>, ranked).
/// </summary>
public static class SearchCommand
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Words, \"quoted phrases\", or, -excluded (web-search syntax)" };
        var topic = new Option<string?>("--topic") { Description = "Only papers with this topic id" };
        var model = new Option<string?>("--model") { Description = "Only papers naming this base model family (e.g. llama)" };
        var benchmark = new Option<string?>("--benchmark") { Description = "Only papers naming this benchmark" };
        var source = new Option<string?>("--source") { Description = "Only papers supplied by this source" };
        var hasCode = new Option<bool>("--has-code") { Description = "Only papers with a code link" };
        var limit = new Option<int>("--limit") { Description = "Most results shown", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("search", "Full-text search over published papers, most relevant first.") { query, topic, model, benchmark, source, hasCode, limit, json };
        command.SetAction(async (parse, ct) =>
        {
            var sql = new StringBuilder("""
                SELECT paper_id, title, topics, COALESCE(arxiv_published_at, listed_at), has_code,
                       ts_rank(search, websearch_to_tsquery('english', $1))::float8 AS rank, count(*) OVER ()
                FROM publish.papers WHERE search @@ websearch_to_tsquery('english', $1)
                """);
            var args = new List<object> { parse.GetValue(query)! };
            foreach (var (column, value) in new[] { ("topics", parse.GetValue(topic)), ("base_models", parse.GetValue(model)), ("benchmarks", parse.GetValue(benchmark)), ("source_ids", parse.GetValue(source)) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    args.Add(value.Trim());
                    sql.Append(CultureInfo.InvariantCulture, $" AND {column} @> ARRAY[${args.Count}]::text[]");
                }
            }

            if (parse.GetValue(hasCode))
            {
                sql.Append(" AND has_code");
            }

            args.Add(Math.Clamp(parse.GetValue(limit), 1, 1000));
            sql.Append(CultureInfo.InvariantCulture, $" ORDER BY rank DESC, paper_id LIMIT ${args.Count}");

            await using var db = NpgsqlDataSource.Create(CliDatabase.ConnectionString);
            await using var command = db.CreateCommand(sql.ToString());
            foreach (var arg in args)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = arg });
            }

            var results = new List<Result>();
            long total = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    results.Add(new Result(
                        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), Math.Round(reader.GetDouble(5), 4)));
                    total = reader.GetInt64(6);
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { items = results, total }, Web));
                return 0;
            }

            if (results.Count == 0)
            {
                Console.WriteLine("No paper matches.");
                return 0;
            }

            Console.WriteLine($"{"rank",6}  {"paper",-16} {"date",-10} {"code",-4}  {"title",-70} topics");
            foreach (var r in results)
            {
                var title = r.Title.Length > 70 ? r.Title[..69] + "…" : r.Title;
                Console.WriteLine($"{r.Rank,6:0.000}  {r.PaperId,-16} {r.Date?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",-10} {(r.HasCode ? "yes" : ""),-4}  {title,-70} {string.Join(",", r.Topics)}");
            }

            Console.WriteLine($"{results.Count} of {total} match(es).");
            return 0;
        });
        return command;
    }

    private sealed record Result(string PaperId, string Title, string[] Topics, DateTimeOffset? Date, bool HasCode, double Rank);
}
