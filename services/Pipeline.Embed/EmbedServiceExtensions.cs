using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Embed.Consumers;
using Pipeline.Embed.Lane;
using Pipeline.Embed.Persistence;
using Pipeline.Messaging;
using Pipeline.Persistence;
using Pipeline.ServiceDefaults;

namespace Pipeline.Embed;

public static class EmbedServiceExtensions
{
    /// <summary>The pipeline's own spans and meters.</summary>
    public const string ActivitySourceName = ServiceDefaultsExtensions.PipelineActivitySource;

    public static IHostApplicationBuilder AddEmbedService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbedOptions>()
            .BindConfiguration(EmbedOptions.SectionName)
            .Validate(o => o.BatchSize is >= 1 and <= 256, "Embed:BatchSize must be between 1 and 256.")
            .Validate(o => o.TopK is >= 1 and <= 200, "Embed:TopK must be between 1 and 200.")
            .Validate(o => o.MinSimilarity is >= 0 and < 1, "Embed:MinSimilarity must be in [0, 1).")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Embed:PollInterval must be positive.")
            .Validate(o => o.IntraOpThreads is >= 0 and <= 64, "Embed:IntraOpThreads must be between 0 (runtime default) and 64.")
            .ValidateOnStart();

        // Registers the migration step first, so the lane starts on a migrated schema.
        builder.Services.AddPipelineDbContext<EmbedDbContext>(builder.Configuration, EmbedDbContext.Schema);
        builder.Services.AddScoped<EmbedStore>();
        builder.Services.AddSingleton<EmbedLaneState>();
        builder.Services.AddSingleton<EmbedSignal>();
        builder.Services.AddSingleton<MiniLmTextEncoder>();
        builder.Services.AddSingleton<ITextEncoder>(sp => sp.GetRequiredService<MiniLmTextEncoder>());
        builder.Services.AddHostedService<EmbeddingLane>();
        builder.Services.AddHealthChecks().AddCheck<EmbedLaneHealthCheck>("embed-lane", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddPipelineMessaging(x => x.AddConsumer<PapersClassifiedEmbedConsumer, PapersClassifiedEmbedConsumerDefinition>());
        return builder;
    }
}

public sealed class EmbedOptions
{
    public const string SectionName = "Embed";

    /// <summary>Runs the embedding lane (default true). When false, work is still recorded so enabling it later catches up.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Papers claimed and embedded per transaction.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Length of each paper's related list.</summary>
    public int TopK { get; set; } = 10;

    /// <summary>Only papers more similar than this (cosine) are related.</summary>
    public double MinSimilarity { get; set; }

    /// <summary>Use pgvector where the extension is installed (default true); false forces the C# fallback.</summary>
    public bool UsePgvector { get; set; } = true;

    /// <summary>How often the lane looks for work when no consumer in this process signals (other instances' rows, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>ONNX Runtime threads per inference; 0 leaves the runtime default (all cores).</summary>
    public int IntraOpThreads { get; set; }
}

/// <summary>Part of <c>/health/ready</c>: always ready (the lane is off the publishing path); reports the mode.</summary>
public sealed class EmbedLaneHealthCheck(EmbedLaneState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = state.Mode.ToString(),
            ["reason"] = state.ModeReason,
            ["model"] = MiniLmTextEncoder.ModelName,
            ["embeddedSinceStart"] = state.Embedded,
        };
        var description = $"embedding lane: {state.Mode} ({state.ModeReason})";
        return Task.FromResult(state.LastError is { } error
            ? HealthCheckResult.Degraded($"{description}; last batch failed: {error}", data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}
