using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Pipeline.Deliver.Digests;
using Pipeline.Deliver.Filtering;
using Pipeline.Deliver.Persistence;
using Pipeline.Deliver.Webhooks;

namespace Pipeline.Deliver.Management;

/// <summary>A request the operator has to fix; field → messages (shown as a validation problem).</summary>
public sealed class DeliveryValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed record WebhookSubscriptionRequest
{
    public required string Url { get; init; }

    /// <summary>Signing secret (16–256 characters); generated when omitted (returned once).</summary>
    public string? Secret { get; init; }

    public IReadOnlyList<string>? Topics { get; init; }

    public IReadOnlyList<string>? Kinds { get; init; }

    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyList<string>? Benchmarks { get; init; }

    public string? Text { get; init; }

    public string? Description { get; init; }

    public bool Active { get; init; } = true;
}

/// <summary>A webhook subscription as operators see it: never the secret.</summary>
public sealed record WebhookSubscriptionView(
    Guid Id, string Url, SubscriptionFilter Filter, string? Description, bool Active, int ConsecutiveDeadLetters,
    string? DisabledReason, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, int> Deliveries);

/// <summary>A created subscription with its secret: the only time the secret is shown.</summary>
public sealed record CreatedWebhookSubscription(WebhookSubscriptionView Subscription, string Secret);

