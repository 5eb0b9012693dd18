using Microsoft.DurableTask.Client;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// The review lasts days, so it must survive restarts: on the local host's real durable engine
/// (DurableTask.AzureStorage on Azurite), an application submitted before a restart is approved after it.
/// </summary>
public sealed class LocalHostRestartTests
{
    [Fact]
    public async Task An_application_pending_across_a_restart_of_the_local_host_is_approved_after_it_and_its_vouchers_are_issued()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var tokens = new LocalTokenIssuer();
        var hub = "Restart" + Guid.NewGuid().ToString("N")[..8];
        var partnerId = "p-" + Guid.NewGuid().ToString("N")[..10];

        string applicationId;
        await using (var before = await LocalApp.StartAsync(azurite.ConnectionString, hub, tokens))
        {
            var (templateId, uins) = await before.PrepareTrialAsync(partnerId, customers: 1);
            applicationId = await before.ApplyAsync(partnerId, templateId, uins);
            await Eventually.TrueAsync(async () => (await before.Host.DurableClient.GetInstanceAsync(ApprovalInput.InstanceIdFor(applicationId)))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, TimeSpan.FromSeconds(60));
        }

        await using var after = await LocalApp.StartAsync(azurite.ConnectionString, hub, tokens);
        await after.ApproveAsync(partnerId, applicationId);

        // A liveness bound, not a speed check. The old host released the control queue's lease when it was disposed
        // (it stops its durable backend forced; before that, a work item its worker never answered kept the lease
        // renewed and this waited past 11 minutes); a message it had dequeued reappears after the 30 s visibility timeout.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var completed = await after.Host.DurableClient.WaitForInstanceCompletionAsync(ApprovalInput.InstanceIdFor(applicationId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(new ApprovalOutcome(Domain.Applications.ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        var partner = after.PartnerToken(partnerId);
        var typeII = await after.GetAsync(partner, "/api/partner-vouchers?type=typeII");
        var voucherId = Assert.Single(typeII.GetProperty("items").EnumerateArray()).GetProperty("voucherId").GetString();
        var typeIII = await after.GetAsync(partner, $"/api/partner-vouchers/{voucherId}/customer-vouchers");
        Assert.Equal("cust-1", Assert.Single(typeIII.EnumerateArray()).GetProperty("customerUin").GetString());
    }
}
