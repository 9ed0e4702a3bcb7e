using System.CommandLine;
using System.Text.Json;
using Pipeline.Cli;
using Pipeline.IntegrationTests;

namespace Pipeline.Api.Tests;

/// <summary><c>pipeline errors list|replay</c>, <c>pipeline search</c> and <c>pipeline status</c> against the ingested pipeline.</summary>
[Collection(ApiTestGroup.Name)]
[TestCaseOrderer(typeof(DeclarationOrderer))]
public sealed class CliTests(ApiFixture api)
{
    private static readonly SemaphoreSlim ConsoleLock = new(1, 1);

    /// <summary>Runs a verb as <c>pipeline …</c> would, with the fixture's database and broker in the environment.</summary>
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var config = api.Infrastructure.HostConfiguration();
        Environment.SetEnvironmentVariable("ConnectionStrings__Pipeline", config["ConnectionStrings:Pipeline"]);
        foreach (var key in new[] { "Host", "Port", "VHost", "User", "Pass" })
        {
            Environment.SetEnvironmentVariable($"RabbitMq__{key}", config[$"RabbitMq:{key}"]);
        }

        Environment.SetEnvironmentVariable("Api__ManagementUrl", Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } m ? m : "http://127.0.0.1:15672");
        var root = new RootCommand("test") { ErrorsCommand.Create(), EvalCommand.Create(), SearchCommand.Create(), StatusCommand.Create(), TrainTopicsCommand.Create() };
        await ConsoleLock.WaitAsync(TestContext.Current.CancellationToken);
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await root.Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            ConsoleLock.Release();
        }
    }

    [Fact, TestPriority(1)]
    public async Task Search_finds_a_paper_by_a_word_of_its_abstract_as_json_and_as_a_table()
    {
        var (id, word) = await ApiTests.AbstractWordAsync(api);
        var (exit, output, _) = await RunAsync("search", word, "--json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Contains(id, json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("paperId").GetString()));
        Assert.True(json.GetProperty("total").GetInt64() >= 1);

        var (tableExit, table, _) = await RunAsync("search", word, "--source", ApiFixture.HfSourceId);
        Assert.Equal(0, tableExit);
        Assert.Contains(id, table, StringComparison.Ordinal);
        Assert.Contains("match(es)", table, StringComparison.Ordinal);

        var (_, none, _) = await RunAsync("search", "zyxwvutsrq");
        Assert.Contains("No paper matches", none, StringComparison.Ordinal);
    }

    [Fact, TestPriority(2)]
    public async Task Errors_list_shows_the_rejected_document_and_replay_parses_it_again()
    {
        var documentId = await api.Infrastructure.ScalarAsync<Guid>("SELECT document_id FROM parse.rejected_documents WHERE source_id = $1", ApiFixture.DropSourceId);
        var (exit, output, _) = await RunAsync("errors", "list", "--json");
        Assert.Equal(0, exit);
        var items = JsonDocument.Parse(output).RootElement.GetProperty("items").EnumerateArray().ToList();
        var document = Assert.Single(items, i => i.GetProperty("id").GetString() == $"document:{documentId}");
        Assert.Contains("Python repr() strings", document.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var (_, table, _) = await RunAsync("errors", "list");
        Assert.Contains($"document:{documentId}", table, StringComparison.Ordinal);

        var before = await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE $1", $"{documentId}:reparse:%");
        var (replayExit, replayed, _) = await RunAsync("errors", "replay", $"document:{documentId}");
        Assert.Equal(0, replayExit);
        Assert.Contains("1 document(s) queued", replayed, StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () => await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM parse.inbox_records WHERE message_key LIKE $1", $"{documentId}:reparse:%") == before + 1,
            TimeSpan.FromSeconds(60), "the document to be parsed again");

        Assert.Equal(2, (await RunAsync("errors", "replay")).Exit);
        Assert.Equal(2, (await RunAsync("errors", "replay", "nonsense")).Exit);
        Assert.Equal(2, (await RunAsync("errors", "replay", $"document:{Guid.NewGuid()}")).Exit);
    }

    [Fact, TestPriority(3)]
    public async Task Status_shows_counts_queues_with_consumers_source_health_and_a_state()
    {
        // RabbitMQ's management API refreshes queue statistics (consumer counts) every few seconds: ask until the
        // consumers bound at start-up show, for at most 30 s.
        JsonElement json = default;
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (exit, output, _) = await RunAsync("status", "--json");
            Assert.Equal(0, exit);
            json = JsonDocument.Parse(output).RootElement;
            if (json.GetProperty("queues").EnumerateArray().Any(q => q.GetProperty("name").GetString() == "document-fetched" && q.GetProperty("consumers").GetInt32() >= 1))
            {
                break;
            }

            await Task.Delay(1000, TestContext.Current.CancellationToken);
        }

        Assert.NotEqual("green", json.GetProperty("state").GetString()); // a rejected document waits
        Assert.Equal(
            await api.Infrastructure.ScalarAsync<long>("SELECT count(*) FROM publish.papers"),
            json.GetProperty("stages").GetProperty("publish").GetProperty("papers published").GetInt64());
        Assert.Contains(json.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == "document-fetched" && q.GetProperty("consumers").GetInt32() >= 1);
        Assert.Contains(json.GetProperty("sources").EnumerateArray(), s => s.GetProperty("id").GetString() == ApiFixture.HfSourceId && s.GetProperty("health").GetString() == "ok");

        var (_, table, _) = await RunAsync("status");
        Assert.StartsWith("pipeline: ", table, StringComparison.Ordinal);
        Assert.Contains("document-fetched", table, StringComparison.Ordinal);
    }

    [Fact, TestPriority(4)]
    public async Task Train_topics_refuses_a_negative_or_non_finite_class_weight_power()
    {
        foreach (var power in new[] { "-1", "NaN" })
        {
            var (exit, _, err) = await RunAsync("train-topics", "--positive-weight-power", power, "--cv-only");
            Assert.Equal(2, exit);
            Assert.Contains("--positive-weight-power must be a finite number >= 0", err, StringComparison.Ordinal);
        }
    }

    [Fact, TestPriority(5)]
    public async Task Eval_classifies_with_a_given_weights_file_and_refuses_one_it_cannot_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"topic-model-{Guid.NewGuid():N}.json");
        try
        {
            using (var resource = typeof(Pipeline.Classification.TopicClassifier).Assembly.GetManifestResourceStream("Pipeline.Classification.topic-model.json")!)
            using (var file = File.Create(path))
            {
                resource.CopyTo(file);
            }

            var version = new Pipeline.Classification.TopicClassifier(Pipeline.Classification.Taxonomy.LoadDefault()).Version;
            var (exit, output, _) = await RunAsync("eval", "--split", "train", "--model", path);
            Assert.Equal(0, exit);
            Assert.Contains($"({version}): 180 papers", output, StringComparison.Ordinal);

            File.WriteAllText(path, "{ not json");
            var (badExit, _, err) = await RunAsync("eval", "--split", "train", "--model", path);
            Assert.Equal(2, badExit);
            Assert.Contains("--model: Topic model JSON is malformed", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
