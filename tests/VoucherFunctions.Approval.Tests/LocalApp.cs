using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Composition;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// The voucher app on the local host (its real durable engine: DurableTask.AzureStorage) over a storage account
/// the test chooses, and what partners and a reviewer do with it over real HTTP.
/// </summary>
public sealed class LocalApp(LocalFunctionsHost host, LocalTokenIssuer tokens) : IAsyncDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.BaseAddress };
    private int _disposed;

    public LocalFunctionsHost Host => host;

    public static async Task<LocalApp> StartAsync(
        string storageConnectionString,
        string hub,
        LocalTokenIssuer tokens,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(tokens.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (collection, configuration) =>
            {
                collection.AddVoucherFunctions(configuration);
                services?.Invoke(collection);
            },
            Url = "http://127.0.0.1:0",
            StorageConnectionString = storageConnectionString,
            TaskHubName = hub,
            Settings = all,
        });
        return new LocalApp(host, tokens);
    }

    public string PartnerToken(string partnerId) => tokens.Mint(new TokenRequest(["reseller"], partnerId));

    public string ReviewerToken { get; } = tokens.Mint(new TokenRequest(["reviewer"], Subject: "reviewer-9"));

    /// <summary>A partner with <paramref name="customers"/> customers (organization mode when more than one) and a trial template. Returns the template id and the UINs.</summary>
    public async Task<(string TemplateId, string[] CustomerUins)> PrepareTrialAsync(string partnerId, int customers)
    {
        var token = PartnerToken(partnerId);
        var uins = Enumerable.Range(1, customers).Select(i => $"cust-{i}").ToArray();
        foreach (var uin in uins)
        {
            await SendAsync(token, HttpMethod.Post, "/api/customers", new { uin, name = "Customer " + uin, groupModeRole = "none", organizationMode = customers > 1 }, HttpStatusCode.Created);
        }
        var template = await SendAsync(token, HttpMethod.Post, "/api/templates", new
        {
            family = "partnerVoucher", name = "Trial", defaultAmount = "50", currency = "USD",
            productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 10 },
        }, HttpStatusCode.Created);
        return (template.GetProperty("templateId").GetString()!, uins);
    }

    /// <summary>The partner applies over HTTP (the app stores the application and starts its orchestration). Returns the application id.</summary>
    public async Task<string> ApplyAsync(string partnerId, string templateId, string[] customerUins)
    {
        var applied = await SendAsync(PartnerToken(partnerId), HttpMethod.Post, "/api/applications", new { templateId, customerUins, acknowledged = true }, HttpStatusCode.Created);
        return applied.GetProperty("applicationId").GetString()!;
    }

    /// <summary>
    /// An application stored the way a submission stores it, by a submission that stopped before it started the
    /// orchestration (the process died in between): the decision on it then starts the orchestration itself.
    /// </summary>
    public async Task<string> StoreWithoutOrchestrationAsync(string partnerId, string templateId, string[] customerUins)
    {
        var template = (await host.Services.GetRequiredService<ITemplateStore>().GetAsync(partnerId, templateId))!;
        var customers = await host.Services.GetRequiredService<ICustomerStore>().GetManyAsync(partnerId, customerUins);
        var applicationId = "app-" + Guid.NewGuid().ToString("N");
        var submission = VoucherApplication.Submit(applicationId, partnerId, template.Value, customers.Select(c => c.Value).OrderBy(c => c.Uin).ToArray(),
            template.Value.DefaultAmount, acknowledged: true, DateTimeOffset.UtcNow);
        await host.Services.GetRequiredService<IApplicationStore>().SubmitAsync(submission, template.Version);
        return applicationId;
    }

    public Task<JsonElement> ApproveAsync(string partnerId, string applicationId) =>
        SendAsync(ReviewerToken, HttpMethod.Post, $"/api/reviews/partners/{partnerId}/applications/{applicationId}/approve", null, HttpStatusCode.OK, idempotent: false);

    public Task<JsonElement> RejectAsync(string partnerId, string applicationId) =>
        SendAsync(ReviewerToken, HttpMethod.Post, $"/api/reviews/partners/{partnerId}/applications/{applicationId}/reject", new { reason = "No trial for this customer" }, HttpStatusCode.OK, idempotent: false);

    public Task<JsonElement> CancelAsync(string partnerId, string applicationId) =>
        SendAsync(PartnerToken(partnerId), HttpMethod.Post, $"/api/applications/{applicationId}/cancel", null, HttpStatusCode.OK, idempotent: false);

    public Task<JsonElement> GetAsync(string token, string path) => SendAsync(token, HttpMethod.Get, path, null, HttpStatusCode.OK, idempotent: false);

    /// <summary>Sends a request and insists on the expected status; POSTs carry an Idempotency-Key unless told otherwise.</summary>
    public async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body, HttpStatusCode expected, bool idempotent = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotent && method == HttpMethod.Post)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Stops the host; safe to call again (a test may stop one host before the end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _http.Dispose();
        await host.DisposeAsync();
    }
}
