using VoucherFunctions.Application.Common;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Http;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Approval.Tests;

public sealed class ApprovalOrchestrationTests(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    private const string Reviewer = "reviewer-7";

    [Fact]
    public async Task Approval_activates_one_type_ii_per_customer_and_issues_its_associated_type_iii()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host, customers: 2);
        await scenario.StartWithProductionDeadlinesAsync();

        var approved = await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 2), completed.ReadOutputAs<ApprovalOutcome>());
        var typeII = await scenario.VouchersAsync(VoucherType.TypeII);
        var typeIII = await scenario.VouchersAsync(VoucherType.TypeIII);
        Assert.Equal(scenario.Application.CustomerUins.Order(), typeII.Select(v => v.CustomerUin!).Order());
        Assert.All(typeII, v =>
        {
            Assert.Equal(VoucherStatus.Active, v.Status);
            Assert.Equal(approved.DecidedAt, v.EffectiveFrom);
            Assert.Equal(approved.DecidedAt!.Value.AddDays(30), v.ExpiresAt);
            Assert.Equal(80_00000000L, v.Balance.MinorUnits);
        });
        Assert.Equal(2, typeIII.Count);
        Assert.All(typeIII, v =>
        {
            var partner = typeII.Single(p => p.CustomerUin == v.CustomerUin);
            Assert.Equal(VoucherPurpose.ProductTrial, v.Purpose);
            Assert.Equal(partner.VoucherId, v.AssociatedVoucherId);
            Assert.Equal(v.VoucherId, partner.AssociatedVoucherId);
            Assert.Equal(partner.Amount, v.Amount);
            Assert.Equal(partner.ExpiresAt, v.ExpiresAt);
            Assert.Equal(partner.ProductScope, v.ProductScope);
        });
        var stored = await scenario.StoredApplicationAsync();
        Assert.Equal(ApplicationStatus.Approved, stored.Status);
        Assert.Equal([ApplicationEventKind.Submitted, ApplicationEventKind.Approved, ApplicationEventKind.VouchersIssued], stored.Timeline.Select(e => e.Kind));
        Assert.Equal(Reviewer, stored.DecidedBy);
    }

    [Fact]
    public async Task Rejection_keeps_the_reason_and_issues_nothing()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.StartWithProductionDeadlinesAsync();

        await scenario.Approvals.RejectAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, "Customer already had a trial", default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Rejected, 0), completed.ReadOutputAs<ApprovalOutcome>());
        var stored = await scenario.StoredApplicationAsync();
        Assert.Equal("Customer already had a trial", stored.RejectReason);
        Assert.Empty(await scenario.VouchersAsync(VoucherType.TypeII));
        Assert.Empty(await scenario.VouchersAsync(VoucherType.TypeIII));
    }

    [Fact]
    public async Task A_partner_cancelling_the_review_ends_it_with_nothing_issued()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.StartWithProductionDeadlinesAsync();

        await scenario.Approvals.CancelAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Cancelled, 0), completed.ReadOutputAs<ApprovalOutcome>());
        Assert.Equal(ApplicationStatus.Cancelled, (await scenario.StoredApplicationAsync()).Status);
        Assert.Empty(await scenario.VouchersAsync(VoucherType.TypeII));
        Assert.Single(host.Events.Of(scenario.PartnerId, "application.cancelled"));
        Assert.DoesNotContain(host.Events.Of(scenario.PartnerId), e => e.Type!.StartsWith("voucher.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_application_without_a_decision_is_marked_overdue_escalated_and_can_still_be_approved()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        using var afterTheSla = host.Clock.ShiftBy(TimeSpan.FromDays(7));
        await scenario.StartAsync(overdueAfter: TimeSpan.FromSeconds(1), expiresAfter: TimeSpan.FromDays(30));

        await Eventually.TrueAsync(async () => (await scenario.StoredApplicationAsync()).IsOverdue);
        // The escalation is the application.overdue event, committed with the mark.
        await Eventually.TrueAsync(() => Task.FromResult(host.Events.Of(scenario.PartnerId, "application.overdue").Any(e => e.Subject == "applications/" + scenario.Application.ApplicationId)));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(scenario.InstanceId))!.RuntimeStatus);

        await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        var stored = await scenario.StoredApplicationAsync();
        Assert.Equal([ApplicationEventKind.Submitted, ApplicationEventKind.MarkedOverdue, ApplicationEventKind.Approved, ApplicationEventKind.VouchersIssued], stored.Timeline.Select(e => e.Kind));
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeIII));
    }

    [Fact]
    public async Task At_the_hard_expiry_an_undecided_application_expires_and_nothing_is_issued()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        using var afterTheSla = host.Clock.ShiftBy(TimeSpan.FromDays(7));
        await scenario.StartAsync(overdueAfter: TimeSpan.FromMilliseconds(500), expiresAfter: TimeSpan.FromSeconds(2));

        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Expired, 0), completed.ReadOutputAs<ApprovalOutcome>());
        var stored = await scenario.StoredApplicationAsync();
        Assert.Equal(ApplicationStatus.Expired, stored.Status);
        Assert.True(stored.IsOverdue);
        Assert.Empty(await scenario.VouchersAsync(VoucherType.TypeII));
        var late = await Assert.ThrowsAsync<DomainException>(() =>
            scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default));
        Assert.Equal(ErrorCodes.ApplicationNotPending, late.Code);
        Assert.Single(host.Events.Of(scenario.PartnerId, "application.expired"));
        Assert.Empty(host.Events.Of(scenario.PartnerId, "application.approved"));
    }

    [Fact]
    public async Task A_decision_sent_before_the_orchestration_waits_is_not_lost()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);

        // Scheduled and decided at once: the instance has not run its first step when the event arrives.
        await scenario.StartWithProductionDeadlinesAsync();
        await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
    }

    [Fact]
    public async Task A_decision_recorded_whose_event_was_lost_is_settled_by_the_expiry_at_the_latest()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.StartAsync(overdueAfter: TimeSpan.FromDays(3), expiresAfter: TimeSpan.FromSeconds(2));

        await scenario.RecordDecisionWithoutSignalAsync(ApplicationStatus.Approved);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeIII));
    }

    [Fact]
    public async Task A_second_decision_is_refused_and_the_vouchers_are_issued_once()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.StartWithProductionDeadlinesAsync();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, $"reviewer-{i}", default);
                return "approved";
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        }));
        var completed = await scenario.CompletionAsync();

        Assert.Equal(1, decisions.Count(d => d == "approved"));
        Assert.Equal(3, decisions.Count(d => d == ErrorCodes.ApplicationNotPending));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeII));
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeIII));
        var reject = await Assert.ThrowsAsync<DomainException>(() =>
            scenario.Approvals.RejectAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, "too late", default));
        Assert.Equal(ErrorCodes.ApplicationNotPending, reject.Code);
    }

    [Fact]
    public async Task A_decision_for_an_unknown_application_is_not_found()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);

        var unknown = await Assert.ThrowsAsync<UseCaseException>(() =>
            scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, "app-does-not-exist", Reviewer, default));
        var otherPartner = await Assert.ThrowsAsync<UseCaseException>(() =>
            scenario.Approvals.ApproveAsync(host.Client, "partner-someone-else", scenario.Application.ApplicationId, Reviewer, default));

        // The use case speaks of "not found"; the HTTP layer answers it as 404.
        Assert.Equal(404, ErrorStatusMap.StatusOf(unknown));
        Assert.Equal(404, ErrorStatusMap.StatusOf(otherPartner));
    }

    [Fact]
    public async Task Fan_out_to_25_customers_survives_one_failing_activity_and_issues_exactly_25_type_iii()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host, customers: 25);
        var flaky = scenario.Application.CustomerUins[7];
        host.Vouchers.FailFirstInsertOf(VoucherIds.CustomerTrial(scenario.Application.ApplicationId, flaky));
        await scenario.StartWithProductionDeadlinesAsync();

        await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 25), completed.ReadOutputAs<ApprovalOutcome>());
        Assert.Contains(VoucherIds.CustomerTrial(scenario.Application.ApplicationId, flaky), host.Vouchers.FailedInserts);
        var typeIII = await scenario.VouchersAsync(VoucherType.TypeIII);
        Assert.Equal(25, typeIII.Count);
        Assert.Equal(25, typeIII.Select(v => v.CustomerUin).Distinct().Count());
        Assert.Equal(25, (await scenario.VouchersAsync(VoucherType.TypeII)).Count);
    }

    [Fact]
    public async Task Running_every_activity_twice_issues_no_duplicate_voucher()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host, customers: 3);
        await scenario.StartWithProductionDeadlinesAsync();
        await scenario.Approvals.ApproveAsync(host.Client, scenario.PartnerId, scenario.Application.ApplicationId, Reviewer, default);
        await scenario.CompletionAsync();

        // Durable runs activities at least once: replay the whole fan-out by hand.
        var activities = ActivatorUtilities.CreateInstance<ApprovalActivities>(host.Services);
        var input = new ApprovalInput(scenario.PartnerId, scenario.Application.ApplicationId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), ApprovalOptions.DefaultRecheckInterval);
        var uins = await activities.ActivateTrialVouchers(input);
        foreach (var uin in uins)
        {
            await activities.IssueTrialCustomerVoucher(new TrialVoucherIssue(input, uin));
        }
        await activities.RecordVouchersIssued(input);

        Assert.Equal(3, (await scenario.VouchersAsync(VoucherType.TypeII)).Count);
        Assert.Equal(3, (await scenario.VouchersAsync(VoucherType.TypeIII)).Count);
        Assert.Single((await scenario.StoredApplicationAsync()).Timeline, e => e.Kind == ApplicationEventKind.VouchersIssued);

        // Each change was announced once, by the step that made it, whatever ran twice.
        var events = host.Events.Of(scenario.PartnerId);
        var subject = "applications/" + scenario.Application.ApplicationId;
        Assert.Single(events, e => e.Type == "application.submitted" && e.Subject == subject);
        Assert.Single(events, e => e.Type == "application.approved" && e.Subject == subject);
        Assert.Single(events, e => e.Type == "application.vouchers_issued" && e.Subject == subject);
        Assert.Equal(3, events.Count(e => e.Type == "voucher.activated"));
        Assert.Equal(3, events.Count(e => e.Type == "voucher.issued"));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(new Uri("/partners/" + scenario.PartnerId, UriKind.Relative), e.Source));
    }
}
