using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost.Durable;
using VoucherFunctions.LocalHost.LocalAuth;
using Xunit.Abstractions;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// Two local hosts on one storage account and task hub, as README allows. DurableTask.AzureStorage's partition
/// manager treats a partition lease whose owner is its own worker id as its own, so hosts sharing an id would both
/// process the one control queue. Each registers as its own worker: one owns the orchestrations, both serve HTTP
/// and activities, and when the owner stops the other takes over.
/// </summary>
public sealed class TwoLocalHostsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hosts_register_as_different_workers_one_runs_the_orchestrations_and_approvals_through_either_issue_once()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var tokens = new LocalTokenIssuer();
        var hub = "Two" + Guid.NewGuid().ToString("N")[..8];
        var logs = new[] { new OrchestratorLog(), new OrchestratorLog() };
        await using var first = await LocalApp.StartAsync(azurite.ConnectionString, hub, tokens, services: s => s.AddSingleton<ILoggerProvider>(logs[0]));
        await using var second = await LocalApp.StartAsync(azurite.ConnectionString, hub, tokens, services: s => s.AddSingleton<ILoggerProvider>(logs[1]));
        var hosts = new[] { first, second };
        var ids = hosts.Select(h => h.Host.Services.GetRequiredService<DurableWorkerIdentity>().WorkerId).ToArray();
        Assert.NotEqual(ids[0], ids[1]);

        // Submitted through one host, decided through the other, both ways round.
        var applications = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var (submitter, decider) = (hosts[i % 2], hosts[(i + 1) % 2]);
            var partnerId = $"p-two{i}-" + Guid.NewGuid().ToString("N")[..6];
            var (templateId, uins) = await submitter.PrepareTrialAsync(partnerId, customers: 2);
            var applicationId = await submitter.ApplyAsync(partnerId, templateId, uins);
            await decider.ApproveAsync(partnerId, applicationId);
            return (PartnerId: partnerId, ApplicationId: applicationId);
        }));
        foreach (var (partnerId, applicationId) in applications)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var done = await first.Host.DurableClient.WaitForInstanceCompletionAsync(ApprovalInput.InstanceIdFor(applicationId), getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(new ApprovalOutcome(Domain.Applications.ApplicationStatus.Approved, 2), done.ReadOutputAs<ApprovalOutcome>());
            await AssertIssuedOnceAsync(second, partnerId, customers: 2);
        }

        // The partition lease names one of the two, and only that host ran orchestration steps.
        var owner = await PartitionOwnerAsync(azurite.ConnectionString, hub);
        var ownerIndex = Array.IndexOf(ids, owner);
        Assert.True(ownerIndex >= 0, $"The control queue is owned by '{owner}', neither {ids[0]} nor {ids[1]}.");
        Assert.Equal(applications.Length, logs[ownerIndex].Messages.Count(m => m.Contains("trial vouchers issued")));
        Assert.Empty(logs[1 - ownerIndex].Messages);

        // The owner stops; a review pending on it is decided through the other host, which takes the partition over.
        var survivor = hosts[1 - ownerIndex];
        var pendingPartner = "p-two-over-" + Guid.NewGuid().ToString("N")[..6];
        var (pendingTemplate, pendingUins) = await survivor.PrepareTrialAsync(pendingPartner, customers: 1);
        var pending = await survivor.ApplyAsync(pendingPartner, pendingTemplate, pendingUins);
        await hosts[ownerIndex].DisposeAsync();
        var stopped = Stopwatch.StartNew();
        await survivor.ApproveAsync(pendingPartner, pending);
        using var takeover = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var taken = await survivor.Host.DurableClient.WaitForInstanceCompletionAsync(ApprovalInput.InstanceIdFor(pending), getInputsAndOutputs: true, takeover.Token);
        output.WriteLine($"The other host issued the pending approval {stopped.Elapsed.TotalSeconds:F1} s after the owner stopped");
        Assert.Equal(new ApprovalOutcome(Domain.Applications.ApplicationStatus.Approved, 1), taken.ReadOutputAs<ApprovalOutcome>());
        Assert.Equal(ids[1 - ownerIndex], await PartitionOwnerAsync(azurite.ConnectionString, hub));
        await AssertIssuedOnceAsync(survivor, pendingPartner, customers: 1);
    }

    private static async Task AssertIssuedOnceAsync(LocalApp app, string partnerId, int customers)
    {
        var token = app.PartnerToken(partnerId);
        var typeII = (await app.GetAsync(token, "/api/partner-vouchers?type=typeII")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(customers, typeII.Length);
        foreach (var voucher in typeII)
        {
            Assert.Single((await app.GetAsync(token, $"/api/partner-vouchers/{voucher.GetProperty("voucherId").GetString()}/customer-vouchers")).EnumerateArray());
        }
    }

    /// <summary>The current owner of the hub's one control-queue partition, from DurableTask.AzureStorage's partition table.</summary>
    private static async Task<string?> PartitionOwnerAsync(string connectionString, string hub)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(hub + "Partitions");
        await foreach (var lease in table.QueryAsync<TableEntity>())
        {
            return lease.GetString("CurrentOwner");
        }
        return null;
    }
}
