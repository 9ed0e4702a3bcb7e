using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Api.Feeds;

/// <summary>Schema <c>feeds</c>, owned by the API: operators' saved feed queries.</summary>
public sealed class FeedsDbContext(DbContextOptions<FeedsDbContext> options) : DbContext(options)
{
    public const string Schema = "feeds";

    public DbSet<SavedFeedQuery> SavedQueries => Set<SavedFeedQuery>();

    /// <summary>A context outside a host (the CLI, <c>pipeline migrate</c>).</summary>
    public static FeedsDbContext Create(string connectionString)
    {
        var options = new DbContextOptionsBuilder<FeedsDbContext>();
        options.UsePipelineNpgsql(connectionString, Schema);
        return new FeedsDbContext(options.Options);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<SavedFeedQuery>(e =>
        {
            e.ToTable("saved_queries");
            e.HasKey(q => q.Name);
            e.Property(q => q.Name).HasMaxLength(SavedFeedQuery.MaxNameLength);
            e.Property(q => q.Title).HasMaxLength(SavedFeedQuery.MaxTitleLength);
            e.Property(q => q.Topic).HasMaxLength(SavedFeedQuery.MaxFilterLength);
            e.Property(q => q.Model).HasMaxLength(SavedFeedQuery.MaxFilterLength);
            e.Property(q => q.Benchmark).HasMaxLength(SavedFeedQuery.MaxFilterLength);
            e.Property(q => q.Q).HasMaxLength(SavedFeedQuery.MaxQueryLength);
        });
    }
}

/// <summary>A named feed: <c>/feeds/queries/{Name}.atom|.json</c> serves the papers its filter selects.</summary>
public sealed class SavedFeedQuery
{
    public const int MaxNameLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxFilterLength = 200;
    public const int MaxQueryLength = 500;

    /// <summary>Lower-case letters, digits and hyphens; the feed's URL segment.</summary>
    public required string Name { get; set; }

    public required string Title { get; set; }

    public string? Topic { get; set; }

    public string? Model { get; set; }

    public string? Benchmark { get; set; }

    /// <summary>Full-text query, web-search syntax.</summary>
    public string? Q { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public FeedFilter Filter => FeedFilter.Of(Topic, Model, Benchmark, Q);
}

/// <summary>Lets <c>dotnet ef</c> build the model without a host.</summary>
public sealed class FeedsDbContextFactory : IDesignTimeDbContextFactory<FeedsDbContext>
{
    public FeedsDbContext CreateDbContext(string[] args) => FeedsDbContext.Create("Host=localhost");
}
