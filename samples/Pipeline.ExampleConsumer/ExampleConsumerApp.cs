using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Pipeline.ExampleConsumer;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ExampleConsumerApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddExampleConsumer();
        var app = builder.Build();
        // /health/live: the process runs; /health/ready: PostgreSQL answers and the bus is connected.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        return app;
    }
}