public sealed record DeliveryView(
    Guid Id, Guid SubscriptionId, string Type, string PaperId, string IdempotencyKey, string Status, int Attempts,
    DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>A delivery that used up its attempts, with where it was going (what the dashboard's failures page lists).</summary>
public sealed record DeadDeliveryView(DeliveryView Delivery, string Url);

public sealed record AttemptView(int Attempt, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error, string? ResponseExcerpt, int? NextDelayMs);

public sealed record DeliveryDetail(DeliveryView Delivery, IReadOnlyList<AttemptView> Attempts, string Body);

public sealed record DigestSubscriptionRequest
{
    public required string Email { get; init; }

    /// <summary><c>daily</c> (default) or <c>weekly</c> (Mondays).</summary>
    public string Frequency { get; init; } = DigestSubscription.Daily;

    /// <summary>Hour of the day (UTC) the digest is sent, 0–23 (default 7).</summary>
    public int SendHourUtc { get; init; } = 7;

    public IReadOnlyList<string>? Topics { get; init; }

    public IReadOnlyList<string>? Kinds { get; init; }

    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyList<string>? Benchmarks { get; init; }

    public string? Text { get; init; }

    public bool Active { get; init; } = true;
}

public sealed record DigestSubscriptionView(
    Guid Id, string Email, SubscriptionFilter Filter, string Frequency, int SendHourUtc, bool Active, bool SendRequested,
    DateTimeOffset NextDueAt, DateTimeOffset? LastSentAt, DateTimeOffset CreatedAt, DateTimeOffset? UnsubscribedAt);

public sealed record DigestRunView(long Id, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset StartedAt, string Status, IReadOnlyList<string> PaperIds, string? Error);

/// <summary>
/// What operators do with webhooks and digests, shared by the API and the CLI (both write the deliver schema;
/// the Deliver service's workers pick changes up on their next round). Target URLs are checked against the SSRF
/// rules of <c>Deliver:Webhooks</c> when a subscription is created or changed, and again at every connection.
/// </summary>
public sealed class DeliveryManagement(DeliverDbContext db, IOptions<DeliverOptions> options, TimeProvider clock)
{
    public const int MaxListLimit = 1000;

    // ---- webhooks --------------------------------------------------------------------------------------------

    public async Task<List<WebhookSubscriptionView>> ListWebhooksAsync(CancellationToken ct)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var counts = await DeliveryCountsAsync(null, ct);
        return subscriptions.Select(s => View(s, counts)).ToList();
    }

    public async Task<WebhookSubscriptionView?> GetWebhookAsync(Guid id, CancellationToken ct) =>
        await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s
            ? View(s, await DeliveryCountsAsync(id, ct))
            : null;

    public async Task<CreatedWebhookSubscription> CreateWebhookAsync(WebhookSubscriptionRequest request, CancellationToken ct)
    {
        var (filter, secret) = await ValidateAsync(request, secretRequired: false, ct);
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), Url = request.Url.Trim(), Secret = secret ?? WebhookSignature.NewSecret(),
            Description = Blank(request.Description), Active = request.Active, CreatedAt = now, UpdatedAt = now,
        };
        Apply(subscription, filter);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhookSubscription(View(subscription, new Dictionary<string, int>()), subscription.Secret);
    }

    /// <summary>Replaces URL, filter, description and active flag; the secret only when one is given (rotation).</summary>
    public async Task<WebhookSubscriptionView?> UpdateWebhookAsync(Guid id, WebhookSubscriptionRequest request, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return null;
        }

        var (filter, secret) = await ValidateAsync(request, secretRequired: false, ct);
        subscription.Url = request.Url.Trim();
        subscription.Secret = secret ?? subscription.Secret;
        subscription.Description = Blank(request.Description);
        if (request.Active && !subscription.Active)
        {
            subscription.ConsecutiveDeadLetters = 0;
            subscription.DisabledReason = null;
        }

        subscription.Active = request.Active;
        subscription.UpdatedAt = clock.GetUtcNow();
        Apply(subscription, filter);
        await db.SaveChangesAsync(ct);
        return View(subscription, await DeliveryCountsAsync(id, ct));
    }

    /// <summary>Deletes a subscription with its deliveries and their attempt log.</summary>
    public async Task<bool> DeleteWebhookAsync(Guid id, CancellationToken ct) =>
        await db.WebhookSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;

    public async Task<List<DeliveryView>> ListDeliveriesAsync(string? status, Guid? subscriptionId, int limit, CancellationToken ct)
    {
        if (status is not null && status is not (WebhookDelivery.Pending or WebhookDelivery.Delivered or WebhookDelivery.Dead))
        {
            throw Invalid("status", "pending, delivered or dead");
        }

        var query = db.WebhookDeliveries.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(d => d.Status == status);
        }

        if (subscriptionId is { } sid)
        {
            query = query.Where(d => d.SubscriptionId == sid);
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(Math.Clamp(limit, 1, MaxListLimit)).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<DeliveryDetail?> GetDeliveryAsync(Guid id, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null)
        {
            return null;
        }

        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Attempt).ThenBy(a => a.Id)
            .Select(a => new AttemptView(a.Attempt, a.StartedAt, a.DurationMs, a.StatusCode, a.Error, a.ResponseExcerpt, a.NextDelayMs))
            .ToListAsync(ct);
        return new DeliveryDetail(View(delivery), attempts, delivery.Body);
    }

    /// <summary>Sends a delivery again (dead, delivered, or pending: now), with a fresh round of attempts.</summary>
    public async Task<DeliveryView?> RedeliverAsync(Guid id, CancellationToken ct)
    {
        var updated = await SendAgainAsync(db.WebhookDeliveries.Where(d => d.Id == id), ct);
        return updated == 0 ? null : View(await db.WebhookDeliveries.AsNoTracking().FirstAsync(d => d.Id == id, ct));
    }

    /// <summary>The newest <paramref name="limit"/> dead deliveries with their subscription's URL, and how many are dead.</summary>
    public async Task<(List<DeadDeliveryView> Items, int Total)> ListDeadAsync(int limit, CancellationToken ct)
    {
        var dead = db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == WebhookDelivery.Dead);
        var rows = await dead
            .OrderByDescending(d => d.CompletedAt).ThenByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, MaxListLimit))
            .Join(db.WebhookSubscriptions.AsNoTracking(), d => d.SubscriptionId, s => s.Id, (d, s) => new { Delivery = d, s.Url })
            .ToListAsync(ct);
        return ([.. rows.Select(r => new DeadDeliveryView(View(r.Delivery), r.Url))], await dead.CountAsync(ct));
    }

    /// <summary>Every dead delivery sent again with a fresh round of attempts (as <see cref="RedeliverAsync"/>); how many.</summary>
    public Task<int> RedeliverDeadAsync(CancellationToken ct) =>
        SendAgainAsync(db.WebhookDeliveries.Where(d => d.Status == WebhookDelivery.Dead), ct);

    /// <summary>Puts <paramref name="deliveries"/> back to pending, due now, with a fresh round of attempts.</summary>
    private Task<int> SendAgainAsync(IQueryable<WebhookDelivery> deliveries, CancellationToken ct) =>
        deliveries.ExecuteUpdateAsync(
            u => u.SetProperty(d => d.Status, WebhookDelivery.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, clock.GetUtcNow())
                .SetProperty(d => d.CompletedAt, (DateTimeOffset?)null),
            ct);

    // ---- digests ---------------------------------------------------------------------------------------------

    public async Task<List<DigestSubscriptionView>> ListDigestsAsync(CancellationToken ct) =>
        (await db.DigestSubscriptions.AsNoTracking().OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(View).ToList();

    public async Task<DigestSubscriptionView?> GetDigestAsync(Guid id, CancellationToken ct) =>
        await db.DigestSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) is { } s ? View(s) : null;

    public async Task<DigestSubscriptionView> CreateDigestAsync(DigestSubscriptionRequest request, CancellationToken ct)
    {
        var filter = Validate(request);
        var now = clock.GetUtcNow();
        var subscription = new DigestSubscription
        {
            Id = Guid.CreateVersion7(), Email = request.Email.Trim(), Frequency = request.Frequency, SendHourUtc = request.SendHourUtc,
            UnsubscribeToken = WebhookSignature.Base64Url(RandomNumberGenerator.GetBytes(32)), Active = request.Active, CreatedAt = now,
            NextDueAt = DigestSchedule.NextDue(request.Frequency, request.SendHourUtc, now),
        };
        Apply(subscription, filter);
        db.DigestSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return View(subscription);
    }

    public async Task<DigestSubscriptionView?> UpdateDigestAsync(Guid id, DigestSubscriptionRequest request, CancellationToken ct)
    {
        var subscription = await db.DigestSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return null;
        }

        var filter = Validate(request);
        var now = clock.GetUtcNow();
        subscription.Email = request.Email.Trim();
        if (subscription.Frequency != request.Frequency || subscription.SendHourUtc != request.SendHourUtc)
        {
            subscription.NextDueAt = DigestSchedule.NextDue(request.Frequency, request.SendHourUtc, now);
        }

        subscription.Frequency = request.Frequency;
        subscription.SendHourUtc = request.SendHourUtc;
        subscription.Active = request.Active;
        subscription.UnsubscribedAt = request.Active ? null : subscription.UnsubscribedAt;
        Apply(subscription, filter);
        await db.SaveChangesAsync(ct);
        return View(subscription);
    }

    public async Task<bool> DeleteDigestAsync(Guid id, CancellationToken ct) =>
        await db.DigestSubscriptions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Asks the scheduler for a digest now (the papers since the last one); false for an unknown or inactive subscription.</summary>
    public async Task<bool> RequestSendAsync(Guid id, CancellationToken ct) =>
        await db.DigestSubscriptions.Where(s => s.Id == id && s.Active).ExecuteUpdateAsync(u => u.SetProperty(s => s.SendRequested, true), ct) > 0;

    /// <summary>Whether the token belongs to a subscription (null: unknown token) and that subscription is active. Reads only.</summary>
    public async Task<bool?> UnsubscribeTokenActiveAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        var active = await db.DigestSubscriptions.AsNoTracking().Where(s => s.UnsubscribeToken == token).Select(s => (bool?)s.Active).ToListAsync(ct);
        return active.Count == 0 ? null : active[0];
    }

    /// <summary>Deactivates the subscription the token belongs to; true when the token is known (repeating it is harmless).</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return false;
        }

        var subscription = await db.DigestSubscriptions.FirstOrDefaultAsync(s => s.UnsubscribeToken == token, ct);
        if (subscription is null)
        {
            return false;
        }

        if (subscription.Active)
        {
            subscription.Active = false;
            subscription.SendRequested = false;
            subscription.UnsubscribedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    public async Task<List<DigestRunView>> ListRunsAsync(Guid subscriptionId, int limit, CancellationToken ct) =>
        await db.DigestRuns.AsNoTracking().Where(r => r.SubscriptionId == subscriptionId).OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, MaxListLimit))
            .Select(r => new DigestRunView(r.Id, r.PeriodStart, r.PeriodEnd, r.StartedAt, r.Status, r.PaperIds, r.Error))
            .ToListAsync(ct);

    // ---- helpers ---------------------------------------------------------------------------------------------

    private async Task<(SubscriptionFilter Filter, string? Secret)> ValidateAsync(WebhookSubscriptionRequest request, bool secretRequired, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var filter = Filter(request.Topics, request.Kinds, request.Models, request.Benchmarks, request.Text);
        foreach (var (field, error) in filter.Validate())
        {
            Add(errors, field, error);
        }

        var secret = Blank(request.Secret);
        if ((secret is null && secretRequired) || secret is { Length: < 16 or > 256 })
        {
            Add(errors, "secret", "16–256 characters");
        }

        if (string.IsNullOrWhiteSpace(request.Url) || request.Url.Length > 2048)
        {
            Add(errors, "url", "required, at most 2048 characters");
        }
        else if (await TargetGuard.From(options.Value.Webhooks).CheckTargetAsync(request.Url.Trim(), ct) is { } problem)
        {
            Add(errors, "url", problem);
        }

        return errors.Count > 0 ? throw new DeliveryValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)) : (filter, secret);
    }

    private static SubscriptionFilter Validate(DigestSubscriptionRequest request)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var filter = Filter(request.Topics, request.Kinds, request.Models, request.Benchmarks, request.Text);
        foreach (var (field, error) in filter.Validate())
        {
            Add(errors, field, error);
        }

        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 320 || !MailboxAddress.TryParse(request.Email.Trim(), out var mailbox)
            || mailbox.Address != request.Email.Trim() || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            Add(errors, "email", "a plain e-mail address (name@example.org)");
        }

        if (!DigestSchedule.IsValidFrequency(request.Frequency))
        {
            Add(errors, "frequency", "daily or weekly");
        }

        if (request.SendHourUtc is < 0 or > 23)
        {
            Add(errors, "sendHourUtc", "0–23");
        }

        return errors.Count > 0 ? throw new DeliveryValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)) : filter;
    }

    private static SubscriptionFilter Filter(IReadOnlyList<string>? topics, IReadOnlyList<string>? kinds, IReadOnlyList<string>? models, IReadOnlyList<string>? benchmarks, string? text) =>
        new SubscriptionFilter { Topics = topics ?? [], Kinds = kinds ?? [], Models = models ?? [], Benchmarks = benchmarks ?? [], Text = text }.Normalized();

    private static void Apply(WebhookSubscription s, SubscriptionFilter f)
    {
        (s.Topics, s.Kinds, s.Models, s.Benchmarks, s.TextMatch) = ([.. f.Topics], [.. f.Kinds], [.. f.Models], [.. f.Benchmarks], f.Text);
    }

    private static void Apply(DigestSubscription s, SubscriptionFilter f)
    {
        (s.Topics, s.Kinds, s.Models, s.Benchmarks, s.TextMatch) = ([.. f.Topics], [.. f.Kinds], [.. f.Models], [.. f.Benchmarks], f.Text);
    }

    private async Task<Dictionary<Guid, Dictionary<string, int>>> DeliveryCountsAsync(Guid? subscriptionId, CancellationToken ct)
    {
        var query = db.WebhookDeliveries.AsNoTracking();
        if (subscriptionId is { } id)
        {
            query = query.Where(d => d.SubscriptionId == id);
        }

        var counts = await query.GroupBy(d => new { d.SubscriptionId, d.Status }).Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return counts.GroupBy(c => c.SubscriptionId).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal));
    }

    private static WebhookSubscriptionView View(WebhookSubscription s, Dictionary<Guid, Dictionary<string, int>> counts) =>
        View(s, counts.TryGetValue(s.Id, out var c) ? c : new Dictionary<string, int>());

    private static WebhookSubscriptionView View(WebhookSubscription s, IReadOnlyDictionary<string, int> counts) =>
        new(s.Id, s.Url, DeliverStore.FilterOf(s), s.Description, s.Active, s.ConsecutiveDeadLetters, s.DisabledReason, s.CreatedAt, counts);

    private static DeliveryView View(WebhookDelivery d) =>
        new(d.Id, d.SubscriptionId, WebhookPayload.EventType(d.EventKind), d.PaperId, d.IdempotencyKey, d.Status, d.Attempts, d.NextAttemptAt,
            d.LastStatusCode, d.LastError, d.CreatedAt, d.CompletedAt);

    private static DigestSubscriptionView View(DigestSubscription s) =>
        new(s.Id, s.Email, DeliverStore.FilterOf(s), s.Frequency, s.SendHourUtc, s.Active, s.SendRequested, s.NextDueAt, s.LastSentAt, s.CreatedAt, s.UnsubscribedAt);

    private static DeliveryValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static void Add(Dictionary<string, List<string>> errors, string field, string error)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(error);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
