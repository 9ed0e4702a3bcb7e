using Microsoft.Playwright;

namespace Pipeline.Api.Tests;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by deploy/local/test.sh) driven by Playwright;
/// nothing is downloaded. Fails loudly when the browser is missing.
/// </summary>
public static class Browsers
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowserContext Context)> LaunchAsync(Uri baseAddress, string userDataDir)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium (deploy/local/test.sh does it).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            // A persistent context on a fresh, empty profile folder: no state from any earlier run.
            var context = await playwright.Chromium.LaunchPersistentContextAsync(userDataDir, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
                BaseURL = baseAddress.ToString().TrimEnd('/'),
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
                TimezoneId = "UTC",
                Locale = "en-US",
            });
            context.SetDefaultTimeout(30_000);
            return (playwright, context);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
