using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Webhooks;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Webhooks;

/// <summary>
/// Webhook rows in the owner's partition (the partner's, or <see cref="VendorPartition"/>): the subscription
/// "webhook|{id}", its health "whhealth|{id}" (apart, so deliveries never race an owner's edit), and one row per
/// delivery "whdel|{id}|{deliveryId}" (delivery ids start with inverted event time, so a webhook's log reads newest first).
/// </summary>
internal static class WebhookRows
{
    public const string VendorPartition = "sys|webhooks";
    public const string Prefix = "webhook|";
    public const string HealthPrefix = "whhealth|";
    public const string DeliveryPrefix = "whdel|";

    public static string Partition(WebhookOwner owner) => owner.PartnerId is { } partnerId ? Keys.Partner(partnerId) : VendorPartition;

    public static string Row(string webhookId) => Prefix + Keys.Segment(webhookId, "webhook id");

    public static string HealthRow(string webhookId) => HealthPrefix + Keys.Segment(webhookId, "webhook id");

    public static string DeliveriesOf(string webhookId) => DeliveryPrefix + Keys.Segment(webhookId, "webhook id") + "|";

    public static string DeliveryRow(string webhookId, string deliveryId) => DeliveriesOf(webhookId) + Keys.Segment(deliveryId, "delivery id");

    public static TableEntity ToEntity(Webhook w)
    {
        var e = New(Partition(w.Owner), Row(w.WebhookId), "webhook");
        e["WebhookId"] = w.WebhookId;
        e["PartnerId"] = w.Owner.PartnerId;
        e["Url"] = w.Url;
        e["EventTypes"] = ToJson(w.EventTypes);
        e["Description"] = w.Description;
        e["Enabled"] = w.Enabled;
        e["ProtectedSecret"] = w.ProtectedSecret.ToArray();
        e["ProtectedPreviousSecret"] = w.ProtectedPreviousSecret?.ToArray();
        SetTime(e, "PreviousSecretExpiresAt", w.PreviousSecretExpiresAt);
        e["LastRotationKey"] = w.LastRotationKey;
        SetTime(e, "SecretRotatedAt", w.SecretRotatedAt);
        e["CreatedBy"] = w.CreatedBy;
        SetTime(e, "CreatedAt", w.CreatedAt);
        SetTime(e, "UpdatedAt", w.UpdatedAt);
        return e;
    }

    public static Versioned<Webhook> ReadWebhook(TableEntity e) => new(new Webhook
    {
        WebhookId = GetString(e, "WebhookId"),
        Owner = OwnerOf(e),
        Url = GetString(e, "Url"),
        EventTypes = FromJson<string[]>(e, "EventTypes"),
        Description = e.GetString("Description") ?? string.Empty,
        Enabled = e.GetBoolean("Enabled") ?? true,
        ProtectedSecret = e.GetBinary("ProtectedSecret") ?? throw new InvalidOperationException($"Row {e.RowKey} has no ProtectedSecret."),
        ProtectedPreviousSecret = e.GetBinary("ProtectedPreviousSecret"),
        PreviousSecretExpiresAt = GetTimeOrNull(e, "PreviousSecretExpiresAt"),
        LastRotationKey = e.GetString("LastRotationKey"),
        SecretRotatedAt = GetTimeOrNull(e, "SecretRotatedAt"),
        CreatedBy = GetString(e, "CreatedBy"),
        CreatedAt = GetTime(e, "CreatedAt"),
        UpdatedAt = GetTime(e, "UpdatedAt"),
    }, e.ETag.ToString());

    public static TableEntity ToEntity(WebhookOwner owner, string webhookId, WebhookHealth h)
    {
        var e = New(Partition(owner), HealthRow(webhookId), "whhealth");
        e["Failing"] = h.Failing;
        e["ConsecutiveFailures"] = h.ConsecutiveFailures;
        SetTime(e, "LastSuccessAt", h.LastSuccessAt);
        SetTime(e, "LastFailureAt", h.LastFailureAt);
        SetTime(e, "FailingSince", h.FailingSince);
        return e;
    }

    public static Versioned<WebhookHealth> ReadHealth(TableEntity e) => new(
        new WebhookHealth(e.GetBoolean("Failing") ?? false, e.GetInt32("ConsecutiveFailures") ?? 0, GetTimeOrNull(e, "LastSuccessAt"), GetTimeOrNull(e, "LastFailureAt"), GetTimeOrNull(e, "FailingSince")),
        e.ETag.ToString());

    public static TableEntity ToEntity(WebhookDelivery d)
    {
        var e = New(Partition(d.Owner), DeliveryRow(d.WebhookId, d.DeliveryId), "whdelivery");
        e["DeliveryId"] = d.DeliveryId;
        e["WebhookId"] = d.WebhookId;
        e["PartnerId"] = d.Owner.PartnerId;
        e["EventId"] = d.EventId;
        e["EventType"] = d.EventType;
        SetChunked(e, "Event", d.Event, 3);
        e["Status"] = d.Status.ToString();
        SetTime(e, "CreatedAt", d.CreatedAt);
        SetTime(e, "WindowStartedAt", d.WindowStartedAt);
        e["AttemptCount"] = d.AttemptCount;
        SetTime(e, "NextAttemptAt", d.NextAttemptAt);
        SetTime(e, "SendingUntil", d.SendingUntil);
        e["Attempts"] = ToJson(d.Attempts);
        SetTime(e, "SucceededAt", d.SucceededAt);
        SetTime(e, "DeadLetteredAt", d.DeadLetteredAt);
        e["LastRedeliveryKey"] = d.LastRedeliveryKey;
        return e;
    }

    public static Versioned<WebhookDelivery> ReadDelivery(TableEntity e) => new(new WebhookDelivery
    {
        DeliveryId = GetString(e, "DeliveryId"),
        Owner = OwnerOf(e),
        WebhookId = GetString(e, "WebhookId"),
        EventId = GetString(e, "EventId"),
        EventType = GetString(e, "EventType"),
        Event = GetChunked(e, "Event"),
        Status = GetEnum<WebhookDeliveryStatus>(e, "Status"),
        CreatedAt = GetTime(e, "CreatedAt"),
        WindowStartedAt = GetTime(e, "WindowStartedAt"),
        AttemptCount = e.GetInt32("AttemptCount") ?? 0,
        NextAttemptAt = GetTimeOrNull(e, "NextAttemptAt"),
        SendingUntil = GetTimeOrNull(e, "SendingUntil"),
        Attempts = FromJson<WebhookAttempt[]>(e, "Attempts"),
        SucceededAt = GetTimeOrNull(e, "SucceededAt"),
        DeadLetteredAt = GetTimeOrNull(e, "DeadLetteredAt"),
        LastRedeliveryKey = e.GetString("LastRedeliveryKey"),
    }, e.ETag.ToString());

    private static WebhookOwner OwnerOf(TableEntity e) => e.GetString("PartnerId") is { } partnerId ? WebhookOwner.Partner(partnerId) : WebhookOwner.Vendor;
}
