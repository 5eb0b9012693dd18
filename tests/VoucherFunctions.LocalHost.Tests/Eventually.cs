namespace VoucherFunctions.LocalHost.Tests;

/// <summary>Waits for an asynchronous effect (a queue delivery, an orchestration) with a generous cap.</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {timeout}.");
            }
            await Task.Delay(50);
        }
    }
}
