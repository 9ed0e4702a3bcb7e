using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Contracts;
using Pipeline.Persistence;

namespace Pipeline.Publish.Persistence;

/// <summary>Schema <c>publish</c>: the enriched paper records downstream readers use.</summary>
public sealed class PublishDbContext(DbContextOptions<PublishDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "publish";

    public DbSet<PublishedPaper> Papers => Set<PublishedPaper>();

    public DbSet<PublishedRelated> Related => Set<PublishedRelated>();

    public DbSet<PublishedRevision> Revisions => Set<PublishedRevision>();

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
            e.Property(p => p.MaterialHash).HasMaxLength(64).HasDefaultValue("");
            e.Property(p => p.Kind).HasMaxLength(16).HasDefaultValue(PaperEvents.Published);
            e.Property(p => p.Record).HasColumnType("jsonb");
            e.HasIndex(p => p.LastPublishedAt);
            e.HasIndex(p => p.FirstPublishedAt);
            e.HasIndex(p => p.Topics).HasMethod("gin");
            e.HasIndex(p => p.BaseModels).HasMethod("gin");
            e.HasIndex(p => p.Benchmarks).HasMethod("gin");
            e.Property(p => p.Authors).HasColumnType("jsonb");
            e.Property(p => p.ParseSequence).HasDefaultValue(0L);
            // Full-text search over title and abstract, kept by PostgreSQL itself.
            e.HasGeneratedTsVectorColumn(p => p.Search, "english", p => new { p.Title, p.Abstract })
                .HasIndex(p => p.Search)
                .HasMethod("GIN");
        });
        modelBuilder.Entity<PublishedRelated>(e =>
        {
            e.ToTable("related");
            e.HasKey(r => r.PaperId);
            e.Property(r => r.PaperId).HasMaxLength(64);
            e.Property(r => r.Related).HasColumnType("jsonb");
            e.Property(r => r.Model).HasMaxLength(200);
        });
        modelBuilder.Entity<PublishedRevision>(e =>
        {
            e.ToTable("revisions");
            e.HasKey(r => new { r.PaperId, r.Revision });
            e.Property(r => r.PaperId).HasMaxLength(64);
            e.Property(r => r.Kind).HasMaxLength(16);
            e.HasIndex(r => r.PublishedAt);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>One enriched paper as last published. <see cref="Record"/> is the last event's body (camelCase), kept
/// fresh with non-material fields too.</summary>
public sealed class PublishedPaper
{
    public required string PaperId { get; set; }

    /// <summary>1 at first publication, +1 per material change.</summary>
    public int Revision { get; set; }

    public required string ContentHash { get; set; }

    /// <summary>Hash of the material fields (see <c>MaterialChanges</c>) of the stored record.</summary>
    public string MaterialHash { get; set; } = "";

    /// <summary>Kind of the last event: <c>published</c>, <c>updated</c> or <c>withdrawn</c>.</summary>
    public string Kind { get; set; } = PaperEvents.Published;

    public required string Title { get; set; }

    public string Abstract { get; set; } = "";

    /// <summary>JSON array of author names.</summary>
    public string Authors { get; set; } = "[]";

    public required string[] Topics { get; set; }

    /// <summary>Normalized families of the base models the paper names (e.g. <c>llama</c>).</summary>
    public string[] BaseModels { get; set; } = [];

    /// <summary>Canonical names of the benchmarks the paper names.</summary>
    public string[] Benchmarks { get; set; } = [];

    /// <summary>Sources that supplied the paper.</summary>
    public string[] SourceIds { get; set; } = [];

    /// <summary>Generated: <c>to_tsvector('english', title || ' ' || abstract)</c>.</summary>
    public NpgsqlTypes.NpgsqlTsVector Search { get; set; } = null!;

    public bool HasCode { get; set; }

    public DateTimeOffset? ArxivPublishedAt { get; set; }

    public DateTimeOffset? ListedAt { get; set; }

    public required string Record { get; set; }

    public DateTimeOffset FirstPublishedAt { get; set; }

    public DateTimeOffset LastPublishedAt { get; set; }

    /// <summary>Trace that carried the paper from fetch to publish.</summary>
    public string? TraceId { get; set; }

    /// <summary>Parse's change counter of the stored record (<c>PaperRecord.Sequence</c>): a classified paper with a
    /// lower one is late and changes nothing. 0 when Parse did not number the change.</summary>
    public long ParseSequence { get; set; }

    /// <summary>When the document that brought the paper's first publication was fetched (null: unknown, e.g. published
    /// before this was recorded). First publication minus this is the paper's end-to-end lag.</summary>
    public DateTimeOffset? FirstFetchedAt { get; set; }
}

/// <summary>One published revision of a paper (1 = first publication), written with the paper row: when the change was
/// fetched, parsed, classified and published, and what it changed. Refreshes that are not news have no row.</summary>
public sealed class PublishedRevision
{
    public required string PaperId { get; set; }

    public int Revision { get; set; }

    /// <summary><c>published</c>, <c>updated</c> or <c>withdrawn</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Material fields changed since the previous revision (empty for the first).</summary>
    public string[] Changes { get; set; } = [];

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Fetch time of the document that brought the change; null when unknown.</summary>
    public DateTimeOffset? FetchedAt { get; set; }

    public DateTimeOffset? ParsedAt { get; set; }

    public DateTimeOffset? ClassifiedAt { get; set; }

    public string? TraceId { get; set; }
}

/// <summary>A paper's related list as the embedding lane last computed it (it may arrive before the paper itself).</summary>
public sealed class PublishedRelated
{
    public required string PaperId { get; set; }

    /// <summary>JSON array of <c>{paperId, similarity}</c>, most similar first.</summary>
    public required string Related { get; set; }

    public string Model { get; set; } = "";

    public DateTimeOffset ComputedAt { get; set; }
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
