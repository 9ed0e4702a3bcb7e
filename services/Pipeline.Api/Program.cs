using Pipeline.Api;

await ApiApp.Create(args).RunAsync();
