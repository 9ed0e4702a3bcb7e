using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Api.Security;
using Pipeline.Deliver;
using Pipeline.Deliver.Management;
using Pipeline.Deliver.Persistence;
using Pipeline.Persistence;

namespace Pipeline.Api.Endpoints;

/// <summary>
/// Webhook and digest subscriptions (<c>/api/webhooks</c>, <c>/api/digests</c>) and the public unsubscribe link
/// (<c>/digests/unsubscribe?token=</c>). Every <c>/api</c> route here needs the operator key, reads included:
/// subscriptions hold target URLs and e-mail addresses. The Deliver service's workers do the sending; these
/// endpoints only change the deliver schema (the API runs no migrations of it).
/// </summary>
public static class DeliveryEndpoints
{
    /// <summary>The deliver schema's context, the <c>Deliver</c> options (SSRF rules) and <see cref="DeliveryManagement"/>.</summary>
    public static WebApplicationBuilder AddDeliveryManagement(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(PersistenceExtensions.ConnectionStringName);
        builder.Services.AddDbContext<DeliverDbContext>(o => o.UsePipelineNpgsql(connectionString, DeliverDbContext.Schema));
        builder.Services.AddDeliverOptions();
        builder.Services.AddScoped<DeliveryManagement>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(ApiKey.Policy).AddEndpointFilter(ValidationFilter);

        webhooks.MapGet("", async (DeliveryManagement m, CancellationToken ct) => TypedResults.Ok(await m.ListWebhooksAsync(ct)))
            .WithName("ListWebhooks").WithSummary("Webhook subscriptions with their filters and delivery counts (never the secret). Requires X-Api-Key.");

        webhooks.MapPost("", async (WebhookSubscriptionRequest request, DeliveryManagement m, CancellationToken ct) =>
            {
                var created = await m.CreateWebhookAsync(request, ct);
                return TypedResults.Created($"/api/webhooks/{created.Subscription.Id}", created);
            })
            .WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to the events matching a filter. Requires X-Api-Key.")
            .WithDescription("The URL must be http(s) and resolve to public addresses unless Deliver:Webhooks:AllowLoopback / AllowPrivateTargets allow otherwise. The secret (given, or generated) is returned only here.");

        webhooks.MapGet("/{id:guid}", async Task<Results<Ok<WebhookSubscriptionView>, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.GetWebhookAsync(id, ct) is { } view ? TypedResults.Ok(view) : NotFound("webhook subscription", id))
            .WithName("GetWebhook").WithSummary("One webhook subscription. Requires X-Api-Key.");

        webhooks.MapPut("/{id:guid}", async Task<Results<Ok<WebhookSubscriptionView>, NotFound<ProblemDetails>>> (Guid id, WebhookSubscriptionRequest request, DeliveryManagement m, CancellationToken ct) =>
                await m.UpdateWebhookAsync(id, request, ct) is { } view ? TypedResults.Ok(view) : NotFound("webhook subscription", id))
            .WithName("UpdateWebhook").WithSummary("Replace URL, filter, description and active flag; a given secret rotates it. Requires X-Api-Key.");

        webhooks.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.DeleteWebhookAsync(id, ct) ? TypedResults.NoContent() : NotFound("webhook subscription", id))
            .WithName("DeleteWebhook").WithSummary("Delete a subscription with its deliveries and attempt log. Requires X-Api-Key.");

        webhooks.MapGet("/deliveries", async (DeliveryManagement m, CancellationToken ct, string? status = null, Guid? subscription = null, int limit = 100) =>
                TypedResults.Ok(await m.ListDeliveriesAsync(string.IsNullOrWhiteSpace(status) ? null : status.Trim(), subscription, limit, ct)))
            .WithName("ListWebhookDeliveries").WithSummary("Deliveries, newest first, by status (pending, delivered, dead) and subscription. Requires X-Api-Key.");

        webhooks.MapGet("/deliveries/{id:guid}", async Task<Results<Ok<DeliveryDetail>, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.GetDeliveryAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound("delivery", id))
            .WithName("GetWebhookDelivery").WithSummary("A delivery with every attempt (status code, error, duration, response excerpt) and its body. Requires X-Api-Key.");

        webhooks.MapPost("/deliveries/{id:guid}/redeliver", async Task<Results<Ok<DeliveryView>, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.RedeliverAsync(id, ct) is { } view ? TypedResults.Ok(view) : NotFound("delivery", id))
            .WithName("RedeliverWebhookDelivery").WithSummary("Send a delivery again (dead or delivered) with a fresh round of attempts. Requires X-Api-Key.");

        var digests = app.MapGroup("/api/digests").WithTags("Digests").RequireAuthorization(ApiKey.Policy).AddEndpointFilter(ValidationFilter);

        digests.MapGet("", async (DeliveryManagement m, CancellationToken ct) => TypedResults.Ok(await m.ListDigestsAsync(ct)))
            .WithName("ListDigests").WithSummary("Digest subscriptions. Requires X-Api-Key.");

