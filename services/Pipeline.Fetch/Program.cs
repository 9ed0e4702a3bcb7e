using Pipeline.Fetch;

await FetchApp.Create(args).RunAsync();
