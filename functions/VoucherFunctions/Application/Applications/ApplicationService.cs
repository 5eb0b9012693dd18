using Microsoft.DurableTask.Client;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Application.Distribution;
using VoucherFunctions.Approval;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Application.Applications;

/// <summary>
/// Type II applications from the partner's side: submit (application, template lock and idempotency record in
/// one atomic write, then the orchestration that owns it), list and get. Decisions go through <see cref="ApprovalService"/>.
/// </summary>
public sealed class ApplicationService(
    IApplicationStore applications,
    ITemplateStore templates,
    ICustomerStore customers,
    ApprovalService approvals,
    DistributionService distribution,
    OptimisticRetry retry,
    TimeProvider clock,
    VoucherMetrics metrics)
{
    public async Task<Idempotent<ApplicationDto>> SubmitAsync(DurableTaskClient client, Actor actor, IdempotentCommand idempotency, ApplyRequest request, CancellationToken cancellationToken)
    {
        var partnerId = actor.RequirePartnerId();
        var customerOwner = await CustomerOwnerAsync(actor, request.SecondLevelResellerId, cancellationToken);
        var templateId = Require.Text(request.TemplateId, "templateId");
        var uins = Require.Field(request.CustomerUins, "customerUins");
        if (uins.Count is < 1 or > ApplicationPolicy.MaxCustomers)
        {
            throw UseCaseException.Invalid("customerUins", $"'customerUins' names 1 to {ApplicationPolicy.MaxCustomers} customers.");
        }
        var acknowledged = Require.Field(request.Acknowledged, "acknowledged");
        var applyReason = Require.Valid(() => Domain.Text.TextFields.ApplyReason.Optional(request.ApplyReason), "applyReason");
        var applicationId = "app-" + Guid.NewGuid().ToString("N");

        VoucherApplication? submitted = null;
        var response = await retry.RunAsync(async ct =>
        {
            var template = await templates.GetAsync(partnerId, templateId, ct) ?? throw UseCaseException.NotFound("template");
            var distinct = uins.Distinct(StringComparer.Ordinal).ToArray();
            var found = await customers.GetManyAsync(customerOwner, distinct, ct);
            if (found.Count != distinct.Length)
            {
                // Someone else's customer and no customer at all look the same: existence never leaks.
                throw UseCaseException.NotFound("customer");
            }
            var byUin = found.ToDictionary(c => c.Value.Uin, c => c.Value, StringComparer.Ordinal);
            var amount = request.Amount is null ? template.Value.DefaultAmount : Amounts.Parse(request.Amount, template.Value.Currency, "amount");
            var submission = VoucherApplication.Submit(applicationId, partnerId, template.Value, uins.Select(u => byUin[u]).ToArray(), amount, acknowledged, clock.GetUtcNow(), applyReason, request.SecondLevelResellerId);

            var created = ApplicationDto.From(submission.Application);
            var outcome = await applications.SubmitAsync(submission, template.Version, idempotency.RecordOf(created), ct);
            idempotency.MarkStoredWithEffect();
            if (outcome.DuplicateOf is { } first)
            {
                return Idempotent<ApplicationDto>.Replay(IdempotentCommand.ResultOf<ApplicationDto>(first));
            }
            submitted = submission.Application;
            return Idempotent<ApplicationDto>.First(created);
        }, cancellationToken);

        if (submitted is null)
        {
            await ResumeReviewAsync(client, partnerId, response.Value, cancellationToken);
        }
        else
        {
            metrics.ApplicationSubmitted();
            await approvals.EnsureOrchestrationAsync(client, submitted, cancellationToken);
        }
        return response;
    }

    /// <summary>
    /// A replayed submission gets the first answer; the orchestration of the application it created is (re)ensured
    /// too, in case the first request stopped between storing the application and starting it. Never a second instance.
    /// </summary>
    public async Task ResumeReviewAsync(DurableTaskClient client, string partnerId, ApplicationDto replayed, CancellationToken cancellationToken)
    {
        if ((await applications.GetAsync(partnerId, replayed.ApplicationId, cancellationToken))?.Value is { } application)
        {
            await approvals.EnsureOrchestrationAsync(client, application, cancellationToken);
        }
    }

    public async Task<ApplicationDto> GetAsync(string partnerId, string applicationId, CancellationToken cancellationToken) =>
        ApplicationDto.From((await Require.Found(applicationId, () => applications.GetAsync(partnerId, applicationId, cancellationToken), "application")).Value);

    /// <summary>A reviewer approves a pending application of any partner (409 <c>application.not_pending</c> once decided).</summary>
    public async Task<ApplicationDto> ApproveAsync(DurableTaskClient client, string partnerId, string applicationId, string reviewerId, CancellationToken cancellationToken) =>
        Domain.Ids.Ids.IsValid(partnerId) && Domain.Ids.Ids.IsValid(applicationId)
            ? ApplicationDto.From(await approvals.ApproveAsync(client, partnerId, applicationId, reviewerId, cancellationToken))
            : throw UseCaseException.NotFound("application");

    /// <summary>A reviewer rejects a pending application with a reason (required).</summary>
    public async Task<ApplicationDto> RejectAsync(DurableTaskClient client, string partnerId, string applicationId, string reviewerId, RejectRequest request, CancellationToken cancellationToken)
    {
        var reason = Require.Valid(() => Domain.Text.TextFields.RejectReason.Required(Require.Text(request.Reason, "reason")), "reason");
        return Domain.Ids.Ids.IsValid(partnerId) && Domain.Ids.Ids.IsValid(applicationId)
            ? ApplicationDto.From(await approvals.RejectAsync(client, partnerId, applicationId, reviewerId, reason, cancellationToken))
            : throw UseCaseException.NotFound("application");
    }

    /// <summary>The partner withdraws its own pending application from review (409 <c>application.not_pending</c> once it was decided, expired or cancelled).</summary>
    public async Task<ApplicationDto> CancelAsync(DurableTaskClient client, string partnerId, string applicationId, CancellationToken cancellationToken) =>
        Domain.Ids.Ids.IsValid(applicationId)
            ? ApplicationDto.From(await approvals.CancelAsync(client, partnerId, applicationId, cancellationToken))
            : throw UseCaseException.NotFound("application");

    public async Task<PageDto<ApplicationDto>> ListAsync(string partnerId, ApplicationListQuery query, PageRequest page, CancellationToken cancellationToken) =>
        (await applications.ListAsync(partnerId, query.Status, page, cancellationToken)).Map(a => ApplicationDto.From(a.Value));

    /// <summary>Pending applications of every partner, oldest first, with the overdue mark: the reviewer's queue.</summary>
    public async Task<PageDto<ApplicationDto>> ReviewQueueAsync(PageRequest page, CancellationToken cancellationToken) =>
        (await applications.ListPendingForReviewAsync(page, cancellationToken)).Map(a => ApplicationDto.From(a.Value));

    /// <summary>
    /// Whose customers the application names: the caller's own, or (a distributor applying for a second-level
    /// reseller) that reseller's — only if it sells under the caller.
    /// </summary>
    private async Task<string> CustomerOwnerAsync(Actor actor, string? secondLevelResellerId, CancellationToken cancellationToken)
    {
        var partnerId = actor.RequirePartnerId();
        if (secondLevelResellerId is null)
        {
            return partnerId;
        }
        if (!actor.Has(ActorRoles.Distributor))
        {
            throw UseCaseException.Forbidden("Only a distributor applies for a second-level reseller's customers.");
        }
        return await distribution.IsResellerOfAsync(partnerId, secondLevelResellerId, cancellationToken)
            ? secondLevelResellerId
            : throw UseCaseException.NotFound(UseCaseErrorCodes.NotFound, "No second-level reseller of yours has that id.", "secondLevelResellerId");
    }
}
