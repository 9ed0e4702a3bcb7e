using Pipeline.ServiceDefaults;

namespace Pipeline.Classify;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ClassifyApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("pipeline-classify");
        builder.AddClassifyService();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
