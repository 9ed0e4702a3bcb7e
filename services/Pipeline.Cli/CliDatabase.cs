using Microsoft.EntityFrameworkCore;
using Pipeline.Classify.Persistence;
using Pipeline.Deliver.Persistence;
using Pipeline.Fetch.Persistence;
using Pipeline.Parse.Persistence;
using Pipeline.Persistence;
using Pipeline.Publish.Persistence;

namespace Pipeline.Cli;

/// <summary>The database the CLI works on and the services' contexts over it.</summary>
public static class CliDatabase
{
    /// <summary>The local default of deploy/local/up.sh; override with ConnectionStrings__Pipeline.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=5432;Database=pipeline;Username=pipeline;Password=pipeline";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Pipeline") is { Length: > 0 } value ? value : LocalDefault;

    public static FetchDbContext Fetch() => new(Options<FetchDbContext>(FetchDbContext.Schema));

    public static ParseDbContext Parse() => new(Options<ParseDbContext>(ParseDbContext.Schema));

    public static ClassifyDbContext Classify() => new(Options<ClassifyDbContext>(ClassifyDbContext.Schema));

    public static PublishDbContext Publish() => new(Options<PublishDbContext>(PublishDbContext.Schema));

    public static DeliverDbContext Deliver() => new(Options<DeliverDbContext>(DeliverDbContext.Schema));

    private static DbContextOptions<T> Options<T>(string schema)
        where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        options.UsePipelineNpgsql(ConnectionString, schema);
        return options.Options;
    }
}
