namespace VoucherFunctions.Domain.Applications;

/// <summary>
/// Type II application lifecycle: PendingApproval → Approved | Rejected | Cancelled | Expired, all
/// final. Being overdue is a mark on a pending application (<see cref="VoucherApplication.OverdueAt"/>),
/// not a status: an overdue application can still be decided.
/// </summary>
public enum ApplicationStatus
{
    PendingApproval,
    Approved,
    Rejected,
    Cancelled,
    Expired,
}
