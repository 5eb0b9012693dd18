using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Storage.Outbox;

namespace VoucherFunctions.Expiry;

/// <summary>
/// The two timers. Azure runs each on one instance at a time (the timer trigger's singleton lock); both sweeps are
/// also safe to run concurrently (every write is conditional), which is what two local hosts on one account do.
/// </summary>
public sealed partial class SweepFunctions(ExpirySweeper expiry, OutboxSweeper outbox, ILogger<SweepFunctions> logger)
{
    /// <summary>Every 5 minutes: expiring-soon notices and expiries that fell due (<see cref="ExpirySweeper"/>).</summary>
    [Function("ExpirySweep")]
    public async Task SweepExpiries([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await expiry.SweepAsync(cancellationToken);
        LogExpirySweep(logger, result.Noticed, result.Expired, result.Dropped, result.Pending);
    }

    /// <summary>Every minute: events committed but never published (<see cref="OutboxSweeper"/>).</summary>
    [Function("OutboxSweep")]
    public async Task SweepOutbox([TimerTrigger("30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await outbox.SweepAsync(cancellationToken);
        if (result.Published > 0 || result.Failed > 0)
        {
            LogOutboxSweep(logger, result.IndexRows, result.Published, result.Failed);
        }
    }

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Expiry sweep: {Noticed} expiring-soon notices, {Expired} expired, {Dropped} index rows dropped, {Pending} left for the next sweep")]
    private static partial void LogExpirySweep(ILogger logger, int noticed, int expired, int dropped, int pending);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "Outbox sweep: {IndexRows} index rows due, {Published} events published late, {Failed} outbox rows failed again")]
    private static partial void LogOutboxSweep(ILogger logger, int indexRows, int published, int failed);
}
