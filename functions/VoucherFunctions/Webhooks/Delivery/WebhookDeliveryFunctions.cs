using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>The two queue triggers of webhook delivery: fan-out of committed events, and one attempt per message.</summary>
public sealed partial class WebhookDeliveryFunctions(WebhookFanOut fanOut, WebhookDeliverer deliverer, ILogger<WebhookDeliveryFunctions> logger)
{
    [Function("FanOutVoucherEvent")]
    public Task FanOut([QueueTrigger(QueueNames.VoucherEvents)] QueueMessage message, CancellationToken cancellationToken) =>
        fanOut.HandleAsync(message.Body.ToMemory(), message.MessageId, cancellationToken);

    [Function("AttemptWebhookDelivery")]
    public Task Attempt([QueueTrigger(QueueNames.WebhookDeliveries)] QueueMessage message, CancellationToken cancellationToken)
    {
        if (DeliveryQueue.Read(message.Body) is not { } attempt)
        {
            // Only the app writes this queue: a message it cannot read is dropped, with a trace.
            LogUnreadable(logger, message.MessageId);
            return Task.CompletedTask;
        }

        return deliverer.AttemptAsync(attempt, cancellationToken);
    }

    [LoggerMessage(EventId = 5321, Level = LogLevel.Error, Message = "Message {MessageId} on webhook-deliveries is not an attempt message; dropped")]
    private static partial void LogUnreadable(ILogger logger, string messageId);
}
