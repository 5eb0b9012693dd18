using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Storage;

/// <summary>
/// Creates every queue the app uses (<see cref="QueueNames.All"/>: the triggered queue, its poison queue, outcomes,
/// events) when the app starts, so a consumer that starts before the first message finds its queue
/// instead of QueueNotFound. Idempotent (CreateIfNotExists), so it costs one call per queue where the
/// deployment already declares them. A failure does not stop the app: senders still create their queue
/// on first send; it is logged.
/// </summary>
public sealed partial class QueueProvisioner(QueueServiceClient queues, ILogger<QueueProvisioner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(QueueNames.All.Select(name => queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogProvisioningFailed(ex, string.Join(", ", QueueNames.All));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not create the app's queues {QueueNames} at start; each is created on its first send")]
    private partial void LogProvisioningFailed(Exception exception, string queueNames);
}
