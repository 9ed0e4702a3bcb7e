using Pipeline.Parse;

await ParseApp.Create(args).RunAsync();
