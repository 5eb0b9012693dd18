using System.Threading.RateLimiting;
using VoucherFunctions.Vendor.Actions;

namespace VoucherFunctions.Vendor;

/// <summary>
/// The vendor's per-key, per-action request rates (20/s for lists, 5/s for batch queries) as one-second
/// fixed windows, no queueing: a request over the rate is answered <c>RequestLimitExceeded</c> at once.
/// Counted per app instance (in Azure, each instance of a scaled-out app allows the rate).
/// </summary>
public sealed class VendorRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(string SecretId, VendorAction Action)> _limiter =
        PartitionedRateLimiter.Create<(string SecretId, VendorAction Action), (string, string)>(key =>
            RateLimitPartition.GetFixedWindowLimiter((key.SecretId, key.Action.Name), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = (int)key.Action.Rate,
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public bool TryAcquire(string secretId, VendorAction action)
    {
        using var lease = _limiter.AttemptAcquire((secretId, action));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
