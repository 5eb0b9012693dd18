using System.Net;
using System.Text.Json;

namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>A fresh partner (unique id) with helpers to set up customers, templates and vouchers through the API.</summary>
public sealed class Scenario
{
    public Scenario(AppHostFixture app, string role = "reseller", string? distributorId = null)
    {
        App = app;
        PartnerId = "p-" + Guid.NewGuid().ToString("N")[..12];
        Partner = distributorId is null
            ? app.As(PartnerId, role)
            : app.WithToken(app.Tokens.Mint(new VoucherFunctions.LocalHost.LocalAuth.TokenRequest([role], PartnerId, DistributorId: distributorId)));
    }

    public AppHostFixture App { get; }

    public string PartnerId { get; }

    public ApiClient Partner { get; }

    public static object CustomerTemplate(string name = "Spring discount", string amount = "100", object? productScope = null, int days = 30) => new
    {
        family = "customerVoucher",
        name,
        note = "for new customers",
        defaultAmount = amount,
        currency = "USD",
        productScope = productScope ?? new { kind = "allProducts" },
        paymentModeScope = "all",
        validity = new { days },
    };

    public async Task<string> CustomerAsync(string? uin = null, string groupModeRole = "none", bool organizationMode = false, string? name = null)
    {
        uin ??= "uin" + Guid.NewGuid().ToString("N")[..10];
        name ??= "Customer " + uin;
        await Partner.PostAsync("/api/customers", new { uin, name, groupModeRole, organizationMode }).Json(HttpStatusCode.Created);
        return uin;
    }

    public async Task<JsonElement> TemplateAsync(object? body = null) =>
        await Partner.PostAsync("/api/templates", body ?? CustomerTemplate()).Json(HttpStatusCode.Created);

    public async Task<string> TemplateIdAsync(object? body = null) => (await TemplateAsync(body)).Str("templateId");

    public async Task<JsonElement> IssueAsync(string templateId, string[] uins, string? amount = "25.5", string? key = "new") =>
        await Partner.PostAsync("/api/customer-vouchers", new { templateId, customerUins = uins, amount }, key).Json(HttpStatusCode.Created);

    /// <summary>One voucher issued to a fresh customer; returns (voucher id, uin, template id).</summary>
    public async Task<(string VoucherId, string Uin, string TemplateId)> VoucherAsync(string amount = "25.5")
    {
        var uin = await CustomerAsync();
        var templateId = await TemplateIdAsync();
        var issued = await IssueAsync(templateId, [uin], amount);
        return (issued.GetProperty("vouchers")[0].Str("voucherId"), uin, templateId);
    }
}
