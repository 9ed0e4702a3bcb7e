using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Publish.Persistence;

/// <summary>Schema <c>publish</c>: the enriched paper records downstream readers use.</summary>
public sealed class PublishDbContext(DbContextOptions<PublishDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "publish";

    public DbSet<PublishedPaper> Papers => Set<PublishedPaper>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<PublishedPaper>(e =>
        {
            e.ToTable("papers");
            e.HasKey(p => p.PaperId);
            e.Property(p => p.PaperId).HasMaxLength(64);
            e.Property(p => p.ContentHash).HasMaxLength(64);
            e.Property(p => p.Record).HasColumnType("jsonb");
            e.HasIndex(p => p.LastPublishedAt);
            e.HasIndex(p => p.Topics).HasMethod("gin");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>One enriched paper as last published. <see cref="Record"/> is the <c>PaperPublished</c> event body.</summary>
public sealed class PublishedPaper
{
    public required string PaperId { get; set; }

    /// <summary>1 at first publication, +1 per material change.</summary>
    public int Revision { get; set; }

    public required string ContentHash { get; set; }

    public required string Title { get; set; }

    public required string[] Topics { get; set; }

    public bool HasCode { get; set; }

    public DateTimeOffset? ArxivPublishedAt { get; set; }

    public DateTimeOffset? ListedAt { get; set; }

    public required string Record { get; set; }

    public DateTimeOffset FirstPublishedAt { get; set; }

    public DateTimeOffset LastPublishedAt { get; set; }

    /// <summary>Trace that carried the paper from fetch to publish.</summary>
    public string? TraceId { get; set; }
}

public sealed class PublishDbContextFactory : IDesignTimeDbContextFactory<PublishDbContext>
{
    public PublishDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PublishDbContext>();
        options.UsePipelineNpgsql("Host=localhost", PublishDbContext.Schema);
        return new PublishDbContext(options.Options);
    }
}
