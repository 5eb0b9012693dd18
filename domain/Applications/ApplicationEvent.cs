namespace VoucherFunctions.Domain.Applications;

public enum ApplicationEventKind
{
    Submitted,
    MarkedOverdue,
    Approved,
    Rejected,
    Cancelled,
    Expired,
    VouchersIssued,
}

/// <summary>One entry of an application's timeline. <paramref name="Actor"/> is the principal id when a person acted.</summary>
public sealed record ApplicationEvent(ApplicationEventKind Kind, DateTimeOffset At, string? Actor = null, string? Detail = null);
