using System.Text.Json;
using Azure.Storage.Queues;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>An attempt due: which delivery, and its attempt number (a message for an attempt already made is stale and dropped).</summary>
public sealed record DeliveryAttemptMessage(string? PartnerId, string WebhookId, string DeliveryId, int Attempt)
{
    public WebhookOwner Owner => PartnerId is null ? WebhookOwner.Vendor : WebhookOwner.Partner(PartnerId);
}

/// <summary>What a dead-lettered delivery leaves on <c>webhook-deliveries-poison</c>.</summary>
public sealed record DeadLetterEnvelope(
    string ReasonCode, string Message, string? PartnerId, string WebhookId, string DeliveryId, string EventId, string EventType,
    int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset DeadLetteredAt);

/// <summary>
/// Schedules attempts on <c>webhook-deliveries</c>, each message invisible until its attempt is due (so a retry
/// survives any restart), and writes dead letters.
/// </summary>
public sealed class DeliveryQueue(QueueServiceClient queues)
{
    public const string RetriesExhausted = "webhook.retries_exhausted";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ScheduleAsync(WebhookDelivery delivery, int attempt, TimeSpan delay, CancellationToken cancellationToken)
    {
        var message = new DeliveryAttemptMessage(delivery.Owner.PartnerId, delivery.WebhookId, delivery.DeliveryId, attempt);

        // The queue counts visibility in whole seconds (it would truncate 0.75 s to 0): round up, never early.
        var seconds = Math.Ceiling(delay.TotalSeconds);
        // Never expires: a delay of up to the longest retry wait must not outlive the message (the default is 7 days).
        await queues.GetQueueClient(QueueNames.WebhookDeliveries).SendMessageAsync(
            BinaryData.FromObjectAsJson(message, Json),
            visibilityTimeout: seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
            timeToLive: TimeSpan.FromSeconds(-1),
            cancellationToken: cancellationToken);
    }

    public async Task DeadLetterAsync(WebhookDelivery delivery, WebhookAttempt last, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var envelope = new DeadLetterEnvelope(
            RetriesExhausted, $"No 2xx within the retry window after {delivery.AttemptCount + 1} attempts.", delivery.Owner.PartnerId, delivery.WebhookId,
            delivery.DeliveryId, delivery.EventId, delivery.EventType, delivery.AttemptCount + 1, last.StatusCode, last.Error, now);
        await queues.GetQueueClient(QueueNames.WebhookDeliveriesPoison).SendMessageAsync(
            BinaryData.FromObjectAsJson(envelope, Json), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    public static DeliveryAttemptMessage? Read(BinaryData body)
    {
        try
        {
            var message = body.ToObjectFromJson<DeliveryAttemptMessage>(Json);
            return message is { Attempt: >= 1 } && Domain.Ids.Ids.IsValid(message.WebhookId) && Domain.Ids.Ids.IsValid(message.DeliveryId)
                && (message.PartnerId is null || Domain.Ids.Ids.IsValid(message.PartnerId)) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
