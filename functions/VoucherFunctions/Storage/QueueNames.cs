namespace VoucherFunctions.Storage;

/// <summary>Every queue the app uses, in one place (triggers, senders and infrastructure checks share these).</summary>
public static class QueueNames
{
    /// <summary>Bills dropped by the billing pipeline.</summary>
    public const string Bills = "bills";

    /// <summary>Bills refused for good (malformed, unknown payer, conflicting duplicate, ...), as envelopes with the reason; also where the host moves a bill after maxDequeueCount failed attempts, and, unchanged (raw text, not base64), a message that is not base64.</summary>
    public const string BillsPoison = Bills + "-poison";

    /// <summary>Outcomes of applied bills, read by the billing pipeline.</summary>
    public const string BillOutcomes = "bill-outcomes";

    /// <summary>Committed events (CloudEvents 1.0 structured JSON with a <c>partnerid</c> extension), put here by the outbox dispatcher and read by webhook delivery.</summary>
    public const string VoucherEvents = "voucher-events";

    /// <summary>One message per webhook delivery attempt, delayed until the attempt is due (base64 JSON <c>{partnerId, webhookId, deliveryId, attempt}</c>).</summary>
    public const string WebhookDeliveries = "webhook-deliveries";

    /// <summary>Dead letters: deliveries whose retry window ended without a 2xx, as envelopes with the reason; also where the host moves an attempt message that failed maxDequeueCount times.</summary>
    public const string WebhookDeliveriesPoison = WebhookDeliveries + "-poison";

    public static IReadOnlyList<string> All { get; } = [Bills, BillsPoison, BillOutcomes, VoucherEvents, WebhookDeliveries, WebhookDeliveriesPoison];
}
