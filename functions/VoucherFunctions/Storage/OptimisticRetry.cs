using System.Runtime.CompilerServices;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Storage;

/// <summary>
/// Re-runs a read-modify-write when it loses an optimistic-concurrency race. Bounded attempts, full
/// jitter on an exponential backoff: concurrent losers spread out instead of colliding again in step.
/// The operation must re-read everything it writes (it runs from scratch each time).
/// </summary>
public sealed record OptimisticRetry(int MaxAttempts = 30, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public static OptimisticRetry Default { get; } = new();

    /// <summary>Counts every lost race (<see cref="VoucherMetrics.EtagConflict"/>) by the class that ran the operation.</summary>
    public VoucherMetrics? Metrics { get; init; }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default, [CallerFilePath] string site = "")
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
            catch (ConcurrencyConflictException) when (Counted(site, retried: attempt < MaxAttempts))
            {
                var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken = default, [CallerFilePath] string site = "") =>
        RunAsync(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken, site);

    /// <summary>Records the conflict; true when it is retried (the exception filter then catches it, else it propagates).</summary>
    private bool Counted(string site, bool retried)
    {
        // The file name of the caller (BillGroupProcessor, ApprovalService, ...): a closed set, never a path.
        Metrics?.EtagConflict(site[(site.LastIndexOfAny(['/', '\\']) + 1)..].Replace(".cs", "", StringComparison.Ordinal), retried);
        return retried;
    }
}
