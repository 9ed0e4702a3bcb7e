using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pipeline.IntegrationTests;

namespace Pipeline.Embed.Tests;

/// <summary>
/// The Embed service plus the four pipeline services, in process, on a fresh database and RabbitMQ vhost; a
/// loopback HF server serves two recorded days (48 papers). Embed starts first so its queue is bound before
/// anything is published. Variants choose the database (with or without the vector extension) and Embed options.
/// </summary>
public abstract class EmbedPipelineFixture : IAsyncLifetime
{
    public static readonly string[] Days = ["2024-06-17", "2025-06-05"];

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("pipeline-embed-host-").FullName;
    private string? _ownDatabase;

    public TestInfrastructure Infrastructure { get; private set; } = null!;

    public LoopbackHfServer HfServer { get; private set; } = null!;

    public WebApplication Embed { get; private set; } = null!;

    public PipelineHosts Hosts { get; private set; } = null!;

    /// <summary>A downstream queue bound to <c>paper.#</c> from before the first publication: every paper event.</summary>
    public PaperEventListener PaperEvents { get; private set; } = null!;

    /// <summary>A downstream queue bound to <c>related.#</c>: the related-list events.</summary>
    public PaperEventListener RelatedEvents { get; private set; } = null!;

    /// <summary>The database every host of this fixture uses.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A database created from template0: no vector extension even where template1 has it.</summary>
    protected virtual bool WithoutVectorExtension => false;

    protected virtual Dictionary<string, string?> EmbedConfiguration() => [];

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await TestInfrastructure.StartAsync();
        HfServer = await LoopbackHfServer.StartAsync();
        PaperEvents = await PaperEventListener.StartAsync(Infrastructure.AmqpUri, "paper.#");
        RelatedEvents = await PaperEventListener.StartAsync(Infrastructure.AmqpUri, "related.#");
        var configuration = Infrastructure.HostConfiguration();
        ConnectionString = Infrastructure.ConnectionString;
        if (WithoutVectorExtension)
        {
            _ownDatabase = $"{Infrastructure.Database}_novec";
            await using (var connection = new NpgsqlConnection(Infrastructure.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_ownDatabase}\" TEMPLATE template0", connection);
                await create.ExecuteNonQueryAsync();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(Infrastructure.ConnectionString) { Database = _ownDatabase }.ConnectionString;
            configuration["ConnectionStrings:Pipeline"] = ConnectionString;
        }

        for (var i = 0; i < Days.Length; i++)
        {
            var source = $"hf-embed-{i}";
            configuration[$"Fetch:Sources:{source}:Kind"] = "hf-daily";
            configuration[$"Fetch:Sources:{source}:BaseUrl"] = HfServer.BaseUrl;
            configuration[$"Fetch:Sources:{source}:Date"] = Days[i];
            configuration[$"Fetch:Sources:{source}:Interval"] = "01:00:00";
        }

        Embed = EmbedApp.Create(["--contentRoot", _contentRoot, "--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Outbox:PollInterval"] = "00:00:00.250",
                ["Embed:PollInterval"] = "00:00:00.500",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Pipeline"] = "Information",
            });
            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Configuration.AddInMemoryCollection(EmbedConfiguration());
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddConsole();
        });
        await Embed.StartAsync();
        Hosts = await PipelineHosts.StartAsync(configuration);
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] args)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await Teardown.RunAllAsync(
            () => Hosts?.DisposeAsync() ?? ValueTask.CompletedTask,
            async () =>
            {
                if (Embed is not null)
                {
                    await Embed.StopAsync();
                    await Embed.DisposeAsync();
                }
            },
            () => HfServer?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => PaperEvents?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => RelatedEvents?.DisposeAsync() ?? ValueTask.CompletedTask,
            async () =>
            {
                if (_ownDatabase is not null)
                {
                    NpgsqlConnection.ClearAllPools();
                    await using var connection = new NpgsqlConnection(Infrastructure.ConnectionString);
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_ownDatabase}\" WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                }
            },
            () => Infrastructure?.DisposeAsync() ?? ValueTask.CompletedTask,
            () =>
            {
                Directory.Delete(_contentRoot, recursive: true);
                return ValueTask.CompletedTask;
            });
    }
}

/// <summary>Database from template1: pgvector mode where deploy/local/pgvector.sh installed the extension there.</summary>
public sealed class PgvectorPipelineFixture : EmbedPipelineFixture;

/// <summary>Database without the vector extension: the migration skips the vec column, the lane falls back to C#.</summary>
public sealed class NoExtensionPipelineFixture : EmbedPipelineFixture
{
    protected override bool WithoutVectorExtension => true;
}

/// <summary>The lane switched off: papers must still be published, and the work is kept for later.</summary>
public sealed class LaneDisabledPipelineFixture : EmbedPipelineFixture
{
    protected override Dictionary<string, string?> EmbedConfiguration() => new() { ["Embed:Enabled"] = "false" };
}
