using Pipeline.ServiceDefaults;

namespace Pipeline.Api;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ApiApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name finds the compiled Razor pages even when another assembly (a test) is the entry point.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ApiApp).Assembly.GetName().Name });
        configure?.Invoke(builder);
        builder.AddServiceDefaults("pipeline-api");
        builder.AddApiService();
        var app = builder.Build();
        app.UseApi();
        app.MapDefaultEndpoints();
        return app;
    }
}