        digests.MapPost("", async (DigestSubscriptionRequest request, DeliveryManagement m, CancellationToken ct) =>
            {
                var created = await m.CreateDigestAsync(request, ct);
                return TypedResults.Created($"/api/digests/{created.Id}", created);
            })
            .WithName("CreateDigest").WithSummary("Subscribe an e-mail address to a daily or weekly digest of a filter. Requires X-Api-Key.");

        digests.MapGet("/{id:guid}", async Task<Results<Ok<DigestSubscriptionView>, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.GetDigestAsync(id, ct) is { } view ? TypedResults.Ok(view) : NotFound("digest subscription", id))
            .WithName("GetDigest").WithSummary("One digest subscription. Requires X-Api-Key.");

        digests.MapPut("/{id:guid}", async Task<Results<Ok<DigestSubscriptionView>, NotFound<ProblemDetails>>> (Guid id, DigestSubscriptionRequest request, DeliveryManagement m, CancellationToken ct) =>
                await m.UpdateDigestAsync(id, request, ct) is { } view ? TypedResults.Ok(view) : NotFound("digest subscription", id))
            .WithName("UpdateDigest").WithSummary("Replace address, filter, frequency, hour and active flag. Requires X-Api-Key.");

        digests.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.DeleteDigestAsync(id, ct) ? TypedResults.NoContent() : NotFound("digest subscription", id))
            .WithName("DeleteDigest").WithSummary("Delete a digest subscription and its run history. Requires X-Api-Key.");

        digests.MapPost("/{id:guid}/send", async Task<Results<Accepted, NotFound<ProblemDetails>>> (Guid id, DeliveryManagement m, CancellationToken ct) =>
                await m.RequestSendAsync(id, ct) ? TypedResults.Accepted($"/api/digests/{id}/runs") : NotFound("active digest subscription", id))
            .WithName("SendDigest").WithSummary("Send the digest now (papers since the last one; an empty digest is not sent). Requires X-Api-Key.");

        digests.MapGet("/{id:guid}/runs", async (Guid id, DeliveryManagement m, CancellationToken ct, int limit = 50) => TypedResults.Ok(await m.ListRunsAsync(id, limit, ct)))
            .WithName("ListDigestRuns").WithSummary("Digests built for a subscription: sent, empty (not sent) or failed. Requires X-Api-Key.");

        // The link in every digest works without a key (the token is the capability). GET changes nothing (mail
        // scanners prefetch links): it shows a page whose button POSTs to the same URL. POST unsubscribes, from
        // that button or as RFC 8058 one-click.
        app.MapGet("/digests/unsubscribe", UnsubscribePageAsync).WithTags("Digests").WithName("UnsubscribeDigest")
            .WithSummary("The page behind the link in every digest: a button that unsubscribes (POST); changes nothing itself. No key.");
        app.MapPost("/digests/unsubscribe", UnsubscribeAsync).WithTags("Digests").WithName("UnsubscribeDigestOneClick")
            .WithSummary("Deactivate the digest subscription the token belongs to: the page's button and RFC 8058 one-click (List-Unsubscribe-Post); no key.")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<ContentHttpResult> UnsubscribePageAsync(string? token, DeliveryManagement m, CancellationToken ct)
    {
        var active = await m.UnsubscribeTokenActiveAsync(token, ct);
        if (active is null)
        {
            return Page(InvalidLink, StatusCodes.Status404NotFound);
        }

        if (active == false)
        {
            return Page("<p>This address is already unsubscribed: no more digests will be sent to it.</p>", StatusCodes.Status200OK);
        }

        var action = WebUtility.HtmlEncode("/digests/unsubscribe?token=" + Uri.EscapeDataString(token!));
        return Page(
            $"<p>Stop sending paper digests to this address?</p><form method=\"post\" action=\"{action}\"><button type=\"submit\">Unsubscribe</button></form>",
            StatusCodes.Status200OK);
    }

    private static async Task<ContentHttpResult> UnsubscribeAsync(string? token, DeliveryManagement m, CancellationToken ct) =>
        await m.UnsubscribeAsync(token, ct)
            ? Page("<p>You are unsubscribed: no more digests will be sent to this address.</p>", StatusCodes.Status200OK)
            : Page(InvalidLink, StatusCodes.Status404NotFound);

    private const string InvalidLink = "<p>This unsubscribe link is not valid (it may belong to a deleted subscription).</p>";

    /// <summary>A small page without script; <paramref name="body"/> is fixed markup (anything variable in it is encoded).</summary>
    private static ContentHttpResult Page(string body, int status) =>
        TypedResults.Content(
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body><h1>Paper digests</h1>{body}</body></html>",
            "text/html; charset=utf-8",
            statusCode: status);

    private static async ValueTask<object?> ValidationFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DeliveryValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        }
    }

    private static NotFound<ProblemDetails> NotFound(string what, Guid id) =>
        TypedResults.NotFound(new ProblemDetails { Title = $"No such {what}", Detail = $"No {what} '{id}'.", Status = StatusCodes.Status404NotFound });
}
