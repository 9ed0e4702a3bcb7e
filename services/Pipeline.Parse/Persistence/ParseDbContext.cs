using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Parse.Persistence;

/// <summary>Schema <c>parse</c>: normalized papers (one row per arXiv id), rejected documents and records.</summary>
public sealed class ParseDbContext(DbContextOptions<ParseDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "parse";

    public DbSet<Paper> Papers => Set<Paper>();

    public DbSet<PaperSource> PaperSources => Set<PaperSource>();

    public DbSet<DocumentRejection> Rejections => Set<DocumentRejection>();

    public DbSet<RecordRejection> RecordRejections => Set<RecordRejection>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Paper>(e =>
        {
            e.ToTable("papers");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(64);
            e.Property(p => p.Authors).HasColumnType("jsonb");
            e.Property(p => p.Keywords).HasColumnType("jsonb");
            e.Property(p => p.ContentHash).HasMaxLength(64);
            e.HasIndex(p => p.UpdatedAt);
            e.Property(p => p.Versions).HasColumnType("jsonb");
            e.Property(p => p.Links).HasColumnType("jsonb");
            e.Property(p => p.Provenance).HasColumnType("jsonb");
        });
        modelBuilder.Entity<PaperSource>(e =>
        {
            e.ToTable("paper_sources");
            e.HasKey(p => new { p.PaperId, p.SourceId, p.Format });
            e.Property(p => p.Record).HasColumnType("jsonb");
            e.HasIndex(p => p.SourceId);
        });
        modelBuilder.Entity<DocumentRejection>(e =>
        {
            e.ToTable("rejected_documents");
            e.HasKey(r => r.DocumentId);
        });
        modelBuilder.Entity<RecordRejection>(e =>
        {
            e.ToTable("rejected_records");
            e.HasKey(r => new { r.DocumentId, r.RecordIndex });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class Paper
{
    public required string Id { get; set; }

    public int? Version { get; set; }

    public required string Title { get; set; }

    public required string TitleRaw { get; set; }

    public required string Abstract { get; set; }

    public required string AbstractRaw { get; set; }

    /// <summary>JSON array of names.</summary>
    public required string Authors { get; set; }

    public DateTimeOffset? ArxivPublishedAt { get; set; }

    public DateTimeOffset? ListedAt { get; set; }

    public int? Upvotes { get; set; }

    public string? GithubRepo { get; set; }

    public string? ProjectPage { get; set; }

    /// <summary>JSON array of keywords.</summary>
    public required string Keywords { get; set; }

    public DateTimeOffset? Updated { get; set; }

    /// <summary>JSON array of {version, date}.</summary>
    public string Versions { get; set; } = "[]";

    public string[] Categories { get; set; } = [];

    public string? PrimaryCategory { get; set; }

    public string[] OtherClassifications { get; set; } = [];

    public string[] Dois { get; set; } = [];

    public string? JournalRef { get; set; }

    public string? License { get; set; }

    public string? Comments { get; set; }

    /// <summary>JSON {code, huggingFace, project}.</summary>
    public string Links { get; set; } = "{}";

    public bool Withdrawn { get; set; }

    /// <summary>Every source that supplied the paper.</summary>
    public string[] Sources { get; set; } = [];

    /// <summary>JSON object: field → source id that supplied it.</summary>
    public string Provenance { get; set; } = "{}";

    /// <summary>The source whose record last changed the merged paper.</summary>
    public required string SourceId { get; set; }

    public Guid DocumentId { get; set; }

    public required string ContentHash { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? TraceId { get; set; }

    /// <summary>+1 each time the merged record changes; later stages keep the highest (a late message never wins).</summary>
    public long Sequence { get; set; }
}

/// <summary>
/// One source's newest observation of a paper in one format; the row in <c>parse.papers</c> is the merge of all of
/// them (<c>Observations</c>, <c>PaperMerger</c>), so a paper stays one record across HF, the arXiv API, RSS and
/// OAI-PMH, whatever order the documents are parsed in.
/// </summary>
public sealed class PaperSource
{
    public required string PaperId { get; set; }

    public required string SourceId { get; set; }

    /// <summary>Payload format that produced the record (<c>hf-daily</c>, <c>oai-pmh</c>, …).</summary>
    public required string Format { get; set; }

    /// <summary>The parsed record as JSON.</summary>
    public required string Record { get; set; }

    public required string ContentHash { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public Guid DocumentId { get; set; }

    /// <summary>The source's own time of the observation (listing day, arXiv <c>updated</c>, OAI datestamp), else the fetch time.</summary>
    public DateTimeOffset ObservedAt { get; set; }

    /// <summary>Fetch time of the document it came in.</summary>
    public DateTimeOffset FetchedAt { get; set; }
}

/// <summary>A whole document Parse could not use, with the reason operators see.</summary>
public sealed class DocumentRejection
{
    public Guid DocumentId { get; set; }

    public required string SourceId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset RejectedAt { get; set; }

    public string? TraceId { get; set; }
}

/// <summary>One record of a document that was skipped while the rest of the document went on.</summary>
public sealed class RecordRejection
{
    public Guid DocumentId { get; set; }

    public int RecordIndex { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset RejectedAt { get; set; }
}

public sealed class ParseDbContextFactory : IDesignTimeDbContextFactory<ParseDbContext>
{
    public ParseDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ParseDbContext>();
        options.UsePipelineNpgsql("Host=localhost", ParseDbContext.Schema);
        return new ParseDbContext(options.Options);
    }
}
