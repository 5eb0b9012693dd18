using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Xunit.Abstractions;
using Microsoft.DurableTask.Client;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// Decisions that race the orchestration's start, on the local host's real durable engine (DurableTask.AzureStorage
/// on Azurite), through real HTTP. DurableTask.AzureStorage defers an ExecutionStarted message it dequeues before
/// the Instances row is written, and discards an event that reaches a not-yet-started instance as "No such
/// instance": the decision's wake-up is lost, and only the stored decision remains.
/// </summary>
public sealed class LocalHostDecisionRaceTests(ITestOutputHelper output)
{
    public enum Decision { Approve, Reject, Cancel }

    /// <param name="OrchestrationStartedByDecision">The submission stopped before starting the orchestration: the decision starts it and wakes it at once.</param>
    private sealed record Case(int Index, Decision Decision, int Customers, bool OrchestrationStartedByDecision)
    {
        public string PartnerId { get; } = $"p-race{Index:D2}-" + Guid.NewGuid().ToString("N")[..6];
        public string TemplateId { get; set; } = "";
        public string[] CustomerUins { get; set; } = [];
        public string ApplicationId { get; set; } = "";
    }

    [Fact]
    public async Task Fifty_applications_submitted_and_decided_at_once_all_reach_their_final_state_with_exactly_their_vouchers()
    {
        using var backend = new AzureStorageDiscards();
        await using var azurite = await AzuriteServer.StartAsync();
        await using var app = await LocalApp.StartAsync(azurite.ConnectionString, "Race" + Guid.NewGuid().ToString("N")[..8], new LocalTokenIssuer(),
            new Dictionary<string, string?> { ["Approval:RecheckInterval"] = "00:00:02" });
        var cases = Enumerable.Range(0, 50)
            .Select(i => new Case(i, (Decision)(i % 3), Customers: 1 + i % 2, OrchestrationStartedByDecision: i % 2 == 0))
            .ToArray();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
            (c.TemplateId, c.CustomerUins) = await app.PrepareTrialAsync(c.PartnerId, c.Customers));

        // All at once: each submission is followed at once by its decision, as a fast reviewer (or partner) does.
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(cases.Select(async c =>
        {
            c.ApplicationId = c.OrchestrationStartedByDecision
                ? await app.StoreWithoutOrchestrationAsync(c.PartnerId, c.TemplateId, c.CustomerUins)
                : await app.ApplyAsync(c.PartnerId, c.TemplateId, c.CustomerUins);
            await (c.Decision switch
            {
                Decision.Approve => app.ApproveAsync(c.PartnerId, c.ApplicationId),
                Decision.Reject => app.RejectAsync(c.PartnerId, c.ApplicationId),
                _ => app.CancelAsync(c.PartnerId, c.ApplicationId),
            });
        }));

        var decided = clock.Elapsed;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var unfinished = await Task.WhenAll(cases.Select(async c =>
        {
            try
            {
                var done = await app.Host.DurableClient.WaitForInstanceCompletionAsync(ApprovalInput.InstanceIdFor(c.ApplicationId), getInputsAndOutputs: false, deadline.Token);
                return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? null : $"{c.ApplicationId}: {done.RuntimeStatus}";
            }
            catch (OperationCanceledException)
            {
                var state = await app.Host.DurableClient.GetInstanceAsync(ApprovalInput.InstanceIdFor(c.ApplicationId));
                return $"{c.ApplicationId} ({c.Decision}, started by decision: {c.OrchestrationStartedByDecision}): still {state?.RuntimeStatus.ToString() ?? "absent"} after 120 s";
            }
        }));
        output.WriteLine($"50 submitted and decided in {decided.TotalSeconds:F1} s; all orchestrations ended {clock.Elapsed.TotalSeconds:F1} s after the first submission");
        output.WriteLine($"DurableTask.AzureStorage discarded {backend.Discarded.Count} work items: {string.Join("; ", backend.Discarded)}");
        Assert.True(unfinished.All(u => u is null), string.Join("\n", unfinished.Where(u => u is not null)));

