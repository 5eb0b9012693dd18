using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// The stored decision is the truth: an orchestration acts on a decision recorded before it first ran or whose
/// wake-up never came (read at start), and on one recorded while it waits within one re-check interval, never
/// only at the hard expiry.
/// </summary>
public sealed class EarlyAndLostDecisionTests(ApprovalHostFixture host) : IClassFixture<ApprovalHostFixture>
{
    private enum Timing
    {
        /// <summary>Scheduled, then decided through the decision service at once (the event may beat the first run).</summary>
        DecidedRightAfterStart,
        /// <summary>The submission stopped before starting the orchestration: the decision starts it and wakes it.</summary>
        DecisionStartsTheOrchestration,
        /// <summary>Waiting; the decision is recorded but its wake-up is lost.</summary>
        WakeUpLostWhileWaiting,
        /// <summary>Recorded with no wake-up before the orchestration existed; a replayed submission then starts it.</summary>
        RecordedBeforeTheFirstRun,
    }

    [Fact]
    public async Task Fifty_applications_decided_at_once_some_before_their_first_run_or_without_a_wake_up_all_end_with_exactly_their_vouchers()
    {
        var decisions = new[] { ApplicationStatus.Approved, ApplicationStatus.Rejected, ApplicationStatus.Cancelled };
        var scenarios = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            (Scenario: await ApplicationScenario.SubmitAsync(host, customers: 1 + i % 2), Decision: decisions[i % 3], Timing: (Timing)(i % 4))));

        await Task.WhenAll(scenarios.Select(async s =>
        {
            switch (s.Timing)
            {
                case Timing.DecidedRightAfterStart:
                    await s.Scenario.StartWithProductionDeadlinesAsync(recheckEvery: TimeSpan.FromSeconds(1));
                    await s.Scenario.DecideAsync(s.Decision);
                    break;
                case Timing.DecisionStartsTheOrchestration:
                    await s.Scenario.DecideAsync(s.Decision);
                    break;
                case Timing.WakeUpLostWhileWaiting:
                    await s.Scenario.StartWithProductionDeadlinesAsync(recheckEvery: TimeSpan.FromSeconds(1));
                    await s.Scenario.RecordDecisionWithoutSignalAsync(s.Decision);
                    break;
                case Timing.RecordedBeforeTheFirstRun:
                    var decided = await s.Scenario.RecordDecisionWithoutSignalAsync(s.Decision);
                    await s.Scenario.Approvals.EnsureOrchestrationAsync(host.Client, decided, default);
                    break;
            }
        }));
        var completed = await Task.WhenAll(scenarios.Select(s => s.Scenario.CompletionAsync()));

        for (var i = 0; i < scenarios.Length; i++)
        {
            var (scenario, decision, timing) = scenarios[i];
            var customers = scenario.Application.CustomerUins.Count;
            Assert.True(completed[i].RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{timing} {decision}: {completed[i].RuntimeStatus}");
            Assert.Equal(new ApprovalOutcome(decision, decision == ApplicationStatus.Approved ? customers : 0), completed[i].ReadOutputAs<ApprovalOutcome>());
            Assert.Equal(decision, (await scenario.StoredApplicationAsync()).Status);
            var typeII = await scenario.VouchersAsync(VoucherType.TypeII);
            var typeIII = await scenario.VouchersAsync(VoucherType.TypeIII);
            if (decision != ApplicationStatus.Approved)
            {
                Assert.Empty(typeII);
                Assert.Empty(typeIII);
                continue;
            }
            Assert.Equal(scenario.Application.CustomerUins.Order(), typeII.Select(v => v.CustomerUin!).Order());
            Assert.All(typeII, v => Assert.Equal(VoucherStatus.Active, v.Status));
            Assert.Equal(customers, typeIII.Count);
            Assert.All(typeIII, v => Assert.Equal(typeII.Single(p => p.CustomerUin == v.CustomerUin).VoucherId, v.AssociatedVoucherId));
        }
    }

    [Fact]
    public async Task A_decision_recorded_before_the_first_run_and_never_signalled_is_acted_on_when_the_orchestration_starts()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.RecordDecisionWithoutSignalAsync(ApplicationStatus.Approved);

        // Production deadlines and re-check interval: only the read at start can settle it within the test's cap.
        await scenario.StartWithProductionDeadlinesAsync();
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeIII));
    }

    [Fact]
    public async Task A_decision_whose_wake_up_was_lost_while_waiting_is_acted_on_at_the_next_recheck()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        await scenario.StartWithProductionDeadlinesAsync(recheckEvery: TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(async () => (await host.Client.GetInstanceAsync(scenario.InstanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await scenario.RecordDecisionWithoutSignalAsync(ApplicationStatus.Rejected);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Rejected, 0), completed.ReadOutputAs<ApprovalOutcome>());
        Assert.Empty(await scenario.VouchersAsync(VoucherType.TypeII));
    }

    [Fact]
    public async Task A_review_that_outlasts_several_executions_escalates_once_and_still_issues_on_approval()
    {
        var scenario = await ApplicationScenario.SubmitAsync(host);
        using var afterTheSla = host.Clock.ShiftBy(TimeSpan.FromDays(7));
        await scenario.StartAsync(overdueAfter: TimeSpan.FromSeconds(1), expiresAfter: TimeSpan.FromDays(30), recheckEvery: TimeSpan.FromMilliseconds(500), checksPerExecution: 2);

        // A continued execution carries the handled escalation in its input; wait for a few of them.
        await Eventually.TrueAsync(async () =>
            (await host.Client.GetInstanceAsync(scenario.InstanceId, getInputsAndOutputs: true))?.ReadInputAs<ApprovalInput>()?.OverdueHandled == true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(scenario.InstanceId))!.RuntimeStatus);
        await scenario.DecideAsync(ApplicationStatus.Approved);
        var completed = await scenario.CompletionAsync();

        Assert.Equal(new ApprovalOutcome(ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        var stored = await scenario.StoredApplicationAsync();
        Assert.Equal([ApplicationEventKind.Submitted, ApplicationEventKind.MarkedOverdue, ApplicationEventKind.Approved, ApplicationEventKind.VouchersIssued], stored.Timeline.Select(e => e.Kind));
        Assert.Single(host.Events.Of(scenario.PartnerId, "application.overdue"), e => e.Subject == "applications/" + scenario.Application.ApplicationId);
        Assert.Single(await scenario.VouchersAsync(VoucherType.TypeIII));
    }
}
