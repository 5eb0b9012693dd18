using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using VoucherFunctions.Composition;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost;
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
        LocalHostOptions Options() => new()
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
            Url = "http://127.0.0.1:0",
            StorageConnectionString = azurite.ConnectionString,
            TaskHubName = hub,
            Settings = tokens.Settings,
        };

        string applicationId;
        await using (var before = await LocalFunctionsHost.StartAsync(Options()))
        {
            using var partner = Client(before, tokens.Mint(new TokenRequest(["reseller"], partnerId)));
            await Post(partner, "/api/customers", new { uin = "cust-1", name = "Customer 1", groupModeRole = "none", organizationMode = false }, HttpStatusCode.Created);
            var template = await Post(partner, "/api/templates", new
            {
                family = "partnerVoucher", name = "Trial", defaultAmount = "50", currency = "USD",
                productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 10 },
            }, HttpStatusCode.Created);
            var applied = await Post(partner, "/api/applications", new { templateId = template.GetProperty("templateId").GetString(), customerUins = new[] { "cust-1" }, acknowledged = true }, HttpStatusCode.Created);
            applicationId = applied.GetProperty("applicationId").GetString()!;
            await WaitAsync(async () => (await before.DurableClient.GetInstanceAsync(ApprovalInput.InstanceIdFor(applicationId)))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        await using var after = await LocalFunctionsHost.StartAsync(Options());
        using var reviewer = Client(after, tokens.Mint(new TokenRequest(["reviewer"], Subject: "reviewer-9")));
        using var partnerAgain = Client(after, tokens.Mint(new TokenRequest(["reseller"], partnerId)));

        await Post(reviewer, $"/api/reviews/partners/{partnerId}/applications/{applicationId}/approve", null, HttpStatusCode.OK, idempotent: false);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var completed = await after.DurableClient.WaitForInstanceCompletionAsync(ApprovalInput.InstanceIdFor(applicationId), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(new ApprovalOutcome(Domain.Applications.ApplicationStatus.Approved, 1), completed.ReadOutputAs<ApprovalOutcome>());
        var typeII = await partnerAgain.GetFromJsonAsync<JsonElement>("/api/partner-vouchers?type=typeII");
        var voucherId = Assert.Single(typeII.GetProperty("items").EnumerateArray()).GetProperty("voucherId").GetString();
        var typeIII = await partnerAgain.GetFromJsonAsync<JsonElement>($"/api/partner-vouchers/{voucherId}/customer-vouchers");
        Assert.Equal("cust-1", Assert.Single(typeIII.EnumerateArray()).GetProperty("customerUin").GetString());
    }

    private static HttpClient Client(LocalFunctionsHost host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object? body, HttpStatusCode expected, bool idempotent = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The orchestration did not start within 60 s.");
            await Task.Delay(200);
        }
    }
}
