using Pipeline.ServiceDefaults;

namespace Pipeline.Parse;

/// <summary>Composition root, shared by Program.cs and in-process test hosts.</summary>
public static class ParseApp
{
    /// <param name="args">Command-line arguments.</param>
    /// <param name="configure">Runs first, e.g. to add configuration (tests).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        PipelineService.Create(args, "pipeline-parse", b => b.AddParseService(), configure);
}
