using VoucherFunctions.Domain.Applications;

namespace VoucherFunctions.Approval;

/// <summary>
/// The orchestration's input. The deadlines are absolute and computed once at submission (3 business days;
/// the configured hard expiry), as is the re-check interval, so replays see the same values and tests can pass
/// near ones. <paramref name="ChecksPerExecution"/> bounds one execution's history: after that many reads of the
/// stored application the review continues as a new execution of the same instance.
/// </summary>
public sealed record ApprovalInput(
    string PartnerId,
    string ApplicationId,
    DateTimeOffset OverdueAt,
    DateTimeOffset ExpiresAt,
    TimeSpan RecheckInterval,
    int ChecksPerExecution = ApprovalInput.DefaultChecksPerExecution)
{
    public const int DefaultChecksPerExecution = 100;

    /// <summary>Set on a continued execution once the overdue deadline was handled, so it escalates once only.</summary>
    public bool OverdueHandled { get; init; }

    /// <summary>
    /// W3C trace context of the request that started the review (the submission): every activity's span joins that
    /// trace, so one trace runs from the partner's request through the orchestration to the issued vouchers.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The decision request's trace context, once the decision event brought it: the issuing activities link to it.</summary>
    public string? DecisionTraceParent { get; init; }

    /// <summary>One orchestration instance per application; the id says which.</summary>
    public static string InstanceIdFor(string applicationId) => "approval-" + applicationId;
}

/// <summary>Input of the activity that reads (and at the expiry settles) an application: at start and after every wake-up.</summary>
public sealed record SettleRequest(ApprovalInput Approval, bool ExpiryReached);

/// <summary>Input of one fan-out activity: issue the customer's product-trial voucher.</summary>
public sealed record TrialVoucherIssue(ApprovalInput Approval, string CustomerUin);

/// <summary>
/// The external event a decision raises. The decision itself is already recorded on the application
/// (by whoever decided, with optimistic concurrency, so exactly one decision wins); the event only wakes
/// the orchestration, which reads the stored truth. A lost event costs at most one re-check interval.
/// <paramref name="TraceParent"/> is the deciding request's trace context (see <see cref="ApprovalInput.DecisionTraceParent"/>).
/// </summary>
public sealed record DecisionSignal(ApplicationStatus Decision, string? TraceParent = null)
{
    public const string EventName = "ReviewDecision";
}

/// <summary>What the orchestration ended with.</summary>
public sealed record ApprovalOutcome(ApplicationStatus Status, int VouchersIssued);
