using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// Takes one committed event off <c>voucher-events</c> and makes one delivery per matching subscription: the
/// partner's own webhooks (never another partner's), and the vendor's when the event is for the vendor too. Each
/// delivery's id derives from webhook and event, so the same event read twice makes no second delivery; its first
/// attempt is queued (again) while it has made none, which repairs a crash between the two writes. An event that is
/// not a catalogue CloudEvent goes to <c>voucher-events-poison</c> with the reason.
/// </summary>
public sealed partial class WebhookFanOut(IWebhookStore store, DeliveryQueue queue, QueueServiceClient queues, TimeProvider clock, ILogger<WebhookFanOut> logger)
{
    public const string EventInvalid = "event.invalid";

    public async Task HandleAsync(ReadOnlyMemory<byte> body, string messageId, CancellationToken cancellationToken)
    {
        var (received, problem) = ReceivedEvent.Read(body);
        if (received is null)
        {
            LogRefused(logger, messageId, problem!);
            var envelope = new { reasonCode = EventInvalid, message = problem, messageId, receivedAt = clock.GetUtcNow(), originalBody = System.Text.Encoding.UTF8.GetString(body.Span) };
            await queues.GetQueueClient(QueueNames.VoucherEvents + "-poison").SendMessageAsync(BinaryData.FromObjectAsJson(envelope, new JsonSerializerOptions(JsonSerializerDefaults.Web)), cancellationToken: cancellationToken);
            return;
        }

        var partner = WebhookOwner.Partner(received.PartnerId);
        var targets = (await store.SubscribersAsync(partner, cancellationToken)).Where(w => w.Wants(received.Type.Name)).ToList();
        if (received.ReachesVendor)
        {
            targets.AddRange((await store.SubscribersAsync(WebhookOwner.Vendor, cancellationToken)).Where(w => w.Wants(received.Type.Name)));
        }

        await Task.WhenAll(targets.Select(webhook => StartAsync(webhook, received, cancellationToken)));
        LogFannedOut(logger, received.Id, received.Type.Name, received.PartnerId, targets.Count);
    }

    /// <summary>Creates the delivery (or finds it) and queues its first attempt while none was made.</summary>
    public async Task<WebhookDelivery> StartAsync(Webhook webhook, string eventId, string eventType, string json, DateTimeOffset? eventTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var delivery = WebhookDelivery.New(DeliveryIds.For(webhook.WebhookId, eventId, eventTime), webhook.Owner, webhook.WebhookId, eventId, eventType, json, clock.GetUtcNow());
        var (stored, _) = await store.AddDeliveryAsync(delivery, cancellationToken);
        if (stored.Value is { Status: WebhookDeliveryStatus.Pending, AttemptCount: 0 })
        {
            await queue.ScheduleAsync(stored.Value, 1, TimeSpan.Zero, cancellationToken);
        }

        return stored.Value;
    }

    private Task<WebhookDelivery> StartAsync(Webhook webhook, ReceivedEvent received, CancellationToken cancellationToken) =>
        StartAsync(webhook, received.Id, received.Type.Name, received.Json, received.Time, cancellationToken);

    [LoggerMessage(EventId = 5311, Level = LogLevel.Information, Message = "Event {EventId} ({EventType}) of partner {PartnerId}: {Deliveries} webhook deliveries")]
    private static partial void LogFannedOut(ILogger logger, string eventId, string eventType, string partnerId, int deliveries);

    [LoggerMessage(EventId = 5312, Level = LogLevel.Error, Message = "Message {MessageId} on voucher-events is not a deliverable event ({Problem}); moved to voucher-events-poison")]
    private static partial void LogRefused(ILogger logger, string messageId, string problem);
}
