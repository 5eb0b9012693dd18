using Microsoft.DurableTask;
using VoucherFunctions.Domain.Applications;

namespace VoucherFunctions.Approval;

/// <summary>
/// The orchestration's typed calls of <see cref="ApprovalActivities"/>: each activity's name, input and result type
/// are stated once, here (what Durable's source generator writes, which our package feed does not serve). The names
/// are the activities' method names, and they are what each instance's history records: renaming an activity
/// method strands the in-flight reviews that scheduled it under the old name.
/// </summary>
internal static class ApprovalActivityCalls
{
    public static Task<bool> CallMarkApplicationOverdueAsync(this TaskOrchestrationContext context, ApprovalInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<bool>(nameof(ApprovalActivities.MarkApplicationOverdue), input, options);

    public static Task<ApplicationStatus> CallSettleApplicationAsync(this TaskOrchestrationContext context, SettleRequest request, TaskOptions? options = null) =>
        context.CallActivityAsync<ApplicationStatus>(nameof(ApprovalActivities.SettleApplication), request, options);

    public static Task<string[]> CallActivateTrialVouchersAsync(this TaskOrchestrationContext context, ApprovalInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<string[]>(nameof(ApprovalActivities.ActivateTrialVouchers), input, options);

    public static Task CallIssueTrialCustomerVoucherAsync(this TaskOrchestrationContext context, TrialVoucherIssue request, TaskOptions? options = null) =>
        context.CallActivityAsync(nameof(ApprovalActivities.IssueTrialCustomerVoucher), request, options);

    public static Task CallRecordVouchersIssuedAsync(this TaskOrchestrationContext context, ApprovalInput input, TaskOptions? options = null) =>
        context.CallActivityAsync(nameof(ApprovalActivities.RecordVouchersIssued), input, options);
}
