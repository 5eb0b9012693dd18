using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoucherFunctions.Storage.Webhooks;

namespace VoucherFunctions.Webhooks;

/// <summary>
/// Every hour: removes webhook deliveries older than <see cref="WebhookOptions.DeliveryRetention"/> from the delivery
/// logs (<see cref="DeliveryLogSweeper"/>). Azure runs it on one instance at a time; two at once are safe too.
/// </summary>
public sealed partial class DeliveryLogSweepFunction(DeliveryLogSweeper sweeper, IOptions<WebhookOptions> options, ILogger<DeliveryLogSweepFunction> logger)
{
    [Function("DeliveryLogSweep")]
    public async Task Sweep([TimerTrigger("0 40 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await sweeper.SweepAsync(options.Value.DeliveryRetention, cancellationToken);
        if (result.IndexRows > 0)
        {
            LogSweep(logger, result.IndexRows, result.Read, result.Deleted, result.Kept, result.Failed);
        }
    }

    [LoggerMessage(EventId = 5332, Level = LogLevel.Information, Message = "Delivery log sweep: {IndexRows} index rows due, {Read} deliveries read, {Deleted} deleted, {Kept} kept, {Failed} logs left for the next sweep")]
    private static partial void LogSweep(ILogger logger, int indexRows, int read, int deleted, int kept, int failed);
}
