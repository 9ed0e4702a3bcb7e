using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pipeline.Deliver;
using Pipeline.Deliver.Management;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline webhooks list|add|remove|deliveries|redeliver</c>: webhook subscriptions and their deliveries in the
/// deliver schema; the running Deliver service sends. Target URLs follow the SSRF rules of <c>Deliver__Webhooks__*</c>
/// (environment) as the service does.
/// </summary>
public static class WebhooksCommand
{
    internal static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var list = new Command("list", "Webhook subscriptions with filters and delivery counts.") { json };
        list.SetAction(async (parse, ct) => await RunAsync(async m =>
        {
            var subscriptions = await m.ListWebhooksAsync(ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(subscriptions, Web));
                return 0;
            }

            foreach (var s in subscriptions)
            {
                var counts = string.Join(" ", s.Deliveries.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
                Console.WriteLine($"{s.Id}  {(s.Active ? "active  " : "inactive")}  {s.Url}\n    filter: {s.Filter.Describe()}  deliveries: {(counts.Length == 0 ? "none" : counts)}{(s.DisabledReason is null ? "" : "  ! " + s.DisabledReason)}");
            }

            return 0;
        }));

        var url = new Argument<string>("url") { Description = "Target URL (http or https)" };
        var secret = new Option<string?>("--secret") { Description = "Signing secret, 16–256 characters (generated and printed when omitted)" };
        var filter = FilterOptions.Create();
        var description = new Option<string?>("--description") { Description = "A note for operators" };
        var add = new Command("add", "Subscribe a URL to the events matching a filter.") { url, secret, description };
        filter.AddTo(add);
        add.SetAction(async (parse, ct) => await RunAsync(async m =>
        {
            var created = await m.CreateWebhookAsync(
                new WebhookSubscriptionRequest
                {
                    Url = parse.GetValue(url)!, Secret = parse.GetValue(secret), Description = parse.GetValue(description),
                    Topics = parse.GetValue(filter.Topics), Kinds = parse.GetValue(filter.Kinds), Models = parse.GetValue(filter.Models),
                    Benchmarks = parse.GetValue(filter.Benchmarks), Text = parse.GetValue(filter.Text),
                },
                ct);
            Console.WriteLine($"{created.Subscription.Id}  {created.Subscription.Url}  filter: {created.Subscription.Filter.Describe()}");
            if (parse.GetValue(secret) is null)
            {
                Console.WriteLine($"secret: {created.Secret}   (shown once: verify X-Pipeline-Signature with it)");
            }

            return 0;
        }));

        var id = new Argument<Guid>("id") { Description = "Subscription id" };
        var remove = new Command("remove", "Delete a subscription with its deliveries and attempt log.") { id };
        remove.SetAction(async (parse, ct) => await RunAsync(async m => await m.DeleteWebhookAsync(parse.GetValue(id), ct)
            ? Done($"{parse.GetValue(id)}: removed")
            : await NotFoundAsync($"no webhook subscription {parse.GetValue(id)}")));

        var status = new Option<string?>("--status") { Description = "pending, delivered or dead" };
        status.AcceptOnlyFromAmong("pending", "delivered", "dead");
        var subscription = new Option<Guid?>("--subscription") { Description = "Only this subscription's deliveries" };
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first)", DefaultValueFactory = _ => 50 };
        var deliveries = new Command("deliveries", "Deliveries, newest first, with their last outcome.") { status, subscription, limit, json };
        deliveries.SetAction(async (parse, ct) => await RunAsync(async m =>
        {
            var rows = await m.ListDeliveriesAsync(parse.GetValue(status), parse.GetValue(subscription), parse.GetValue(limit), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, Web));
                return 0;
            }

            Console.WriteLine($"{"delivery",-36}  {"status",-9} {"attempts",8}  {"event",-16} {"paper",-16} {"created",-19}  last outcome");
            foreach (var d in rows)
            {
                var outcome = d.LastStatusCode is { } code ? $"HTTP {code}" : d.LastError ?? "";
                Console.WriteLine($"{d.Id}  {d.Status,-9} {d.Attempts,8}  {d.Type,-16} {d.PaperId,-16} {d.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {outcome}");
            }

            return 0;
        }));

        var deliveryId = new Argument<Guid>("delivery") { Description = "Delivery id" };
        var redeliver = new Command("redeliver", "Send a delivery again (dead or delivered) with a fresh round of attempts.") { deliveryId };
        redeliver.SetAction(async (parse, ct) => await RunAsync(async m => await m.RedeliverAsync(parse.GetValue(deliveryId), ct) is { } d
            ? Done($"{d.Id}: pending again (the Deliver service sends it on its next round)")
            : await NotFoundAsync($"no delivery {parse.GetValue(deliveryId)}")));

        return new Command("webhooks", "Signed webhook subscriptions and their deliveries.") { list, add, remove, deliveries, redeliver };
    }

    /// <summary>Runs <paramref name="action"/> with a <see cref="DeliveryManagement"/> over the CLI's database; validation errors exit 2.</summary>
    internal static async Task<int> RunAsync(Func<DeliveryManagement, Task<int>> action)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = new DeliverOptions();
        configuration.GetSection(DeliverOptions.SectionName).Bind(options);
        await using var db = CliDatabase.Deliver();
        try
        {
            return await action(new DeliveryManagement(db, Options.Create(options), TimeProvider.System));
        }
        catch (DeliveryValidationException ex)
        {
            foreach (var (field, errors) in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"{field}: {string.Join("; ", errors)}");
            }

            return 2;
        }
    }

    internal static int Done(string message)
    {
        Console.WriteLine(message);
        return 0;
    }

    internal static async Task<int> NotFoundAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}

/// <summary>The filter options webhooks and digests share (<c>--topic</c>, <c>--kind</c>, <c>--model</c>, <c>--benchmark</c>, <c>--text</c>).</summary>
internal sealed record FilterOptions(Option<string[]> Topics, Option<string[]> Kinds, Option<string[]> Models, Option<string[]> Benchmarks, Option<string?> Text)
{
    public static FilterOptions Create()
    {
        var kinds = new Option<string[]>("--kind") { Description = "published, updated or withdrawn (repeatable; default all)", AllowMultipleArgumentsPerToken = true };
        kinds.AcceptOnlyFromAmong("published", "updated", "withdrawn");
        return new FilterOptions(
            new Option<string[]>("--topic") { Description = "Taxonomy topic id (repeatable; any matches)", AllowMultipleArgumentsPerToken = true },
            kinds,
            new Option<string[]>("--model") { Description = "Base model name or family (repeatable)", AllowMultipleArgumentsPerToken = true },
            new Option<string[]>("--benchmark") { Description = "Benchmark name (repeatable)", AllowMultipleArgumentsPerToken = true },
            new Option<string?>("--text") { Description = "Words that must all occur in the title or abstract" });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Topics);
        command.Options.Add(Kinds);
        command.Options.Add(Models);
        command.Options.Add(Benchmarks);
        command.Options.Add(Text);
    }
}
