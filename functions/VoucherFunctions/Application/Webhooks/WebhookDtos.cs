using VoucherFunctions.Application.Common;
using System.ComponentModel;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Application.Webhooks;

/// <summary>A webhook as created or replaced.</summary>
public sealed record WebhookRequest(
    [property: Description("Where events are POSTed: an absolute https URL whose host resolves to public addresses only (at most 2048 characters).")] string? Url,
    [property: Description("Event types of the catalogue (README \"Events\") to receive; the vendor's subscriptions take application.submitted, application.overdue, voucher.issued and webhook.test.")] IReadOnlyList<string>? EventTypes,
    [property: FreeText(nameof(TextFields.WebhookDescription))] string? Description,
    [property: Description("False pauses deliveries of new events (default true).")] bool? Enabled);

public enum WebhookHealthStatus
{
    Healthy,

    /// <summary>A delivery was dead-lettered; the next successful delivery makes it healthy again.</summary>
    Failing,
}

/// <summary>A webhook as listed: never its secret.</summary>
public sealed record WebhookDto(
    string WebhookId,
    [property: Description("partner: the caller's partner's events; vendor: a channel manager's subscription to every partner's vendor events.")] string Owner,
    string Url,
    IReadOnlyList<string> EventTypes,
    string Description,
    bool Enabled,
    WebhookHealthStatus Health,
    [property: Description("Failed attempts since the last success.")] int ConsecutiveFailures,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset? SecretRotatedAt,
    [property: Description("Until then deliveries are also signed with the secret before the last rotation.")] DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookDto From(Webhook w, WebhookHealth h) => new(
        w.WebhookId, w.Owner.IsVendor ? "vendor" : "partner", w.Url, w.EventTypes, w.Description, w.Enabled,
        h.Failing ? WebhookHealthStatus.Failing : WebhookHealthStatus.Healthy, h.ConsecutiveFailures, h.LastSuccessAt, h.LastFailureAt, h.FailingSince,
        w.SecretRotatedAt, w.PreviousSecretExpiresAt, w.CreatedAt, w.UpdatedAt);
}

/// <summary>The answer to a creation: the webhook and, this once, its signing secret.</summary>
public sealed record CreatedWebhookDto(
    [property: Description("The signing secret (whsec_…): shown only here and to a repeat with the same Idempotency-Key; keep it secret.")] string Secret,
    WebhookDto Webhook);

/// <summary>The answer to a rotation: the new secret, once.</summary>
public sealed record RotatedSecretDto(
    [property: Description("The new signing secret; shown only here (and to a repeat with the same Idempotency-Key).")] string Secret,
    WebhookDto Webhook);

public sealed record WebhookAttemptDto(int Number, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error, string? ResponseExcerpt)
{
    public static WebhookAttemptDto From(WebhookAttempt a) => new(a.Number, a.StartedAt, a.DurationMs, a.StatusCode, a.Error, a.ResponseExcerpt);
}

/// <summary>One event's delivery to one webhook, with its attempts (the last 50).</summary>
public sealed record WebhookDeliveryDto(
    string DeliveryId,
    string WebhookId,
    string EventId,
    string EventType,
    WebhookDeliveryStatus Status,
    DateTimeOffset CreatedAt,
    int AttemptCount,
    [property: Description("When the next attempt is due (pending deliveries).")] DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SucceededAt,
    DateTimeOffset? DeadLetteredAt,
    IReadOnlyList<WebhookAttemptDto> Attempts)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) => new(
        d.DeliveryId, d.WebhookId, d.EventId, d.EventType, d.Status, d.CreatedAt, d.AttemptCount, d.NextAttemptAt, d.SucceededAt, d.DeadLetteredAt,
        d.Attempts.Select(WebhookAttemptDto.From).ToList());
}
