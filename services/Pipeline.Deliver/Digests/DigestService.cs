using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;
using Pipeline.Deliver.Filtering;
using Pipeline.Deliver.Persistence;

namespace Pipeline.Deliver.Digests;

/// <summary>
/// Builds and sends the digest of one due subscription. The subscription row is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> and stays locked until the run is recorded, so two instances never send the same
/// digest (a crash after the SMTP hand-off and before the commit can send it once more).
/// </summary>
public sealed class DigestService(DeliverDbContext db, IDigestMailer mailer, IOptions<DeliverOptions> options, TimeProvider clock, ILogger<DigestService> logger)
{
    /// <summary>Most recent papers of a period considered for ranking.</summary>
    private const int MaxCandidates = 5000;

    /// <summary>Handles the next due subscription; false when none is due.</summary>
    public async Task<bool> RunNextDueAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.DigestSubscriptions
            .FromSqlRaw("""
                SELECT * FROM deliver.digest_subscriptions
                WHERE active AND (send_requested OR next_due_at <= now())
                ORDER BY send_requested DESC, next_due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return false;
        }

        var subscription = due[0];
        var deliver = options.Value;
        var end = clock.GetUtcNow();
        var start = subscription.LastPeriodEnd ?? end - DigestSchedule.Period(subscription.Frequency);
        var papers = await SelectAsync(subscription, start, end, deliver.Digests.TopN, ct);
        var run = new DigestRun
        {
            SubscriptionId = subscription.Id, Email = subscription.Email, PeriodStart = start, PeriodEnd = end, StartedAt = end,
            Status = DigestRun.Empty, PaperIds = papers.Select(p => p.PaperId).ToList(),
        };
        db.DigestRuns.Add(run);
        subscription.SendRequested = false;
        if (papers.Count > 0)
        {
            var unsubscribe = DigestMessage.UnsubscribeUrl(deliver.PublicBaseUrl, subscription.UnsubscribeToken);
            var rendered = DigestRenderer.Render(new DigestContent(
                subscription.Frequency, start, end, DeliverStore.FilterOf(subscription).Describe(), papers, unsubscribe));
            var message = DigestMessage.Create(deliver.Smtp.From, subscription.Email, rendered, unsubscribe);
            try
            {
                await mailer.SendAsync(message, ct);
                run.Status = DigestRun.Sent;
                run.MessageId = message.MessageId;
                subscription.LastSentAt = end;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The period is kept: the retry covers it, plus whatever arrives meanwhile.
                run.Status = DigestRun.Failed;
                run.Error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                subscription.NextDueAt = end + deliver.Digests.RetryDelay;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                Log.DigestFailed(logger, ex, subscription.Id, subscription.NextDueAt);
                return true;
            }
        }

        subscription.LastPeriodEnd = end;
        subscription.NextDueAt = DigestSchedule.NextDue(subscription.Frequency, subscription.SendHourUtc, end);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Log.DigestRun(logger, subscription.Id, run.Status, papers.Count, start, end);
        return true;
    }

    /// <summary>
    /// The subscription's papers of the period (latest event recorded by Deliver in (start, end], not withdrawn; the
    /// recording time, not the publisher's event time, so late consumption cannot drop a paper), filtered and ranked by
    /// <see cref="TrendingScore"/> at the period's end. A paper first published in the period has kind
    /// <c>published</c>, otherwise <c>updated</c>.
    /// </summary>
    public async Task<List<DigestPaper>> SelectAsync(DigestSubscription subscription, DateTimeOffset start, DateTimeOffset end, int top, CancellationToken ct)
    {
        var candidates = await db.Papers.AsNoTracking()
            .Where(p => !p.Withdrawn && p.RecordedAt > start && p.RecordedAt <= end)
            .OrderByDescending(p => p.RecordedAt)
            .Take(MaxCandidates)
            .ToListAsync(ct);
        var filter = DeliverStore.FilterOf(subscription);
        var matching = candidates
            .Where(p => filter.Matches(
                new PaperFacts(p.Title, p.Abstract, p.Topics, p.Models, p.Benchmarks),
                p.FirstPublishedAt > start ? PaperEvents.Published : PaperEvents.Updated))
            .Select(p => new DigestPaper(
                p.PaperId, p.Title, p.AbstractUrl, p.Abstract, p.Upvotes, p.CodeUrls, p.Topics,
                TrendingScore.Compute(p.Upvotes, p.CodeUrls.Count > 0, p.ArxivPublishedAt ?? p.FirstPublishedAt, end)));
        return TrendingScore.Rank(matching, p => p.Score, p => p.Upvotes, p => p.PaperId, top);
    }
}

/// <summary>Sends due digests; every instance runs one (claims are exclusive). Off unless SMTP is configured.</summary>
public sealed class DigestScheduler(IServiceScopeFactory scopes, IOptions<DeliverOptions> options, ILogger<DigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliver = options.Value;
        if (!deliver.Digests.Enabled || !deliver.Smtp.IsConfigured)
        {
            Log.DigestsDisabled(logger, deliver.Digests.Enabled ? "no Deliver:Smtp:Host configured" : "Deliver:Digests:Enabled is false");
            return;
        }

        using var timer = new PeriodicTimer(deliver.Digests.PollInterval);
        do
        {
            try
            {
                bool more;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    more = await scope.ServiceProvider.GetRequiredService<DigestService>().RunNextDueAsync(stoppingToken);
                }
                while (more && !stoppingToken.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.DigestSchedulerFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
