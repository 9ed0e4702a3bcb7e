using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Classify.Persistence;

/// <summary>Schema <c>classify</c>: one enrichment per paper.</summary>
public sealed class ClassifyDbContext(DbContextOptions<ClassifyDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "classify";

    public DbSet<PaperEnrichmentRow> Enrichments => Set<PaperEnrichmentRow>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<PaperEnrichmentRow>(e =>
        {
            e.ToTable("enrichments");
            e.HasKey(p => p.PaperId);
            e.Property(p => p.PaperId).HasMaxLength(64);
            e.Property(p => p.Topics).HasColumnType("jsonb");
            e.Property(p => p.CodeUrls).HasColumnType("jsonb");
            e.Property(p => p.HuggingFaceUrls).HasColumnType("jsonb");
            e.Property(p => p.Enrichment).HasColumnType("jsonb");
            e.Property(p => p.EnrichmentHash).HasMaxLength(64);
            e.HasIndex(p => p.ClassifiedAt);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class PaperEnrichmentRow
{
    public required string PaperId { get; set; }

    public required string EnrichmentVersion { get; set; }

    /// <summary>Content hash of the paper record that was classified.</summary>
    public required string PaperHash { get; set; }

    /// <summary>Topic assignments with scores and evidence, as JSON.</summary>
    public required string Topics { get; set; }

    public required string CodeUrls { get; set; }

    public required string HuggingFaceUrls { get; set; }

    /// <summary>The whole enrichment (models, benchmarks, scores, languages, sizes, …) as JSON.</summary>
    public string Enrichment { get; set; } = "{}";

    /// <summary>Hash of paper hash + enrichment: a different value is a material change.</summary>
    public required string EnrichmentHash { get; set; }

    public DateTimeOffset ClassifiedAt { get; set; }

    public string? TraceId { get; set; }

    /// <summary>Parse's change sequence of the paper record this enrichment was made from.</summary>
    public long PaperSequence { get; set; }
}

public sealed class ClassifyDbContextFactory : IDesignTimeDbContextFactory<ClassifyDbContext>
{
    public ClassifyDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ClassifyDbContext>();
        options.UsePipelineNpgsql("Host=localhost", ClassifyDbContext.Schema);
        return new ClassifyDbContext(options.Options);
    }
}
