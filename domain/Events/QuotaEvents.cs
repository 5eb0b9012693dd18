namespace VoucherFunctions.Domain.Events;

using VoucherFunctions.Domain.Distribution;

/// <summary>
/// A distributor's allocation (positive) or reclaim (negative) of a second-level reseller's quota: one event for
/// each of the two partners it concerns, each with that partner as its <c>partnerid</c>, so each receives its own.
/// The adjustment's idempotency key identifies the change.
/// </summary>
public static class QuotaEvents
{
    public static IReadOnlyList<DomainEvent> Adjusted(QuotaPool before, QuotaPool after, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var delta = after.Total - before.Total;
        if (delta.IsZero)
        {
            return [];
        }

        var type = delta.IsPositive ? EventTypes.QuotaAllocated : EventTypes.QuotaReclaimed;
        var data = QuotaEventData.From(after, delta.IsPositive ? delta : -delta);
        var subject = "resellers/" + after.ResellerId + "/quota";
        var change = after.ResellerId + "\n" + idempotencyKey;
        return
        [
            EventIds.Create(type, after.ResellerId, subject, change, after.UpdatedAt, data),
            EventIds.Create(type, after.DistributorId, subject, change, after.UpdatedAt, data),
        ];
    }
}