        foreach (var c in cases)
        {
            await AssertFinalStateAsync(app, c);
        }
    }

    [Fact]
    public async Task A_review_that_continues_as_new_executions_on_the_local_host_still_issues_its_vouchers_once_on_approval()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var hub = "Continue" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await LocalApp.StartAsync(azurite.ConnectionString, hub, new LocalTokenIssuer());
        var c = new Case(0, Decision.Approve, Customers: 2, OrchestrationStartedByDecision: false);
        (c.TemplateId, c.CustomerUins) = await app.PrepareTrialAsync(c.PartnerId, c.Customers);
        c.ApplicationId = await app.StoreWithoutOrchestrationAsync(c.PartnerId, c.TemplateId, c.CustomerUins);

        // Two reads per execution, one a second: several new executions (with a new execution id each) before the decision.
        var now = DateTimeOffset.UtcNow;
        var instanceId = ApprovalInput.InstanceIdFor(c.ApplicationId);
        await app.Host.DurableClient.ScheduleNewOrchestrationInstanceAsync(ApprovalOrchestrator.Name,
            new ApprovalInput(c.PartnerId, c.ApplicationId, now.AddDays(3), now.AddDays(30), TimeSpan.FromSeconds(1), ChecksPerExecution: 2),
            new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
        var instances = new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Instances");
        string? ExecutionId() => instances.Query<TableEntity>(e => e.PartitionKey == instanceId).SingleOrDefault()?.GetString("ExecutionId");
        await Eventually.TrueAsync(() => Task.FromResult(ExecutionId() is not null));
        var firstExecution = ExecutionId();
        // A loaded machine may take a while to run the first execution's checks: wait for the new execution, capped.
        await Eventually.TrueAsync(() => Task.FromResult(ExecutionId() != firstExecution), TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await app.Host.DurableClient.GetInstanceAsync(instanceId))!.RuntimeStatus);
        await app.ApproveAsync(c.PartnerId, c.ApplicationId);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await app.Host.DurableClient.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(new ApprovalOutcome(Domain.Applications.ApplicationStatus.Approved, 2), done.ReadOutputAs<ApprovalOutcome>());
        await AssertFinalStateAsync(app, c);
    }

    private static async Task AssertFinalStateAsync(LocalApp app, Case c)
    {
        var token = app.PartnerToken(c.PartnerId);
        var application = await app.GetAsync(token, $"/api/applications/{c.ApplicationId}");
        var timeline = application.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        var typeII = (await app.GetAsync(token, "/api/partner-vouchers?type=typeII")).GetProperty("items").EnumerateArray().ToArray();
        var expected = c.Decision switch { Decision.Approve => "approved", Decision.Reject => "rejected", _ => "cancelled" };
        Assert.Equal(expected, application.GetProperty("status").GetString());
        if (c.Decision != Decision.Approve)
        {
            Assert.Equal(["submitted", expected], timeline);
            Assert.Empty(typeII);
            return;
        }

        Assert.Equal(["submitted", "approved", "vouchersIssued"], timeline);
        var pairs = application.GetProperty("vouchers").EnumerateArray().ToArray();
        Assert.Equal(c.CustomerUins.Order(), pairs.Select(p => p.GetProperty("customerUin").GetString()!).Order());
        Assert.Equal(pairs.Select(p => p.GetProperty("partnerVoucherId").GetString()).Order(), typeII.Select(v => v.GetProperty("voucherId").GetString()).Order());
        foreach (var pair in pairs)
        {
            var partnerVoucherId = pair.GetProperty("partnerVoucherId").GetString();
            var voucher = await app.GetAsync(token, $"/api/partner-vouchers/{partnerVoucherId}");
            Assert.Equal("active", voucher.GetProperty("status").GetString());
            Assert.Equal(pair.GetProperty("customerUin").GetString(), voucher.GetProperty("customerUin").GetString());
            var typeIII = Assert.Single((await app.GetAsync(token, $"/api/partner-vouchers/{partnerVoucherId}/customer-vouchers")).EnumerateArray());
            Assert.Equal(pair.GetProperty("customerVoucherId").GetString(), typeIII.GetProperty("voucherId").GetString());
            Assert.Equal(partnerVoucherId, typeIII.GetProperty("associatedVoucherId").GetString());
            Assert.Equal(pair.GetProperty("customerUin").GetString(), typeIII.GetProperty("customerUin").GetString());
        }
    }
}
