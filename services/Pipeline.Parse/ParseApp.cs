using Pipeline.ServiceDefaults;

namespace Pipeline.Parse;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ParseApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("pipeline-parse");
        builder.AddParseService();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
