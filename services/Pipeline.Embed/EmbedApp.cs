using Microsoft.EntityFrameworkCore;
using Pipeline.Embed.Lane;
using Pipeline.Embed.Persistence;
using Pipeline.ServiceDefaults;

namespace Pipeline.Embed;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class EmbedApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddServiceDefaults("pipeline-embed");
        builder.AddEmbedService();
        var app = builder.Build();
        app.MapDefaultEndpoints();

        // What the lane does right now: search mode (pgvector or fallback), model, backlog.
        app.MapGet("/embed/status", async (EmbedLaneState state, EmbedDbContext db, CancellationToken ct) =>
            Results.Json(state.Snapshot(await db.Pending.LongCountAsync(ct))));
        return app;
    }
}
