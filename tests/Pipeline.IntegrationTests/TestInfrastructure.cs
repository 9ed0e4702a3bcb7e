using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Pipeline.IntegrationTests;

/// <summary>
/// A real PostgreSQL and RabbitMQ for one test fixture: a fresh database and a fresh RabbitMQ vhost, dropped at
/// the end. Addresses come from <c>PIPELINE_TEST_POSTGRES</c>, <c>PIPELINE_TEST_RABBITMQ</c> and
/// <c>PIPELINE_TEST_RABBITMQ_MANAGEMENT</c> (set by deploy/local/test.sh); without them, Testcontainers starts
/// both where a Docker engine is reachable; with neither, the fixture fails and says what to set.
/// </summary>
public sealed class TestInfrastructure : IAsyncDisposable
{
    private PostgreSqlContainer? _postgresContainer;
    private RabbitMqContainer? _rabbitContainer;
    private string _adminConnectionString = "";
    private Uri _managementUri = null!;
    private string _rabbitUser = "";
    private string _rabbitPass = "";

    public string Database { get; } = $"pipeline_test_{Guid.NewGuid():N}"[..28];

    public string VirtualHost { get; } = $"pipeline-test-{Guid.NewGuid():N}"[..24];

    public string ConnectionString { get; private set; } = "";

    public string RabbitHost { get; private set; } = "";

    public int RabbitPort { get; private set; }

    public Uri AmqpUri => new($"amqp://{Uri.EscapeDataString(_rabbitUser)}:{Uri.EscapeDataString(_rabbitPass)}@{RabbitHost}:{RabbitPort}/{Uri.EscapeDataString(VirtualHost)}");

    /// <summary>Configuration every pipeline host of this fixture gets.</summary>
    public Dictionary<string, string?> HostConfiguration() => new()
    {
        ["ConnectionStrings:Pipeline"] = ConnectionString,
        ["RabbitMq:Host"] = RabbitHost,
        ["RabbitMq:Port"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RabbitMq:VHost"] = VirtualHost,
        ["RabbitMq:User"] = _rabbitUser,
        ["RabbitMq:Pass"] = _rabbitPass,
    };

    public static async Task<TestInfrastructure> StartAsync()
    {
        var infra = new TestInfrastructure();
        await infra.InitializeAsync();
        return infra;
    }

    private async Task InitializeAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("PIPELINE_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("PIPELINE_TEST_RABBITMQ_MANAGEMENT");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit) || string.IsNullOrWhiteSpace(management))
        {
            (postgres, rabbit, management) = await StartContainersAsync();
        }

        _adminConnectionString = postgres;
        var amqp = new Uri(rabbit);
        RabbitHost = amqp.Host;
        RabbitPort = amqp.Port > 0 ? amqp.Port : 5672;
        var userInfo = amqp.UserInfo.Split(':', 2);
        _rabbitUser = Uri.UnescapeDataString(userInfo[0]);
        _rabbitPass = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        _managementUri = new Uri(management.TrimEnd('/') + "/");

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Database, Pooling = true }.ConnectionString;

        using var http = ManagementClient();
        (await http.PutAsync($"api/vhosts/{Uri.EscapeDataString(VirtualHost)}", Json("{}"))).EnsureSuccessStatusCode();
        (await http.PutAsync(
            $"api/permissions/{Uri.EscapeDataString(VirtualHost)}/{Uri.EscapeDataString(_rabbitUser)}",
            Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    private async Task<(string, string, string)> StartContainersAsync()
    {
        try
        {
            var pg = _postgresContainer = new PostgreSqlBuilder("postgres:16").Build();
            var mq = _rabbitContainer = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true).Build();
            await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
            return (pg.GetConnectionString(), mq.GetConnectionString(), $"http://{mq.Hostname}:{mq.GetMappedPublicPort(15672)}");
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "Integration tests need a real PostgreSQL and RabbitMQ. Set PIPELINE_TEST_POSTGRES (an Npgsql connection string of a role that may CREATE DATABASE), "
                + "PIPELINE_TEST_RABBITMQ (amqp://user:pass@host:5672/) and PIPELINE_TEST_RABBITMQ_MANAGEMENT (http://host:15672, an administrator user) — "
                + "deploy/local/test.sh starts both and sets them — or make a Docker engine reachable for Testcontainers. "
                + $"Testcontainers said: {ex.Message}", ex);
        }
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

    public async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var http = ManagementClient();
            await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(VirtualHost)}");
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            if (_postgresContainer is not null)
            {
                await _postgresContainer.DisposeAsync();
            }

            if (_rabbitContainer is not null)
            {
                await _rabbitContainer.DisposeAsync();
            }
        }
    }

    private HttpClient ManagementClient()
    {
        var http = new HttpClient { BaseAddress = _managementUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_rabbitUser}:{_rabbitPass}")));
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
