using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Approval;

/// <summary>
/// The I/O steps of the approval orchestration. Each is safe to run twice (Durable runs activities at least
/// once): transitions check the stored state first, vouchers have deterministic ids and an existing one
/// counts as issued. A lost optimistic-concurrency race throws, and the orchestration's retry runs it again.
/// Every write commits its events with it (application.overdue, .expired, .vouchers_issued; voucher.activated and
/// .issued), so a step run twice announces nothing twice. Each runs in a span of the trace that submitted the
/// application (<see cref="Spans.StartApprovalActivity"/>); the counts of overdue and expired applications and the
/// time to issuance are recorded where the change is stored.
/// </summary>
public sealed partial class ApprovalActivities(
    IApplicationStore applications,
    IVoucherStore vouchers,
    TimeProvider clock,
    VoucherMetrics metrics,
    ILogger<ApprovalActivities> logger)
{
    /// <summary>
    /// Marks a still-pending application overdue; the escalation is the <c>application.overdue</c> event committed with
    /// the mark (reviewers' subscriptions receive it). False when it was already decided.
    /// </summary>
    [Function(nameof(MarkApplicationOverdue))]
    public async Task<bool> MarkApplicationOverdue([ActivityTrigger] ApprovalInput input)
    {
        using var span = Spans.StartApprovalActivity(nameof(MarkApplicationOverdue), input);
        var stored = await LoadAsync(input);
        if (!stored.Value.IsPending)
        {
            return false;
        }

        if (!stored.Value.IsOverdue)
        {
            var application = stored.Value.MarkOverdue(clock.GetUtcNow());
            await applications.UpdateAsync(stored, application);
            metrics.ApplicationOverdue();
            LogEscalated(application.PartnerId, application.ApplicationId, application.SubmittedAt);
        }

        return true;
    }

    /// <summary>Reads the application's stored status; at the hard expiry a still-pending application expires.</summary>
    [Function(nameof(SettleApplication))]
    public async Task<ApplicationStatus> SettleApplication([ActivityTrigger] SettleRequest request)
    {
        using var span = Spans.StartApprovalActivity(nameof(SettleApplication), request.Approval);
        var stored = await LoadAsync(request.Approval);
        if (request.ExpiryReached && stored.Value.IsPending)
        {
            var expired = stored.Value.Expire(clock.GetUtcNow());
            await applications.UpdateAsync(stored, expired);
            metrics.ApplicationExpired();
            LogExpired(expired.PartnerId, expired.ApplicationId);
            return expired.Status;
        }
        return stored.Value.Status;
    }

    /// <summary>Makes one Type II voucher per customer active (validity from the approval time). Returns the customers.</summary>
    [Function(nameof(ActivateTrialVouchers))]
    public async Task<string[]> ActivateTrialVouchers([ActivityTrigger] ApprovalInput input)
    {
        using var span = Spans.StartApprovalActivity(nameof(ActivateTrialVouchers), input);
        var application = (await LoadAsync(input)).Value;
        foreach (var pair in application.TrialVoucherPairs())
        {
            await AddOnceAsync(pair.PartnerVoucher);
        }
        return application.CustomerUins.ToArray();
    }

    /// <summary>Issues one customer's product-trial Type III voucher, associated with its Type II.</summary>
    [Function(nameof(IssueTrialCustomerVoucher))]
    public async Task IssueTrialCustomerVoucher([ActivityTrigger] TrialVoucherIssue request)
    {
        // No customer UIN on the span: the customer's voucher id names it well enough for a trace.
        using var span = Spans.StartApprovalActivity(nameof(IssueTrialCustomerVoucher), request.Approval);
        var application = (await LoadAsync(request.Approval)).Value;
        var pair = application.TrialVoucherPairs().SingleOrDefault(p => p.PartnerVoucher.CustomerUin == request.CustomerUin)
            ?? throw new InvalidOperationException($"Customer {request.CustomerUin} is not in application {application.ApplicationId}.");
        await AddOnceAsync(pair.CustomerVoucher);
    }

    /// <summary>Adds "vouchers issued" to the application's timeline (idempotent).</summary>
    [Function(nameof(RecordVouchersIssued))]
    public async Task RecordVouchersIssued([ActivityTrigger] ApprovalInput input)
    {
        using var span = Spans.StartApprovalActivity(nameof(RecordVouchersIssued), input);
        var stored = await LoadAsync(input);
        var now = clock.GetUtcNow();
        var recorded = stored.Value.RecordVouchersIssued(now);
        if (!ReferenceEquals(recorded, stored.Value))
        {
            await applications.UpdateAsync(stored, recorded);
            metrics.VouchersIssued(now - (stored.Value.DecidedAt ?? now));
        }
    }

    private async Task<Versioned<VoucherApplication>> LoadAsync(ApprovalInput input) =>
        await applications.GetAsync(input.PartnerId, input.ApplicationId)
        ?? throw new InvalidOperationException($"Application {input.ApplicationId} of partner {input.PartnerId} does not exist.");

    /// <summary>Inserts a voucher with a deterministic id; one that already exists was issued by an earlier attempt.</summary>
    private async Task AddOnceAsync(Voucher voucher)
    {
        try
        {
            await vouchers.AddAsync(voucher);
            LogVoucherIssued(voucher.PartnerId, voucher.VoucherId, voucher.Type);
        }
        catch (ConcurrencyConflictException)
        {
            if (await vouchers.GetAsync(voucher.PartnerId, voucher.VoucherId) is null)
            {
                throw;
            }
            LogVoucherAlreadyIssued(voucher.PartnerId, voucher.VoucherId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalated overdue application {ApplicationId} of partner {PartnerId}, submitted {SubmittedAt}")]
    private partial void LogEscalated(string partnerId, string applicationId, DateTimeOffset submittedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {ApplicationId} of partner {PartnerId} expired without a decision")]
    private partial void LogExpired(string partnerId, string applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued {VoucherType} voucher {VoucherId} for partner {PartnerId}")]
    private partial void LogVoucherIssued(string partnerId, string voucherId, VoucherType voucherType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher {VoucherId} of partner {PartnerId} was already issued by an earlier attempt")]
    private partial void LogVoucherAlreadyIssued(string partnerId, string voucherId);
}
