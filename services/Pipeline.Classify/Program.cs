using Pipeline.Classify;

await ClassifyApp.Create(args).RunAsync();
