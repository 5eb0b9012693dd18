using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static VoucherFunctions.Console.Tests.Journey;

namespace VoucherFunctions.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class TrialVoucherJourneyTests(ConsoleFixture app)
{
    [Fact]
    public async Task A_reseller_applies_a_reviewer_approves_and_the_reseller_sees_bills_downloads_usage_and_invalidates()
    {
        var partner = NewPartner("p-trial");
        var uin = NewUin();
        await using var reseller = await app.SignInAsync("reseller", partner);
        await RegisterCustomerAsync(reseller, uin);

        // Partner Voucher Application: create a specific-product template, then Apply with another amount.
        await reseller.OpenAsync("Partner Voucher Application");
        await CreateTemplateAsync(reseller, "CVM trial", "80", "Specific product voucher", "cvm");
        await reseller.ScreenshotAsync("partner-voucher-application");
        await reseller.Button("Apply with CVM trial").ClickAsync();
        await reseller.Dialog.GetByLabel("Customer UINs").FillAsync(uin);
        await reseller.Dialog.GetByLabel("Amount").FillAsync("75.5");
        await reseller.Dialog.GetByLabel("Apply reason").FillAsync("POC");
        await reseller.ScreenshotAsync("apply-dialog");
        // The acknowledgement is required by the API: without it the pop-up shows the refusal.
        await reseller.Button("OK", reseller.Dialog).ClickAsync();
        await reseller.Dialog.GetByRole(AriaRole.Alert).WaitForAsync();
        await reseller.Dialog.GetByLabel("Already known").CheckAsync();
        await reseller.Button("OK", reseller.Dialog).ClickAsync();
        var submitted = reseller.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "submitted for review" });
        await submitted.WaitForAsync();
        var applicationId = Regex.Match(await submitted.InnerTextAsync(), @"Application (\S+) submitted").Groups[1].Value;
        Assert.NotEmpty(applicationId);

        await reseller.OpenAsync("Applications");
        await Row(reseller, applicationId).GetByText("Pending approval").WaitForAsync();
        await reseller.ScreenshotAsync("applications-pending");

        // A reviewer, in a second browser context, approves it from the queue.
        await using (var reviewer = await app.SignInAsync("reviewer"))
        {
            await reviewer.Page.GetByRole(AriaRole.Heading, new() { Name = "Reviews" }).WaitForAsync();
            await reviewer.Button($"Approve {applicationId}").WaitForAsync();
            await reviewer.ScreenshotAsync("reviews");
            await reviewer.Button($"Approve {applicationId}").ClickAsync();
            await reviewer.Button("Approve", reviewer.Dialog).ClickAsync();
            await reviewer.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "is approved" }).WaitForAsync();
            reviewer.AssertNoBrowserErrors();
        }

        // The timeline reaches "Vouchers issued"; the Type II and its Type III are listed.
        await QueryUntilAsync(reseller, "Vouchers issued");
        await reseller.ScreenshotAsync("applications-issued");
        var typeII = $"v2-{applicationId}-{uin}";
        var api = await app.ApiAsync(HttpMethod.Get, $"/api/partner-vouchers/{typeII}", partner);
        await reseller.OpenAsync("Partner Voucher List");
        var row = Row(reseller, typeII);
        await row.WaitForAsync();
        // Amounts exactly as the API gives them.
        await row.GetByRole(AriaRole.Cell, new() { Name = $"{api["balance"]} USD", Exact = true }).First.WaitForAsync();
        await reseller.Button($"Associated customer vouchers of {typeII}").ClickAsync();
        var typeIII = (string)(await app.ApiAsync(HttpMethod.Get, $"/api/partner-vouchers/{typeII}/customer-vouchers", partner))[0]!["voucherId"]!;
        await reseller.Main.GetByRole(AriaRole.Table, new() { Name = $"Associated customer vouchers of {typeII}" }).GetByText(typeIII).WaitForAsync();
        await reseller.ScreenshotAsync("partner-voucher-list");

        // After a bill the partner pays for the customer, Usage Details show it and the CSV downloads.
        var billId = "bill-" + Guid.NewGuid().ToString("N")[..10];
        await app.BillAsync(partner, uin, "partner", billId, "cvm", "12.5");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Usage Details of {typeII}" }).ClickAsync();
        await reseller.Main.GetByRole(AriaRole.Cell, new() { Name = billId }).WaitForAsync();
        await reseller.Main.GetByRole(AriaRole.Cell, new() { Name = "12.5 USD", Exact = true }).WaitForAsync();
        await reseller.ScreenshotAsync("usage-details");
        var download = await reseller.Page.RunAndWaitForDownloadAsync(() => reseller.Button("Download CSV").ClickAsync());
        var csvPath = Path.Combine(ConsoleFixture.ScreenshotDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(csvPath);
        var csv = await File.ReadAllLinesAsync(csvPath);
        Assert.StartsWith("voucherId,billId,lineId,productCode", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, line => line.StartsWith($"{typeII},{billId},1,cvm,", StringComparison.Ordinal));
        Assert.Equal($"usage-{typeII}-{DateTime.UtcNow:yyyy-MM}.csv", download.SuggestedFilename);

        // Invalidate: the confirmation names the Type III it withdraws.
        await reseller.OpenAsync("Partner Voucher List");
        await reseller.Button($"Invalidate {typeII}").ClickAsync();
        await reseller.Dialog.GetByText(typeIII).WaitForAsync();
        await reseller.ScreenshotAsync("invalidate-confirmation");
        await reseller.Button("Invalidate", reseller.Dialog).ClickAsync();
        await reseller.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{typeII} is invalidated. Withdrawn: {typeIII}." }).WaitForAsync();
        Assert.Equal("invalidated", (string?)(await app.ApiAsync(HttpMethod.Get, $"/api/partner-vouchers/{typeII}", partner))["status"]);
        Assert.Equal("withdrawn", (string?)(await app.ApiAsync(HttpMethod.Get, $"/api/customer-vouchers/{typeIII}", partner))["status"]);
        reseller.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_reseller_cancels_a_review_and_sees_a_reviewer_rejection_with_its_reason()
    {
        var partner = NewPartner("p-reject");
        var uin = NewUin();
        await app.ApiAsync(HttpMethod.Post, "/api/customers", partner, new { uin, name = "Customer", groupModeRole = "none", organizationMode = false });
        var template = (string)(await app.ApiAsync(HttpMethod.Post, "/api/templates", partner, new
        {
            family = "partnerVoucher", name = "Trial", defaultAmount = "10", currency = "USD",
            productScope = new { kind = "allowList", products = new[] { "cvm" } }, paymentModeScope = "all", validity = new { days = 30 },
        }))["templateId"]!;
        async Task<string> ApplyAsync() => (string)(await app.ApiAsync(HttpMethod.Post, "/api/applications", partner, new { templateId = template, customerUins = new[] { uin }, acknowledged = true }))["applicationId"]!;
        var cancelled = await ApplyAsync();
        var rejected = await ApplyAsync();

        await using var reseller = await app.SignInAsync("reseller", partner);
        await reseller.OpenAsync("Applications");
        await reseller.Button($"Cancel review of {cancelled}").ClickAsync();
        await reseller.Button("Cancel Review", reseller.Dialog).ClickAsync();
        await reseller.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Review of {cancelled} cancelled." }).WaitForAsync();
        await Row(reseller, cancelled).GetByText("Cancelled").First.WaitForAsync();
        Assert.Equal(0, await reseller.Button($"Cancel review of {cancelled}").CountAsync());

        await using (var reviewer = await app.SignInAsync("reviewer"))
        {
            Assert.Equal(0, await reviewer.Button($"Approve {cancelled}").CountAsync());
            await reviewer.Button($"Reject {rejected}").ClickAsync();
            await reviewer.Dialog.GetByLabel("Reason (the partner sees it)").FillAsync("Customer not eligible <b>yet</b>");
            await reviewer.Button("Reject", reviewer.Dialog).ClickAsync();
            await reviewer.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Application {rejected} is rejected." }).WaitForAsync();
            reviewer.AssertNoBrowserErrors();
        }

        await reseller.Button("Query").ClickAsync();
        await Row(reseller, rejected).GetByText("Rejected (Customer not eligible <b>yet</b>)").WaitForAsync();
        reseller.AssertNoBrowserErrors();
    }
}
