using Pipeline.Embed;

await EmbedApp.Create(args).RunAsync();
