using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Applications;

namespace VoucherFunctions.Approval;

/// <summary>
/// Owns one Type II application from submission to issuance. The stored application is the truth: the
/// orchestration reads it when it starts (a decision may be recorded before the instance first runs, and its
/// wake-up event lost) and after every wake-up. It waits for the reviewer's decision raced with a re-check
/// timer and two durable timers: at the SLA deadline the application is marked overdue (and an escalation
/// sent), at the hard expiry it expires. On approval it activates the Type II vouchers, then fans out the
/// issuance of each customer's Type III voucher. Deterministic: all I/O is in activities, all time is the context's.
/// </summary>
public static partial class ApprovalOrchestrator
{
    public const string Name = "ApprovalOrchestrator";

    // Storage hiccups in one customer's issuance must not fail the whole approval.
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    [Function(Name)]
    public static async Task<ApprovalOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<ApprovalInput>() ?? throw new InvalidOperationException("The approval orchestration needs an ApprovalInput.");
        var logger = context.CreateReplaySafeLogger(typeof(ApprovalOrchestrator));

        var (status, next) = await WaitForDecisionAsync(context, input, logger);
        if (status is null)
        {
            // Still pending after this execution's checks: carry on in a new execution (events not yet handled are kept).
            context.ContinueAsNew(next);
            return new ApprovalOutcome(ApplicationStatus.PendingApproval, 0);
        }
        if (status != ApplicationStatus.Approved)
        {
            LogEnded(logger, input.ApplicationId, status.Value);
            return new ApprovalOutcome(status.Value, 0);
        }

        // `next` is the input with the decision's trace context when the decision event brought it (the spans link to it).
        var customerUins = await context.CallActivateTrialVouchersAsync(next, ActivityRetry);
        await Task.WhenAll(customerUins.Select(uin =>
            context.CallIssueTrialCustomerVoucherAsync(new TrialVoucherIssue(next, uin), ActivityRetry)));
        await context.CallRecordVouchersIssuedAsync(next, ActivityRetry);
        LogIssued(logger, input.ApplicationId, customerUins.Length);
        return new ApprovalOutcome(ApplicationStatus.Approved, customerUins.Length);
    }

    /// <summary>
    /// The application's final status (with the input for the activities that follow, carrying the decision's trace
    /// context), or null (with the input for the next execution) when it is still pending after
    /// <see cref="ApprovalInput.ChecksPerExecution"/> reads.
    /// </summary>
    private static async Task<(ApplicationStatus? Status, ApprovalInput Next)> WaitForDecisionAsync(TaskOrchestrationContext context, ApprovalInput input, ILogger logger)
    {
        // Older inputs carry no interval; never spin.
        var recheckInterval = input.RecheckInterval > TimeSpan.Zero ? input.RecheckInterval : ApprovalOptions.DefaultRecheckInterval;
        using var expiryCancel = new CancellationTokenSource();
        var expiry = context.CreateTimer(input.ExpiresAt.UtcDateTime, expiryCancel.Token);
        var overdueHandled = input.OverdueHandled || input.OverdueAt >= input.ExpiresAt;
        using var overdueCancel = new CancellationTokenSource();
        var overdue = overdueHandled ? null : context.CreateTimer(input.OverdueAt.UtcDateTime, overdueCancel.Token);
        try
        {
            // One outstanding wait at a time: an event that arrives before we wait is buffered by the
            // framework and handed to the next wait.
            Task<DecisionSignal>? signal = null;
            string? decisionTrace = null;
            var expiryReached = false;
            for (var checks = 0; checks < Math.Max(1, input.ChecksPerExecution); checks++)
            {
                // The stored application is the truth, read at start and after every wake-up: a signal may be
                // stale or never come (DurableTask.AzureStorage drops an event that reaches an instance before
                // its first run; a decider may stop between recording and signalling), and at the expiry a
                // decision whose signal never arrived still wins.
                var status = await context.CallSettleApplicationAsync(new SettleRequest(input, expiryReached), ActivityRetry);
                if (status != ApplicationStatus.PendingApproval)
                {
                    return (status, input with { DecisionTraceParent = decisionTrace ?? input.DecisionTraceParent });
                }
                if (expiryReached)
                {
                    throw new InvalidOperationException($"Application {input.ApplicationId} is still pending after its expiry was settled.");
                }

                signal ??= context.WaitForExternalEvent<DecisionSignal>(DecisionSignal.EventName);
                using var recheckCancel = new CancellationTokenSource();
                var recheck = context.CreateTimer(context.CurrentUtcDateTime + recheckInterval, recheckCancel.Token);
                var winner = overdueHandled
                    ? await Task.WhenAny(signal, expiry, recheck)
                    : await Task.WhenAny(signal, expiry, recheck, overdue!);
                // A timer left pending would keep the instance running until it fires.
                recheckCancel.Cancel();

                if (winner == overdue)
                {
                    overdueHandled = true;
                    if (await context.CallMarkApplicationOverdueAsync(input, ActivityRetry))
                    {
                        LogOverdue(logger, input.ApplicationId);
                    }
                }
                else if (winner == signal)
                {
                    decisionTrace = (await signal).TraceParent ?? decisionTrace;
                    signal = null;
                }
                expiryReached = winner == expiry;
            }
            return (null, input with { OverdueHandled = overdueHandled });
        }
        finally
        {
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
