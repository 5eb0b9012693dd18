using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace VoucherFunctions.LocalHost.Queues;

/// <summary>
/// Keeps one received message invisible while its function runs. Like the Functions host's queue listener
/// (UpdateQueueMessageVisibilityCommand, renewed when half the lease has passed), but with a short lease, so
/// a message whose process died comes back within <see cref="Duration"/> instead of the host's 10 minutes.
/// Each renewal returns a new pop receipt; <see cref="PopReceipt"/> is the one to delete or release with.
/// </summary>
internal sealed partial class MessageLease
{
    // A renewal that failed on a storage blip is tried again this soon (still well inside the lease).
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private string _popReceipt;

    private MessageLease(QueueClient queue, QueueMessage message, TimeSpan duration, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _popReceipt = message.PopReceipt;
        _logger = logger;
        Duration = duration;
        _renewal = RenewWhileHeldAsync();
    }

    /// <summary>How long the message stays invisible after each renewal (whole seconds: the service's unit).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The newest pop receipt; read it after <see cref="StopAsync"/>.</summary>
    public string PopReceipt => Volatile.Read(ref _popReceipt);

    /// <summary>Starts renewing a message that was received with a visibility timeout of <paramref name="duration"/>.</summary>
    public static MessageLease Start(QueueClient queue, QueueMessage message, TimeSpan duration, ILogger logger) =>
        new(queue, message, duration, logger);

    /// <summary>Stops renewing. A renewal in flight is awaited, never cancelled, so its new pop receipt is not lost.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
    }

    private async Task RenewWhileHeldAsync()
    {
        var halfway = Duration / 2;
        var wait = halfway;
        while (true)
        {
            // Stopped while waiting, as every lease is when its function ends: told by the token, not by an exception
            // (two messages a bill, a thrown and caught cancellation each, were the benchmark's only exceptions).
            await Task.Delay(wait, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var receipt = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: Duration, cancellationToken: CancellationToken.None);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
                wait = halfway;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == QueueErrorCode.PopReceiptMismatch || ex.ErrorCode == QueueErrorCode.MessageNotFound || ex.ErrorCode == QueueErrorCode.QueueNotFound)
            {
                // The lease already ran out and someone else holds the message (or it is gone): nothing left to renew.
                LogLeaseLost(ex, _messageId, _queue.Name, ex.ErrorCode);
                return;
            }
            catch (Exception ex)
            {
                LogRenewalFailed(ex, _messageId, _queue.Name);
                wait = RetryAfterFailure < halfway ? RetryAfterFailure : halfway;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of message {MessageId} on queue {QueueName}; trying again")]
    private partial void LogRenewalFailed(Exception exception, string messageId, string queueName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of message {MessageId} on queue {QueueName} ({ErrorCode}); it may be delivered again")]
    private partial void LogLeaseLost(Exception exception, string messageId, string queueName, string? errorCode);
}
