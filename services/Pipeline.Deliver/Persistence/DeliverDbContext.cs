using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pipeline.Persistence;

namespace Pipeline.Deliver.Persistence;

/// <summary>
/// Schema <c>deliver</c>: webhook subscriptions, their deliveries and every attempt; digest subscriptions and the
/// digests sent; a small read model of papers built from the integration events; the inbox that makes each event
/// count once (it arrives once per topic).
/// </summary>
public sealed class DeliverDbContext(DbContextOptions<DeliverDbContext> options) : DbContext(options), IOutboxContext
{
    public const string Schema = "deliver";

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<DigestSubscription> DigestSubscriptions => Set<DigestSubscription>();

    public DbSet<DigestRun> DigestRuns => Set<DigestRun>();

    public DbSet<DeliverPaper> Papers => Set<DeliverPaper>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<WebhookSubscription>(e =>
        {
            e.ToTable("webhook_subscriptions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Url).HasMaxLength(2048);
            e.Property(s => s.Secret).HasMaxLength(256);
            e.Property(s => s.TextMatch).HasMaxLength(256);
            e.Property(s => s.Description).HasMaxLength(256);
            e.Property(s => s.DisabledReason).HasMaxLength(512);
            e.HasIndex(s => s.Active);
        });
        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries", t => t.HasCheckConstraint("ck_webhook_deliveries_status", "status IN ('pending', 'delivered', 'dead')"));
            e.HasKey(d => d.Id);
            e.Property(d => d.EventKind).HasMaxLength(16);
            e.Property(d => d.IdempotencyKey).HasMaxLength(256);
            e.Property(d => d.PaperId).HasMaxLength(64);
            e.Property(d => d.Status).HasMaxLength(16);
            e.Property(d => d.Body).HasColumnType("jsonb");
            e.Property(d => d.LastError).HasMaxLength(2000);
            // One delivery per subscription and event, even if the inbox were bypassed.
            e.HasIndex(d => new { d.SubscriptionId, d.EventKind, d.IdempotencyKey }).IsUnique();
            // The worker's claim: due pending rows.
            e.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_webhook_deliveries_due");
            e.HasIndex(d => new { d.Status, d.CreatedAt });
            e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookAttempt>(e =>
        {
            e.ToTable("webhook_attempts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Error).HasMaxLength(2000);
            e.Property(a => a.ResponseExcerpt).HasMaxLength(65536);
            e.HasIndex(a => new { a.DeliveryId, a.Attempt });
            e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DigestSubscription>(e =>
        {
            e.ToTable("digest_subscriptions", t => t.HasCheckConstraint("ck_digest_subscriptions_frequency", "frequency IN ('daily', 'weekly') AND send_hour_utc BETWEEN 0 AND 23"));
            e.HasKey(s => s.Id);
            e.Property(s => s.Email).HasMaxLength(320);
            e.Property(s => s.Frequency).HasMaxLength(16);
            e.Property(s => s.TextMatch).HasMaxLength(256);
            e.Property(s => s.UnsubscribeToken).HasMaxLength(64);
            e.HasIndex(s => s.UnsubscribeToken).IsUnique();
            e.HasIndex(s => s.NextDueAt).HasFilter("active").HasDatabaseName("ix_digest_subscriptions_due");
        });
        modelBuilder.Entity<DigestRun>(e =>
        {
            e.ToTable("digest_runs", t => t.HasCheckConstraint("ck_digest_runs_status", "status IN ('sent', 'empty', 'failed')"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.Email).HasMaxLength(320);
            e.Property(r => r.MessageId).HasMaxLength(256);
            e.Property(r => r.Error).HasMaxLength(2000);
            e.HasIndex(r => new { r.SubscriptionId, r.StartedAt });
            e.HasOne<DigestSubscription>().WithMany().HasForeignKey(r => r.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliverPaper>(e =>
        {
            e.ToTable("papers");
            e.HasKey(p => p.PaperId);
            e.Property(p => p.PaperId).HasMaxLength(64);
            e.Property(p => p.AbstractUrl).HasMaxLength(2048);
            e.Property(p => p.LastEventKind).HasMaxLength(16);
            e.HasIndex(p => p.LastEventAt);
            e.HasIndex(p => p.RecordedAt);
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    /// <summary>HMAC key of the signatures; never shown after creation.</summary>
    public required string Secret { get; set; }

    public List<string> Topics { get; set; } = [];

    public List<string> Kinds { get; set; } = [];

    public List<string> Models { get; set; } = [];

    public List<string> Benchmarks { get; set; } = [];

    public string? TextMatch { get; set; }

    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Dead letters in a row; reset by a successful delivery.</summary>
    public int ConsecutiveDeadLetters { get; set; }

    /// <summary>Why the subscription was deactivated automatically (null when active or deactivated by hand).</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One event for one subscription: pending until delivered (2xx) or dead after the last attempt.</summary>
public sealed class WebhookDelivery
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary><c>published</c>, <c>updated</c> or <c>withdrawn</c>.</summary>
    public required string EventKind { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string PaperId { get; set; }

    /// <summary>The exact JSON body every attempt sends (signed per attempt with a fresh timestamp).</summary>
    public required string Body { get; set; }

    public string Status { get; set; } = Pending;

    /// <summary>Attempts in the current round (a redelivery starts a new round); the attempt log keeps them all.</summary>
    public int Attempts { get; set; }

    /// <summary>When the worker may claim it next (also the lease of a claimed row).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    /// <summary>1-based over the delivery's whole life (redeliveries continue the count).</summary>
    public int Attempt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public int DurationMs { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public string? ResponseExcerpt { get; set; }

    /// <summary>Delay chosen before the next attempt (null when none follows).</summary>
    public int? NextDelayMs { get; set; }
}

public sealed class DigestSubscription
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";

    public Guid Id { get; set; }

    public required string Email { get; set; }

    public List<string> Topics { get; set; } = [];

    public List<string> Kinds { get; set; } = [];

    public List<string> Models { get; set; } = [];

    public List<string> Benchmarks { get; set; } = [];

    public string? TextMatch { get; set; }

    public string Frequency { get; set; } = Daily;

    public int SendHourUtc { get; set; } = 7;

    /// <summary>Capability of the unsubscribe link (random, 32 bytes base64url).</summary>
    public required string UnsubscribeToken { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset NextDueAt { get; set; }

    /// <summary>An operator asked for a digest now (<c>send</c>); the scheduler takes it at once.</summary>
    public bool SendRequested { get; set; }

    /// <summary>End of the last period covered (sent or empty); the next digest starts there.</summary>
    public DateTimeOffset? LastPeriodEnd { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UnsubscribedAt { get; set; }
}

public sealed class DigestRun
{
    public const string Sent = "sent";
    public const string Empty = "empty";
    public const string Failed = "failed";

    public long Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public required string Email { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public required string Status { get; set; }

    public List<string> PaperIds { get; set; } = [];

    public string? MessageId { get; set; }

    public string? Error { get; set; }
}

/// <summary>The read model digests rank: one row per paper, the latest revision seen (events may arrive in any order).</summary>
public sealed class DeliverPaper
{
    public required string PaperId { get; set; }

    public int Revision { get; set; }

    public required string Title { get; set; }

    public required string Abstract { get; set; }

    public required string AbstractUrl { get; set; }

    public List<string> Topics { get; set; } = [];

    public List<string> Models { get; set; } = [];

    public List<string> Benchmarks { get; set; } = [];

    public int? Upvotes { get; set; }

    public List<string> CodeUrls { get; set; } = [];

    public DateTimeOffset? ArxivPublishedAt { get; set; }

    /// <summary>The pipeline's first publication of the paper (earliest event time seen).</summary>
    public DateTimeOffset FirstPublishedAt { get; set; }

    /// <summary>Time of the latest revision's event.</summary>
    public DateTimeOffset LastEventAt { get; set; }

    public required string LastEventKind { get; set; }

    public bool Withdrawn { get; set; }

    /// <summary>
    /// When Deliver recorded the latest non-replay event (its own clock). Digest periods select on it, so an event
    /// consumed after a digest run but published before the run's end still lands in the next digest.
    /// </summary>
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class DeliverDbContextFactory : IDesignTimeDbContextFactory<DeliverDbContext>
{
    public DeliverDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DeliverDbContext>();
        options.UsePipelineNpgsql("Host=localhost", DeliverDbContext.Schema);
        return new DeliverDbContext(options.Options);
    }
}
