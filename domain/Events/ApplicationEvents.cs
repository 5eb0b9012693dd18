namespace VoucherFunctions.Domain.Events;

using VoucherFunctions.Domain.Applications;

/// <summary>
/// The events of an application write: one per entry its timeline gained (submitted, overdue, approved, rejected,
/// cancelled, expired, vouchers issued). Each kind happens once in an application's life, so the application id
/// and the kind identify the change.
/// </summary>
public static class ApplicationEvents
{
    public static IReadOnlyList<DomainEvent> For(VoucherApplication? before, VoucherApplication after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return after.Timeline
            .Skip(before?.Timeline.Count ?? 0)
            .Select(entry => TypeOf(entry.Kind) is { } type
                ? EventIds.Create(type, after.PartnerId, "applications/" + after.ApplicationId, after.ApplicationId, entry.At, ApplicationEventData.From(after))
                : null)
            .OfType<DomainEvent>()
            .ToArray();
    }

    private static EventType? TypeOf(ApplicationEventKind kind) => kind switch
    {
        ApplicationEventKind.Submitted => EventTypes.ApplicationSubmitted,
        ApplicationEventKind.MarkedOverdue => EventTypes.ApplicationOverdue,
        ApplicationEventKind.Approved => EventTypes.ApplicationApproved,
        ApplicationEventKind.Rejected => EventTypes.ApplicationRejected,
        ApplicationEventKind.Cancelled => EventTypes.ApplicationCancelled,
        ApplicationEventKind.Expired => EventTypes.ApplicationExpired,
        ApplicationEventKind.VouchersIssued => EventTypes.ApplicationVouchersIssued,
        _ => null,
    };
}
