using Pipeline.ServiceDefaults;

namespace Pipeline.Publish;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class PublishApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults("pipeline-publish");
        builder.AddPublishService();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
