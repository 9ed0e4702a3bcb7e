using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pipeline.Embed.Tests;

/// <summary>Embed options are validated when the host starts, before anything connects.</summary>
public sealed class EmbedOptionsTests
{
    [Theory]
    [InlineData("Embed:TopK", "0")]
    [InlineData("Embed:BatchSize", "0")]
    [InlineData("Embed:BatchSize", "100000")]
    [InlineData("Embed:MinSimilarity", "1")]
    [InlineData("Embed:MinSimilarity", "-0.5")]
    public async Task An_invalid_setting_stops_the_host_at_start(string key, string value)
    {
        await using var app = EmbedApp.Create(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Never reached: validation fails first.
                ["ConnectionStrings:Pipeline"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none",
                ["RabbitMq:Host"] = "127.0.0.1",
                ["Urls"] = "http://127.0.0.1:0",
                [key] = value,
            });
            builder.Logging.ClearProviders();
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
