using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

/// <summary>
/// Re-runs a read-modify-write when it loses an optimistic-concurrency race. Bounded attempts, full
/// jitter on an exponential backoff: concurrent losers spread out instead of colliding again in step.
/// The operation must re-read everything it writes (it runs from scratch each time).
/// </summary>
public sealed record OptimisticRetry(int MaxAttempts = 30, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public static OptimisticRetry Default { get; } = new();

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var baseDelay = BaseDelay ?? TimeSpan.FromMilliseconds(10);
        var maxDelay = MaxDelay ?? TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken = default) =>
        RunAsync(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
