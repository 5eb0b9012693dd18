using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static VoucherFunctions.Console.Tests.Journey;

namespace VoucherFunctions.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CustomerVoucherJourneyTests(ConsoleFixture app)
{
    [Fact]
    public async Task A_reseller_issues_and_withdraws_a_customer_voucher_and_the_used_template_refuses_edits_with_the_reason()
    {
        var partner = NewPartner("p-issue");
        var uin = NewUin();
        await using var reseller = await app.SignInAsync("reseller", partner);
        await RegisterCustomerAsync(reseller, uin);

        await reseller.OpenAsync("Customer Voucher Issuance");
        await CreateTemplateAsync(reseller, "Welcome discount", "50", "All product voucher");
        await reseller.Button("Issue from Welcome discount").ClickAsync();
        await reseller.Dialog.GetByLabel("Customer UINs").FillAsync(uin);
        await reseller.Dialog.GetByLabel("Amount").FillAsync("25.00000001");
        await reseller.Button("OK", reseller.Dialog).ClickAsync();
        var issued = reseller.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Issued " });
        await issued.WaitForAsync();
        var voucherId = Regex.Match(await issued.InnerTextAsync(), @"Issued (\S+)\.").Groups[1].Value;
        await Row(reseller, "Welcome discount").GetByText("Locked").WaitForAsync();
        await reseller.ScreenshotAsync("customer-voucher-issuance");

        // The list shows the voucher's balance exactly as the API gives it (eight fraction digits kept).
        var api = await app.ApiAsync(HttpMethod.Get, $"/api/customer-vouchers/{voucherId}", partner);
        Assert.Equal("25.00000001", (string?)api["balance"]);
        await reseller.OpenAsync("Customer Voucher List");
        var row = Row(reseller, voucherId);
        await row.GetByRole(AriaRole.Cell, new() { Name = "25.00000001 USD", Exact = true }).First.WaitForAsync();
        await reseller.ScreenshotAsync("customer-voucher-list");

        await reseller.Button($"Withdraw {voucherId}").ClickAsync();
        await reseller.Dialog.GetByText("This is irreversible").WaitForAsync();
        await reseller.Button("Withdraw", reseller.Dialog).ClickAsync();
        await reseller.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{voucherId} is withdrawn." }).WaitForAsync();
        await row.GetByText("Not withdrawable: the voucher is withdrawn.").WaitForAsync();
        Assert.Equal("withdrawn", (string?)(await app.ApiAsync(HttpMethod.Get, $"/api/customer-vouchers/{voucherId}", partner))["status"]);

        // The template was used: its edit is refused, and the pop-up shows the problem's title and detail.
        await reseller.OpenAsync("Customer Voucher Issuance");
        await reseller.Button("Edit Welcome discount").ClickAsync();
        await reseller.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Welcome discount v2");
        await reseller.Button("Save", reseller.Dialog).ClickAsync();
        var problem = reseller.Dialog.GetByRole(AriaRole.Alert);
        await problem.WaitForAsync();
        var text = await problem.InnerTextAsync();
        Assert.Contains("can no longer be edited", text, StringComparison.Ordinal);
        Assert.Contains("code: template.locked", text, StringComparison.Ordinal);
        await reseller.ScreenshotAsync("locked-template-edit");
        await reseller.Button("Cancel", reseller.Dialog).ClickAsync();
        reseller.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Turning_off_associated_vouchers_first_warns_before_it_changes_anything()
    {
        var partner = NewPartner("p-switch");
        await using var reseller = await app.SignInAsync("reseller", partner);
        await reseller.OpenAsync("Product Trial Voucher Priority");
        var box = reseller.Main.GetByLabel("Associated Partner and Customer vouchers to be deducted first");
        Assert.True(await box.IsCheckedAsync());

        await box.ClickAsync();
        await reseller.Dialog.GetByText("Disabling it may cause the associated customer product trial vouchers to become unusable").WaitForAsync();
        await reseller.ScreenshotAsync("switch-warning");
        await reseller.Button("Cancel", reseller.Dialog).ClickAsync();
        Assert.True(await box.IsCheckedAsync());
        Assert.True((bool)(await app.ApiAsync(HttpMethod.Get, "/api/settings", partner))["associatedVouchersDeductedFirst"]!);

        await box.ClickAsync();
        await reseller.Button("Turn off", reseller.Dialog).ClickAsync();
        await reseller.Main.GetByText("The switch is off.").WaitForAsync();
        var settings = await app.ApiAsync(HttpMethod.Get, "/api/settings", partner);
        Assert.False((bool)settings["associatedVouchersDeductedFirst"]!);
        // The API's own warning is shown while the switch is off.
        await reseller.Main.GetByText((string)settings["warning"]!).WaitForAsync();
        Assert.False(await reseller.Main.GetByLabel("Associated Partner and Customer vouchers to be deducted first").IsCheckedAsync());
        await reseller.ScreenshotAsync("product-trial-voucher-priority");
        reseller.AssertNoBrowserErrors();
    }
}
