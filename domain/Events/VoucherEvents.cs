namespace VoucherFunctions.Domain.Events;

using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// The events of a voucher write, from the voucher as it was and as it is written. A voucher enters the books once
/// (<c>voucher.activated</c> for the Type II trial voucher an approval makes active, <c>voucher.issued</c> for every
/// other), and each of its transitions happens once: exhausted, withdrawn, invalidated, expired, and the expiry
/// notice. So the voucher id identifies each event's change, and a retried write yields the same id.
/// </summary>
public static class VoucherEvents
{
    public static IReadOnlyList<DomainEvent> For(Voucher? before, Voucher after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var events = new List<DomainEvent>();
        if (before is null)
        {
            events.Add(after.Type == VoucherType.TypeII
                ? Create(EventTypes.VoucherActivated, after, after.EffectiveFrom)
                : Create(EventTypes.VoucherIssued, after, after.IssuedAt));
            return events;
        }

        if (before.ExpiryNoticeAt is null && after.ExpiryNoticeAt is { } noticeAt)
        {
            events.Add(Create(EventTypes.VoucherExpiringSoon, after, noticeAt));
        }

        if (before.Status != after.Status && StatusEvent(after.Status) is { } type)
        {
            events.Add(Create(type, after, after.StatusChangedAt));
        }

        return events;
    }

    private static EventType? StatusEvent(VoucherStatus status) => status switch
    {
        VoucherStatus.Exhausted => EventTypes.VoucherExhausted,
        VoucherStatus.Withdrawn => EventTypes.VoucherWithdrawn,
        VoucherStatus.Invalidated => EventTypes.VoucherInvalidated,
        VoucherStatus.Expired => EventTypes.VoucherExpired,
        _ => null,
    };

    private static DomainEvent Create(EventType type, Voucher v, DateTimeOffset time) =>
        EventIds.Create(type, v.PartnerId, "vouchers/" + v.VoucherId, v.VoucherId, time, VoucherEventData.From(v));
}
