using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Pipeline.Deliver.Management;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline digests list|add|remove|send</c>: e-mail digest subscriptions in the deliver schema; the running
/// Deliver service builds and sends them (when <c>Deliver__Smtp__Host</c> is set there).
/// </summary>
public static class DigestsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var list = new Command("list", "Digest subscriptions with filter, schedule and last sending.") { json };
        list.SetAction(async (parse, ct) => await WebhooksCommand.RunAsync(async m =>
        {
            var subscriptions = await m.ListDigestsAsync(ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(subscriptions, WebhooksCommand.Web));
                return 0;
            }

            foreach (var s in subscriptions)
            {
                Console.WriteLine($"{s.Id}  {(s.Active ? "active  " : "inactive")}  {s.Email}  {s.Frequency} at {s.SendHourUtc:00}:00 UTC  next {Format(s.NextDueAt)}  last sent {Format(s.LastSentAt)}\n    filter: {s.Filter.Describe()}");
            }

            return 0;
        }));

        var email = new Argument<string>("email") { Description = "Recipient address" };
        var frequency = new Option<string>("--frequency") { Description = "daily or weekly (Mondays)", DefaultValueFactory = _ => "daily" };
        frequency.AcceptOnlyFromAmong("daily", "weekly");
        var hour = new Option<int>("--hour") { Description = "Hour of the day (UTC) to send, 0–23", DefaultValueFactory = _ => 7 };
        var filter = FilterOptions.Create();
        var add = new Command("add", "Subscribe an address to a digest of the papers matching a filter.") { email, frequency, hour };
        filter.AddTo(add);
        add.SetAction(async (parse, ct) => await WebhooksCommand.RunAsync(async m =>
        {
            var created = await m.CreateDigestAsync(
                new DigestSubscriptionRequest
                {
                    Email = parse.GetValue(email)!, Frequency = parse.GetValue(frequency)!, SendHourUtc = parse.GetValue(hour),
                    Topics = parse.GetValue(filter.Topics), Kinds = parse.GetValue(filter.Kinds), Models = parse.GetValue(filter.Models),
                    Benchmarks = parse.GetValue(filter.Benchmarks), Text = parse.GetValue(filter.Text),
                },
                ct);
            return WebhooksCommand.Done($"{created.Id}  {created.Email}  {created.Frequency}, first digest {Format(created.NextDueAt)}  filter: {created.Filter.Describe()}");
        }));

        var id = new Argument<Guid>("id") { Description = "Subscription id" };
        var remove = new Command("remove", "Delete a digest subscription and its history.") { id };
        remove.SetAction(async (parse, ct) => await WebhooksCommand.RunAsync(async m => await m.DeleteDigestAsync(parse.GetValue(id), ct)
            ? WebhooksCommand.Done($"{parse.GetValue(id)}: removed")
            : await WebhooksCommand.NotFoundAsync($"no digest subscription {parse.GetValue(id)}")));

        var sendId = new Argument<Guid>("id") { Description = "Subscription id" };
        var send = new Command("send", "Send the digest now (papers since the last one; an empty digest is not sent).") { sendId };
        send.SetAction(async (parse, ct) => await WebhooksCommand.RunAsync(async m => await m.RequestSendAsync(parse.GetValue(sendId), ct)
            ? WebhooksCommand.Done($"{parse.GetValue(sendId)}: requested (the Deliver service sends it within its poll interval)")
            : await WebhooksCommand.NotFoundAsync($"no active digest subscription {parse.GetValue(sendId)}")));

        return new Command("digests", "Daily or weekly e-mail digests of trending papers.") { list, add, remove, send };
    }

    private static string Format(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
}
