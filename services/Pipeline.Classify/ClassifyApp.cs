using Pipeline.ServiceDefaults;

namespace Pipeline.Classify;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ClassifyApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("pipeline-classify");
        builder.AddClassifyService();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
