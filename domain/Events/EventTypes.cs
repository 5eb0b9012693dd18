namespace VoucherFunctions.Domain.Events;

/// <summary>Who may receive an event: the partner whose books changed, or the vendor's own people (reviewers, channel managers).</summary>
public enum EventAudience
{
    /// <summary>Delivered to the partner's webhooks only (never to another partner).</summary>
    Partner,

    /// <summary>Delivered to the partner's webhooks and to the vendor-level subscriptions the channel manager keeps.</summary>
    PartnerAndVendor,
}

/// <summary>One entry of the event catalogue: the CloudEvents <c>type</c> and who receives it.</summary>
public sealed record EventType(string Name, EventAudience Audience);

/// <summary>
/// The event catalogue (README "Events"). The names are the CloudEvents <c>type</c> attribute and the
/// values partners subscribe to; they never change meaning — add new ones rather than reuse old ones.
/// </summary>
public static class EventTypes
{
    public static readonly EventType ApplicationSubmitted = new("application.submitted", EventAudience.PartnerAndVendor);
    public static readonly EventType ApplicationOverdue = new("application.overdue", EventAudience.PartnerAndVendor);
    public static readonly EventType ApplicationApproved = new("application.approved", EventAudience.Partner);
    public static readonly EventType ApplicationRejected = new("application.rejected", EventAudience.Partner);
    public static readonly EventType ApplicationCancelled = new("application.cancelled", EventAudience.Partner);
    public static readonly EventType ApplicationExpired = new("application.expired", EventAudience.Partner);
    public static readonly EventType ApplicationVouchersIssued = new("application.vouchers_issued", EventAudience.Partner);

    /// <summary>A voucher entered a partner's books; for a Type I (general) voucher granted by the channel manager the vendor's subscriptions receive it too.</summary>
    public static readonly EventType VoucherIssued = new("voucher.issued", EventAudience.PartnerAndVendor);
    public static readonly EventType VoucherActivated = new("voucher.activated", EventAudience.Partner);
    public static readonly EventType VoucherWithdrawn = new("voucher.withdrawn", EventAudience.Partner);
    public static readonly EventType VoucherInvalidated = new("voucher.invalidated", EventAudience.Partner);
    public static readonly EventType VoucherExhausted = new("voucher.exhausted", EventAudience.Partner);
    public static readonly EventType VoucherExpiringSoon = new("voucher.expiring_soon", EventAudience.Partner);
    public static readonly EventType VoucherExpired = new("voucher.expired", EventAudience.Partner);

    public static readonly EventType BillApplied = new("bill.applied", EventAudience.Partner);
    public static readonly EventType BillRejected = new("bill.rejected", EventAudience.Partner);

    public static readonly EventType QuotaAllocated = new("quota.allocated", EventAudience.Partner);
    public static readonly EventType QuotaReclaimed = new("quota.reclaimed", EventAudience.Partner);

    /// <summary>Sent only by a webhook's test endpoint; never produced by a change.</summary>
    public static readonly EventType WebhookTest = new("webhook.test", EventAudience.Partner);

    public static IReadOnlyList<EventType> All { get; } =
    [
        ApplicationSubmitted, ApplicationOverdue, ApplicationApproved, ApplicationRejected, ApplicationCancelled,
        ApplicationExpired, ApplicationVouchersIssued,
        VoucherIssued, VoucherActivated, VoucherWithdrawn, VoucherInvalidated, VoucherExhausted, VoucherExpiringSoon, VoucherExpired,
        BillApplied, BillRejected,
        QuotaAllocated, QuotaReclaimed,
        WebhookTest,
    ];

    private static readonly Dictionary<string, EventType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The catalogue entry of <paramref name="name"/>, or null when it is not an event type (names are case-sensitive).</summary>
    public static EventType? Find(string name) => ByName.GetValueOrDefault(name);
}
