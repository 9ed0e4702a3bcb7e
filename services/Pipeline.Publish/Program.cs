using Pipeline.Publish;

await PublishApp.Create(args).RunAsync();
