using System.Net;
using System.Text.Json;
using VoucherFunctions.Functions.Tests.Infrastructure;
using VoucherFunctions.TestSupport;

namespace VoucherFunctions.Functions.Tests.Api.Approval;

/// <summary>A partner with customers and a partner-voucher template, applying for trial vouchers through the API; a reviewer deciding.</summary>
internal sealed class TrialScenario(AppHostFixture app)
{
    public Scenario Partner { get; } = new(app);
    public ApiClient Reviewer { get; } = app.AsVendor("reviewer");

    public static object PartnerTemplate(string amount = "80") => new
    {
        family = "partnerVoucher",
        name = "CVM trial",
        defaultAmount = amount,
        currency = "USD",
        productScope = new { kind = "allowList", products = new[] { "cvm" } },
        paymentModeScope = "all",
        validity = new { days = 30 },
    };

    public async Task<JsonElement> ApplyAsync(int customers = 1, string? amount = "80", string? key = "new")
    {
        var uins = new List<string>();
        for (var i = 0; i < customers; i++)
        {
            uins.Add(await Partner.CustomerAsync(organizationMode: customers > 1));
        }
        var templateId = await Partner.TemplateIdAsync(PartnerTemplate());
        return await Partner.Partner.PostAsync("/api/applications", new { templateId, customerUins = uins, amount, acknowledged = true, applyReason = "POC of CVM" }, key)
            .Json(HttpStatusCode.Created);
    }

    public string DecisionPath(JsonElement application, string decision) =>
        $"/api/reviews/partners/{Partner.PartnerId}/applications/{application.Str("applicationId")}/{decision}";

    /// <summary>Waits until the orchestration has issued the vouchers (the timeline says so).</summary>
    public Task<JsonElement> WhenIssuedAsync(string applicationId) => WhenIssuedAsync(Partner.Partner, applicationId);

    /// <summary>
    /// Polls the application as <paramref name="partner"/> until its timeline says the vouchers were issued. The
    /// cap is generous because the durable engine runs on Azurite beside the other test assemblies in CI.
    /// </summary>
    public static Task<JsonElement> WhenIssuedAsync(ApiClient partner, string applicationId) =>
        Eventually.ValueAsync(
            () => partner.GetAsync($"/api/applications/{applicationId}").Json(HttpStatusCode.OK),
            application => application.GetProperty("timeline").EnumerateArray().Any(e => e.Str("kind") == "vouchersIssued"),
            "The approved application's vouchers were not issued",
            TimeSpan.FromSeconds(120));
}
