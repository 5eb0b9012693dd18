using VoucherFunctions.Application.Common;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Approval;

/// <summary>
/// Decisions on Type II applications and the orchestration that owns each one. A decision is recorded on the
/// stored application first, with optimistic concurrency, so exactly one of two concurrent decisions wins and
/// the other gets <c>application.not_pending</c>; then the orchestration is woken by an external event.
/// </summary>
public sealed partial class ApprovalService(
    IApplicationStore applications,
    IVendorCatalogStore catalog,
    OptimisticRetry retry,
    TimeProvider clock,
    IOptions<ApprovalOptions> options,
    VoucherMetrics metrics,
    ILogger<ApprovalService> logger)
{
    /// <summary>
    /// The orchestration input for an application: its deadlines are fixed from the submission time, and it carries the
    /// current trace context (the request starting the review), which the activities' spans continue.
    /// </summary>
    public ApprovalInput PlanFor(VoucherApplication application) => new(
        application.PartnerId,
        application.ApplicationId,
        ApplicationPolicy.OverdueAt(application.SubmittedAt),
        ApplicationPolicy.HardExpiryAt(application.SubmittedAt, options.Value.HardExpiry),
        options.Value.RecheckInterval)
    {
        TraceParent = Telemetry.TraceParent.Current(),
    };

    /// <summary>
    /// Starts the application's orchestration unless an instance with its id exists (running or finished):
    /// never starts a second one and never replaces one. Safe to call on every replay of a submission.
    /// </summary>
    public async Task EnsureOrchestrationAsync(DurableTaskClient client, VoucherApplication application, CancellationToken cancellationToken)
    {
        var instanceId = ApprovalInput.InstanceIdFor(application.ApplicationId);
        if (await client.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return;
        }
        await client.ScheduleNewOrchestrationInstanceAsync(ApprovalOrchestrator.Name, PlanFor(application), new StartOrchestrationOptions(instanceId), cancellationToken);
        LogStarted(logger, application.PartnerId, application.ApplicationId, instanceId);
    }

    public Task<VoucherApplication> ApproveAsync(DurableTaskClient client, string partnerId, string applicationId, string reviewerId, CancellationToken cancellationToken) =>
        DecideAsync(client, partnerId, applicationId, async (application, ct) =>
        {
            var (blocklist, _) = await catalog.GetBlocklistAsync(ct);
            return application.Approve(reviewerId, clock.GetUtcNow(), blocklist.Freeze()).Application;
        }, cancellationToken);

    public Task<VoucherApplication> RejectAsync(DurableTaskClient client, string partnerId, string applicationId, string reviewerId, string reason, CancellationToken cancellationToken) =>
        DecideAsync(client, partnerId, applicationId, (application, _) => Task.FromResult(application.Reject(reviewerId, reason, clock.GetUtcNow())), cancellationToken);

    /// <summary>The partner withdraws its own application from review.</summary>
    public Task<VoucherApplication> CancelAsync(DurableTaskClient client, string partnerId, string applicationId, CancellationToken cancellationToken) =>
        DecideAsync(client, partnerId, applicationId, (application, _) => Task.FromResult(application.Cancel(partnerId, clock.GetUtcNow())), cancellationToken);

    private async Task<VoucherApplication> DecideAsync(
        DurableTaskClient client,
        string partnerId,
        string applicationId,
        Func<VoucherApplication, CancellationToken, Task<VoucherApplication>> decide,
        CancellationToken cancellationToken)
    {
        var decided = await retry.RunAsync(async ct =>
        {
            var stored = await applications.GetAsync(partnerId, applicationId, ct) ?? throw UseCaseException.NotFound("application");
            var next = await decide(stored.Value, ct);
            return (await applications.UpdateAsync(stored, next, ct)).Value;
        }, cancellationToken);

        // The decision is stored; the event only wakes the orchestration (which re-reads the truth). If the event
        // is lost (this process stops now, or the backend drops an event that reaches an instance before its first
        // run), the orchestration reads the stored decision when it starts or at its next re-check.
        // Should the submission have stopped before starting the orchestration, it is started now.
        metrics.ApplicationDecided(decided.Status.ToString().ToLowerInvariant(), (decided.DecidedAt ?? clock.GetUtcNow()) - decided.SubmittedAt);
        await EnsureOrchestrationAsync(client, decided, cancellationToken);
        await client.RaiseEventAsync(ApprovalInput.InstanceIdFor(applicationId), DecisionSignal.EventName, new DecisionSignal(decided.Status, Telemetry.TraceParent.Current()), cancellationToken);
        LogDecided(logger, partnerId, applicationId, decided.Status, decided.DecidedBy);
        return decided;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started approval orchestration {InstanceId} for application {ApplicationId} of partner {PartnerId}")]
    private static partial void LogStarted(ILogger logger, string partnerId, string applicationId, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} of partner {PartnerId} decided {Status} by {DecidedBy}")]
    private static partial void LogDecided(ILogger logger, string partnerId, string applicationId, ApplicationStatus status, string? decidedBy);
}
