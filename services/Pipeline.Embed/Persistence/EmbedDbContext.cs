using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Embed.Persistence;

/// <summary>
/// Schema <c>embed</c>: papers waiting for an embedding, the embeddings (a <c>real[]</c> always; a pgvector
/// <c>vec</c> column with an HNSW index only where the <c>vector</c> extension is installed, added by raw SQL
/// outside this model) and each paper's most similar papers.
/// </summary>
public sealed class EmbedDbContext(DbContextOptions<EmbedDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "embed";

    public DbSet<PendingEmbedding> Pending => Set<PendingEmbedding>();

    public DbSet<PaperEmbedding> Embeddings => Set<PaperEmbedding>();

    public DbSet<RelatedPaper> Related => Set<RelatedPaper>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<PendingEmbedding>(e =>
        {
            e.ToTable("pending");
            e.HasKey(p => p.PaperId);
            e.Property(p => p.PaperId).HasMaxLength(64);
            e.Property(p => p.TextHash).HasMaxLength(64);
            e.Property(p => p.TraceParent).HasMaxLength(128);
            e.HasIndex(p => new { p.NextAttemptAt, p.EnqueuedAt });
        });
        modelBuilder.Entity<PaperEmbedding>(e =>
        {
            e.ToTable("embeddings");
            e.HasKey(p => p.PaperId);
            e.Property(p => p.PaperId).HasMaxLength(64);
            e.Property(p => p.TextHash).HasMaxLength(64);
            e.Property(p => p.Model).HasMaxLength(128);
            e.Property(p => p.Vector).HasColumnType("real[]");
            e.Property(p => p.TraceId).HasMaxLength(32);

            // Few rows (the first papers of a database, or those with few similar papers): read by every batch.
            e.HasIndex(p => p.EmbeddedAt).HasFilter("related_incomplete").HasDatabaseName("ix_embeddings_related_incomplete");
        });
        modelBuilder.Entity<RelatedPaper>(e =>
        {
            e.ToTable("related", t => t.HasCheckConstraint("ck_related_not_self", "paper_id <> related_id"));
            e.HasKey(r => new { r.PaperId, r.RelatedId });
            e.Property(r => r.PaperId).HasMaxLength(64);
            e.Property(r => r.RelatedId).HasMaxLength(64);
            e.HasIndex(r => r.RelatedId);

            // A paper whose embedding goes (withdrawn) leaves every list, its own and the others'.
            e.HasOne<PaperEmbedding>().WithMany().HasForeignKey(r => r.PaperId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PaperEmbedding>().WithMany().HasForeignKey(r => r.RelatedId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>A paper whose current text has no embedding yet: the lane's work queue.</summary>
public sealed class PendingEmbedding
{
    public required string PaperId { get; set; }

    /// <summary>Hash of the text to embed (<see cref="Lane.EmbedText"/>).</summary>
    public required string TextHash { get; set; }

    public required string Title { get; set; }

    public required string Abstract { get; set; }

    /// <summary>W3C traceparent of the consume that recorded the work: the lane's span continues that trace.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

public sealed class PaperEmbedding
{
    public required string PaperId { get; set; }

    public required string TextHash { get; set; }

    /// <summary>Model that produced the vector (package and version).</summary>
    public required string Model { get; set; }

    /// <summary>Unit-length sentence embedding (384 dimensions for MiniLM).</summary>
    public required float[] Vector { get; set; }

    public DateTimeOffset EmbeddedAt { get; set; }

    /// <summary>Trace of the paper (the fetch's trace id).</summary>
    public string? TraceId { get; set; }

    /// <summary>
    /// The paper's related list is shorter than TopK (it was embedded when few papers were stored): every new
    /// paper is offered to it, not only to its nearest neighbours, until it is full.
    /// </summary>
    public bool RelatedIncomplete { get; set; } = true;
}

/// <summary>One entry of a paper's related-papers list: at most TopK per paper, never itself.</summary>
public sealed class RelatedPaper
{
    public required string PaperId { get; set; }

    public required string RelatedId { get; set; }

    /// <summary>Cosine similarity of the two embeddings, in (MinSimilarity, 1].</summary>
    public double Similarity { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

public sealed class EmbedDbContextFactory : IDesignTimeDbContextFactory<EmbedDbContext>
{
    public EmbedDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EmbedDbContext>();
        options.UsePipelineNpgsql("Host=localhost", EmbedDbContext.Schema);
        return new EmbedDbContext(options.Options);
    }
}
