using Pipeline.ServiceDefaults;

namespace Pipeline.Deliver;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class DeliverApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        PipelineService.Create(args, "pipeline-deliver", b => b.AddDeliverService(), configure);
}
