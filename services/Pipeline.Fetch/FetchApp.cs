using Pipeline.ServiceDefaults;

namespace Pipeline.Fetch;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class FetchApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("pipeline-fetch");
        builder.AddFetchService();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
