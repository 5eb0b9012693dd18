using VoucherFunctions.Domain.Applications;

namespace VoucherFunctions.Approval;

/// <summary>
/// The orchestration's input. The deadlines are absolute and computed once at submission (3 business days;
/// the configured hard expiry), so replays see the same values and tests can pass near ones.
/// </summary>
public sealed record ApprovalInput(string PartnerId, string ApplicationId, DateTimeOffset OverdueAt, DateTimeOffset ExpiresAt)
{
    /// <summary>One orchestration instance per application; the id says which.</summary>
    public static string InstanceIdFor(string applicationId) => "approval-" + applicationId;
}

/// <summary>Input of the activity that settles an application after a wake-up.</summary>
public sealed record SettleRequest(ApprovalInput Approval, bool ExpiryReached);

/// <summary>Input of one fan-out activity: issue the customer's product-trial voucher.</summary>
public sealed record TrialVoucherIssue(ApprovalInput Approval, string CustomerUin);

/// <summary>
/// The external event a decision raises. The decision itself is already recorded on the application
/// (by whoever decided, with optimistic concurrency, so exactly one decision wins); the event only wakes
/// the orchestration, which reads the stored truth.
/// </summary>
public sealed record DecisionSignal(ApplicationStatus Decision)
{
    public const string EventName = "ReviewDecision";
}

/// <summary>What the orchestration ended with.</summary>
public sealed record ApprovalOutcome(ApplicationStatus Status, int VouchersIssued);
