using Azure.Storage.Queues;

namespace VoucherFunctions.Storage.Outbox;

/// <summary>Where committed events go: <c>voucher-events</c>. An interface so tests can fail the step between commit and send.</summary>
public interface IEventPublisher
{
    /// <summary>Sends each structured CloudEvent as one message. At least once: a retry may send some again (same ids).</summary>
    Task PublishAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken);
}

/// <summary>Sends on <c>voucher-events</c> (tests: a queue of their own) with the app's base64 queue client, like every message the app writes.</summary>
public sealed class QueueEventPublisher(QueueServiceClient queues, string queueName) : IEventPublisher
{
    private readonly QueueClient _queue = queues.GetQueueClient(queueName);

    public QueueEventPublisher(QueueServiceClient queues)
        : this(queues, QueueNames.VoucherEvents)
    {
    }

    public async Task PublishAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvents);
        try
        {
            await SendAllAsync(cloudEvents, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.ErrorCode == "QueueNotFound")
        {
            // QueueProvisioner creates it at start; this covers a start whose provisioning failed.
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await SendAllAsync(cloudEvents, cancellationToken);
        }
    }

    private Task SendAllAsync(IReadOnlyList<string> cloudEvents, CancellationToken cancellationToken) =>
        Task.WhenAll(cloudEvents.Select(e => _queue.SendMessageAsync(BinaryData.FromString(e), cancellationToken: cancellationToken)));
}
