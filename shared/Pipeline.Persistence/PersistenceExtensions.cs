using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Pipeline.Persistence;

public static class PersistenceExtensions
{
    public const string ActivitySourceName = "Pipeline";

    /// <summary>Name of the one connection string every service reads (each service owns a schema in it).</summary>
    public const string ConnectionStringName = "Pipeline";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on PostgreSQL with snake_case names, its migrations history in its
    /// own schema, a start-up migration step (when <c>Database:MigrateOnStart</c> is not false), an outbox relay
    /// and a readiness check.
    /// </summary>
    public static IServiceCollection AddPipelineDbContext<TContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : DbContext, IOutboxContext
    {
        var connectionString = configuration.GetRequiredConnectionString(ConnectionStringName);
        services.AddDbContext<TContext>(o => o.UsePipelineNpgsql(connectionString, schema));
        if (configuration.GetValue("Database:MigrateOnStart", true))
        {
            services.AddHostedService<MigrationHostedService<TContext>>();
        }

        services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddHealthChecks().AddDbContextCheck<TContext>(typeof(TContext).Name, tags: ["ready"]);
        return services;
    }

    public static DbContextOptionsBuilder UsePipelineNpgsql(this DbContextOptionsBuilder options, string connectionString, string schema) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention();

    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Connection string '{name}' is not configured (set ConnectionStrings__{name}).");

    /// <summary>True when the exception is a PostgreSQL unique-key violation.</summary>
    public static bool IsUniqueViolation(this Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
