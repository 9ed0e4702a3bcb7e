using Pipeline.Deliver;

await DeliverApp.Create(args).RunAsync();
