using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Applications;

namespace VoucherFunctions.Approval;

/// <summary>
/// Owns one Type II application from submission to issuance. Waits for the reviewer's decision raced with
/// two durable timers: at the SLA deadline the application is marked overdue (and an escalation sent), at
/// the hard expiry it expires. On approval it activates the Type II vouchers, then fans out the issuance
/// of each customer's Type III voucher. Deterministic: all I/O is in activities, all time is the context's.
/// </summary>
public static partial class ApprovalOrchestrator
{
    public const string Name = "ApprovalOrchestrator";

    // Every signal comes from a stored decision, so the first one settles the application; the bound only
    // keeps the history finite should anything else raise the event. Past it, the expiry settles.
    private const int MaxWakeUps = 20;

    // Storage hiccups in one customer's issuance must not fail the whole approval.
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    [Function(Name)]
    public static async Task<ApprovalOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<ApprovalInput>() ?? throw new InvalidOperationException("The approval orchestration needs an ApprovalInput.");
        var logger = context.CreateReplaySafeLogger(typeof(ApprovalOrchestrator));

        var status = await WaitForDecisionAsync(context, input, logger);
        if (status != ApplicationStatus.Approved)
        {
            LogEnded(logger, input.ApplicationId, status);
            return new ApprovalOutcome(status, 0);
        }

        var customerUins = await context.CallActivityAsync<string[]>(ApprovalActivities.ActivateTrialVouchers, input, ActivityRetry);
        await Task.WhenAll(customerUins.Select(uin =>
            context.CallActivityAsync(ApprovalActivities.IssueTrialCustomerVoucher, new TrialVoucherIssue(input, uin), ActivityRetry)));
        await context.CallActivityAsync(ApprovalActivities.RecordVouchersIssued, input, ActivityRetry);
        LogIssued(logger, input.ApplicationId, customerUins.Length);
        return new ApprovalOutcome(status, customerUins.Length);
    }

    private static async Task<ApplicationStatus> WaitForDecisionAsync(TaskOrchestrationContext context, ApprovalInput input, ILogger logger)
    {
        using var expiryCancel = new CancellationTokenSource();
        var expiry = context.CreateTimer(input.ExpiresAt.UtcDateTime, expiryCancel.Token);
        var overdueHandled = input.OverdueAt >= input.ExpiresAt;
        using var overdueCancel = new CancellationTokenSource();
        var overdue = overdueHandled ? null : context.CreateTimer(input.OverdueAt.UtcDateTime, overdueCancel.Token);
        try
        {
            // One outstanding wait at a time: an event that arrives before we wait is buffered by the
            // framework and handed to the next wait, so a decision is never lost.
            Task<DecisionSignal>? signal = null;
            for (var wakeUps = 0; wakeUps < MaxWakeUps; wakeUps++)
            {
                signal ??= context.WaitForExternalEvent<DecisionSignal>(DecisionSignal.EventName);
                var winner = overdueHandled
                    ? await Task.WhenAny(signal, expiry)
                    : await Task.WhenAny(signal, expiry, overdue!);

                if (winner == overdue)
                {
                    overdueHandled = true;
                    if (await context.CallActivityAsync<bool>(ApprovalActivities.MarkApplicationOverdue, input, ActivityRetry))
                    {
                        LogOverdue(logger, input.ApplicationId);
                    }
                    continue;
                }

                var expiryReached = winner == expiry;
                if (winner == signal)
                {
                    signal = null;
                }
                // The stored application is the truth: a signal may be stale, and an expiry may find a
                // decision whose signal never arrived (the decider crashed after recording it).
                var status = await context.CallActivityAsync<ApplicationStatus>(ApprovalActivities.SettleApplication, new SettleRequest(input, expiryReached), ActivityRetry);
                if (status != ApplicationStatus.PendingApproval)
                {
                    return status;
                }
                if (expiryReached)
                {
                    throw new InvalidOperationException($"Application {input.ApplicationId} is still pending after its expiry was settled.");
                }
            }

            await expiry;
            return await context.CallActivityAsync<ApplicationStatus>(ApprovalActivities.SettleApplication, new SettleRequest(input, ExpiryReached: true), ActivityRetry);
        }
        finally
        {
            // Pending timers would keep the instance running until they fire.
            expiryCancel.Cancel();
            overdueCancel.Cancel();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Application {ApplicationId} is overdue: no decision within the review SLA; escalated")]
    private static partial void LogOverdue(ILogger logger, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} ended {Status} with nothing issued")]
    private static partial void LogEnded(ILogger logger, string applicationId, ApplicationStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} approved: trial vouchers issued to {CustomerCount} customers")]
    private static partial void LogIssued(ILogger logger, string applicationId, int customerCount);
}
