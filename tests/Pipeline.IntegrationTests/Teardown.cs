namespace Pipeline.IntegrationTests;

/// <summary>
/// Runs every teardown step even when one fails, and reports failures on stderr: a leftover temp folder or a
/// slow broker disconnect must not hide (or fail) the assertions that ran before.
/// </summary>
public static class Teardown
{
    public static async ValueTask RunAllAsync(params Func<ValueTask>[] steps)
    {
        foreach (var step in steps)
        {
            try
            {
                await step();
            }
            catch (Exception ex)
            {
                await Console.Error.WriteLineAsync($"teardown step failed: {ex}");
            }
        }
    }
}
