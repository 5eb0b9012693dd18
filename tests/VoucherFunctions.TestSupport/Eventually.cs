namespace VoucherFunctions.TestSupport;

/// <summary>Waits for an asynchronous effect (a queue delivery, an orchestration's step) with a generous cap.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null) => TrueAsync(() => Task.FromResult(condition()), timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {limit}.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Reads until what is read satisfies <paramref name="done"/>, and answers it; <paramref name="failure"/> says what did not happen.</summary>
    public static Task<T> ValueAsync<T>(Func<T> read, Func<T, bool> done, string failure, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(read()), done, failure, timeout);

    /// <inheritdoc cref="ValueAsync{T}(Func{T}, Func{T, bool}, string, TimeSpan?)"/>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string failure, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"After {limit.TotalSeconds} s: {failure}.");
            }

            await Task.Delay(100);
        }
    }
}
