using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Fetch.Persistence;

/// <summary>Schema <c>fetcher</c> (<c>fetch</c> is a reserved word in SQL): sources with their shared scheduling state, raw documents, outbox.</summary>
public sealed class FetchDbContext(DbContextOptions<FetchDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "fetcher";

    public DbSet<SourceState> Sources => Set<SourceState>();

    public DbSet<StoredDocument> Documents => Set<StoredDocument>();

    public DbSet<HostBudgetRow> HostBudgets => Set<HostBudgetRow>();

    public DbSet<HttpValidator> HttpValidators => Set<HttpValidator>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<SourceState>(e =>
        {
            e.ToTable("sources");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(100);
            e.Property(s => s.Kind).HasMaxLength(40);
            e.Property(s => s.Definition).HasColumnType("jsonb");
            e.HasIndex(s => s.NextDueAt);
        });
        modelBuilder.Entity<StoredDocument>(e =>
        {
            e.ToTable("documents");
            e.HasKey(d => d.Id);
            e.HasIndex(d => d.ContentHash).IsUnique();
            e.HasIndex(d => new { d.SourceId, d.FetchedAt });
            e.Property(d => d.ContentHash).HasMaxLength(64);
            e.Property(d => d.Headers).HasColumnType("jsonb");
        });
        modelBuilder.Entity<HostBudgetRow>(e =>
        {
            e.ToTable("host_budgets");
            e.HasKey(h => h.Host);
            e.Property(h => h.Host).HasMaxLength(255);
        });
        modelBuilder.Entity<HttpValidator>(e =>
        {
            e.ToTable("http_validators");
            e.HasKey(v => v.Url);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>A source's definition and its scheduling state, shared by every Fetch instance.</summary>
public sealed class SourceState
{
    public required string Id { get; set; }

    public required string Kind { get; set; }

    /// <summary>The <see cref="SourceOptions"/> as JSON.</summary>
    public required string Definition { get; set; }

    /// <summary>From configuration.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Set by an operator (<c>pipeline sources pause</c>); survives restarts and configuration syncs.</summary>
    public bool Paused { get; set; }

    /// <summary>Where a paging or ranged source stopped (resumption token, last day done), as its fetcher wrote it.</summary>
    public string? Cursor { get; set; }

    public DateTimeOffset NextDueAt { get; set; }

    /// <summary>An instance working on the source holds it until then.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>Last time a poll brought a payload not seen before.</summary>
    public DateTimeOffset? LastChangeAt { get; set; }

    public int ConsecutiveFailures { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A host's shared token bucket (see <c>HostBudget</c>).</summary>
public sealed class HostBudgetRow
{
    public required string Host { get; set; }

    public double Tokens { get; set; }

    public double Capacity { get; set; }

    public double RefillPerSecond { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set from a server's Retry-After: nobody asks the host before then.</summary>
    public DateTimeOffset? BlockedUntil { get; set; }

    /// <summary>One-at-a-time hosts: a request is in flight until then (cleared when it ends).</summary>
    public DateTimeOffset? BusyUntil { get; set; }
}

/// <summary>The validators of the last stored response of a URL, for conditional GET.</summary>
public sealed class HttpValidator
{
    public required string Url { get; set; }

    public string? Etag { get; set; }

    public DateTimeOffset? LastModified { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A raw payload as fetched (claim check for <c>DocumentFetched</c>). Body gzip-compressed.</summary>
public sealed class StoredDocument
{
    public Guid Id { get; set; }

    public required string SourceId { get; set; }

    public required string Url { get; set; }

    public required string Format { get; set; }

    /// <summary>SHA-256 of the uncompressed body: one row per distinct payload.</summary>
    public required string ContentHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    /// <summary>Response headers as a JSON object.</summary>
    public string? Headers { get; set; }

    public long ContentLength { get; set; }

    public required byte[] Content { get; set; }

    public DateTimeOffset FetchedAt { get; set; }

    public string? TraceId { get; set; }
}

/// <summary>Lets <c>dotnet ef</c> build the model without a host.</summary>
public sealed class FetchDbContextFactory : IDesignTimeDbContextFactory<FetchDbContext>
{
    public FetchDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FetchDbContext>();
        options.UsePipelineNpgsql("Host=localhost", FetchDbContext.Schema);
        return new FetchDbContext(options.Options);
    }
}
