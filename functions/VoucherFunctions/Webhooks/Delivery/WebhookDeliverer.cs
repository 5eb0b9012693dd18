using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Webhooks;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// Runs one attempt of one delivery (a message on <c>webhook-deliveries</c>) and records it. A delivery row is
/// claimed (ETag) before sending, so two copies of a message never both send; a message for an attempt already
/// made is stale and dropped. After a failure the next attempt is queued before the failure is recorded, so a crash
/// in between repeats an attempt rather than losing the delivery; when the retry window is over the delivery is
/// dead-lettered and the webhook marked failing. Delivery is at least once: receivers deduplicate by <c>webhook-id</c>.
/// </summary>
public sealed partial class WebhookDeliverer(
    IWebhookStore store, WebhookSender sender, DeliveryQueue queue, IOptions<WebhookOptions> options, OptimisticRetry retry, TimeProvider clock, VoucherMetrics metrics, ILogger<WebhookDeliverer> logger)
{
    /// <summary>Longer than an attempt can take, so a claim only lapses when its sender died.</summary>
    private TimeSpan ClaimHold => options.Value.AttemptTimeout + TimeSpan.FromSeconds(20);

    public async Task AttemptAsync(DeliveryAttemptMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var owner = message.Owner;
        var stored = await store.GetDeliveryAsync(owner, message.WebhookId, message.DeliveryId, cancellationToken);
        var now = clock.GetUtcNow();
        if (stored is null || stored.Value.Status != WebhookDeliveryStatus.Pending || message.Attempt <= stored.Value.AttemptCount)
        {
            LogStale(logger, message.DeliveryId, message.Attempt);
            return;
        }

        if (stored.Value.SendingUntil is { } claimedUntil && claimedUntil > now)
        {
            // Another attempt is being sent or recorded (the next one is queued before the last is recorded, so it can
            // arrive first). Look again in a second, and on until the claim is recorded or lapses (its sender died).
            await queue.ScheduleAsync(stored.Value, message.Attempt, TimeSpan.FromSeconds(1), cancellationToken);
            LogClaimed(logger, message.DeliveryId, message.Attempt, claimedUntil);
            return;
        }

        var webhook = await store.GetAsync(owner, message.WebhookId, cancellationToken);
        if (webhook is null)
        {
            LogWebhookGone(logger, message.WebhookId, message.DeliveryId);
            return;
        }

        try
        {
            stored = await store.UpdateDeliveryAsync(stored.Value.Claim(now, ClaimHold), stored.Version, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another copy of this message (or a redelivery) claimed it first: that one sends.
            LogStale(logger, message.DeliveryId, message.Attempt);
            return;
        }

        var delivery = stored.Value;
        var number = delivery.AttemptCount + 1;
        var attempt = await sender.SendAsync(webhook.Value, delivery, number, cancellationToken);
        if (attempt.Succeeded)
        {
            metrics.WebhookDelivery("delivered", attempt.StatusCode, TimeSpan.FromMilliseconds(attempt.DurationMs));
            await RecordAsync(delivery, d => d.RecordSuccess(attempt), cancellationToken);
            await UpdateHealthAsync(owner, delivery.WebhookId, h => h.Succeeded(attempt.StartedAt), cancellationToken);
            LogDelivered(logger, delivery.DeliveryId, delivery.WebhookId, delivery.EventId, number, attempt.StatusCode ?? 0, attempt.DurationMs);
            return;
        }

        var failuresThisRun = delivery.Attempts.Count(a => a.StartedAt >= delivery.WindowStartedAt) + 1;
        var end = clock.GetUtcNow();
        if (options.Value.Schedule.Next(failuresThisRun, delivery.WindowStartedAt, end, Random.Shared.Next(RetrySchedule.JitterScale)) is { } next)
        {
            metrics.WebhookDelivery("failed", attempt.StatusCode, TimeSpan.FromMilliseconds(attempt.DurationMs));
            await queue.ScheduleAsync(delivery, number + 1, next - end, cancellationToken);
            await RecordAsync(delivery, d => d.RecordRetry(attempt, next), cancellationToken);
            await UpdateHealthAsync(owner, delivery.WebhookId, h => h.AttemptFailed(attempt.StartedAt), cancellationToken);
            LogRetrying(logger, delivery.DeliveryId, delivery.WebhookId, number, attempt.StatusCode, attempt.Error, next);
            return;
        }

        metrics.WebhookDelivery("abandoned", attempt.StatusCode, TimeSpan.FromMilliseconds(attempt.DurationMs));
        await queue.DeadLetterAsync(delivery, attempt, end, cancellationToken);
        await RecordAsync(delivery, d => d.RecordDeadLetter(attempt, end), cancellationToken);
        await UpdateHealthAsync(owner, delivery.WebhookId, h => h.AttemptFailed(attempt.StartedAt).DeadLettered(end), cancellationToken);
        LogDeadLettered(logger, delivery.DeliveryId, delivery.WebhookId, delivery.EventId, number, attempt.StatusCode, attempt.Error);
    }

    // Re-read so an attempt's record lands even if a redelivery request changed the row meanwhile.
    private Task RecordAsync(WebhookDelivery claimed, Func<WebhookDelivery, WebhookDelivery> record, CancellationToken cancellationToken) =>
        retry.RunAsync(async ct =>
        {
            var fresh = await store.GetDeliveryAsync(claimed.Owner, claimed.WebhookId, claimed.DeliveryId, ct);
            if (fresh is not null)
            {
                await store.UpdateDeliveryAsync(record(fresh.Value), fresh.Version, ct);
            }
        }, cancellationToken);

    private Task UpdateHealthAsync(WebhookOwner owner, string webhookId, Func<WebhookHealth, WebhookHealth> change, CancellationToken cancellationToken) =>
        retry.RunAsync(async ct =>
        {
            var health = await store.GetHealthAsync(owner, webhookId, ct);
            await store.SaveHealthAsync(owner, webhookId, change(health?.Value ?? WebhookHealth.New), health?.Version, ct);
        }, cancellationToken);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to {WebhookId}: event {EventId} delivered on attempt {Attempt} ({StatusCode}, {DurationMs} ms)")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string webhookId, string eventId, int attempt, int statusCode, int durationMs);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to {WebhookId}: attempt {Attempt} failed ({StatusCode}, {Error}); next at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, string deliveryId, string webhookId, int attempt, int? statusCode, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} to {WebhookId}: event {EventId} dead-lettered after {Attempt} attempts ({StatusCode}, {Error}); the webhook is marked failing")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, string webhookId, string eventId, int attempt, int? statusCode, string? error);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId}: attempt message {Attempt} is stale; dropped")]
    private static partial void LogStale(ILogger logger, string deliveryId, int attempt);

    [LoggerMessage(EventId = 5306, Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId}: an attempt is being sent (claimed until {ClaimedUntil}); attempt {Attempt} looks again in a second")]
    private static partial void LogClaimed(ILogger logger, string deliveryId, int attempt, DateTimeOffset claimedUntil);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Information, Message = "Webhook {WebhookId} was deleted; delivery {DeliveryId} stops")]
    private static partial void LogWebhookGone(ILogger logger, string webhookId, string deliveryId);
}
