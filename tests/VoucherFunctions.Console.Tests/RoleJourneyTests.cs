using Microsoft.Playwright;
using static VoucherFunctions.Console.Tests.Journey;

namespace VoucherFunctions.Console.Tests;

/// <summary>The distributor's quota pools, a customer's own vouchers, and the console by keyboard alone.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleJourneyTests(ConsoleFixture app)
{
    [Fact]
    public async Task A_distributor_allocates_and_reclaims_quota_and_the_reseller_sees_its_pool()
    {
        var distributor = NewPartner("dist");
        var reseller = NewPartner("slr");
        using (var register = new HttpRequestMessage(HttpMethod.Post, $"/api/channel/distributors/{distributor}/resellers"))
        {
            register.Headers.Authorization = new("Bearer", app.Tokens.Mint(new([ "channel-manager" ], Subject: "channel-manager-1")));
            register.Content = System.Net.Http.Json.JsonContent.Create(new { resellerId = reseller, currency = "USD" });
            using var response = await app.Http.SendAsync(register);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        await using var session = await app.SignInAsync("distributor", distributor);
        await session.OpenAsync("Quota");
        await session.Button($"Allocate quota to {reseller}").ClickAsync();
        await session.Dialog.GetByLabel("Amount").FillAsync("500.25");
        await session.Button("Allocate", session.Dialog).ClickAsync();
        await session.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reseller}: remaining 500.25 USD." }).WaitForAsync();
        await session.Button($"Reclaim quota from {reseller}").ClickAsync();
        await session.Dialog.GetByLabel("Amount").FillAsync("100");
        await session.Button("Reclaim", session.Dialog).ClickAsync();
        await session.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{reseller}: remaining 400.25 USD." }).WaitForAsync();
        // Reclaiming more than remains is refused with the API's reason, inside the pop-up.
        await session.Button($"Reclaim quota from {reseller}").ClickAsync();
        await session.Dialog.GetByLabel("Amount").FillAsync("1000");
        await session.Button("Reclaim", session.Dialog).ClickAsync();
        await session.Dialog.GetByRole(AriaRole.Alert).WaitForAsync();
        await session.ScreenshotAsync("quota-pools");
        await session.Button("Cancel", session.Dialog).ClickAsync();
        session.AssertNoBrowserErrors();

        await using var second = await app.SignInAsync("second-level-reseller", reseller, distributorId: distributor);
        await second.OpenAsync("Quota");
        await second.Main.GetByRole(AriaRole.Cell, new() { Name = "400.25 USD", Exact = true }).First.WaitForAsync();
        second.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_customer_sees_its_own_vouchers_without_the_partner_private_fields()
    {
        var partner = NewPartner("p-cust");
        var uin = NewUin();
        await app.ApiAsync(HttpMethod.Post, "/api/customers", partner, new { uin, name = "Customer", groupModeRole = "none", organizationMode = false });
        var template = await app.ApiAsync(HttpMethod.Post, "/api/templates", partner, new
        {
            family = "customerVoucher", name = "Loyalty", defaultAmount = "10", currency = "USD",
            productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 30 },
        });
        var issued = await app.ApiAsync(HttpMethod.Post, "/api/customer-vouchers", partner, new { templateId = (string)template["templateId"]!, customerUins = new[] { uin }, amount = "7.5", note = "private partner note" });
        var voucherId = (string)issued["vouchers"]![0]!["voucherId"]!;

        await using var customer = await app.SignInAsync("customer", partner, customerUin: uin);
        await customer.Page.GetByRole(AriaRole.Heading, new() { Name = "My vouchers" }).WaitForAsync();
        var row = Row(customer, voucherId);
        await row.GetByRole(AriaRole.Cell, new() { Name = "7.5 USD", Exact = true }).First.WaitForAsync();
        Assert.Equal(0, await customer.Main.GetByText("private partner note").CountAsync());
        await customer.ScreenshotAsync("my-vouchers");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Usage Details of {voucherId}" }).ClickAsync();
        await customer.Main.GetByText($"Usage of {voucherId}").Or(customer.Main.GetByText("nothing to show")).First.WaitForAsync();
        Assert.Equal(0, await customer.Button("Download CSV").CountAsync());
        customer.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task The_console_works_with_the_keyboard_alone()
    {
        var partner = NewPartner("p-keys");
        var context = await app.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.ConsoleUrl.ToString());
            await page.GetByLabel("Role", new() { Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("partnerId", await page.EvaluateAsync<string>("() => document.activeElement.name"));
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(partner);
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();

            // After a page change the focus is on the content: Tab reaches the page's first control.
            await page.GetByRole(AriaRole.Heading, new() { Name = "Partner Voucher Application", Level = 1 }).WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement.id === 'main'");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Create Template", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

            // A pop-up opens from the keyboard, takes the focus, and Escape closes it.
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Dialog).WaitForAsync();
            Assert.Equal("name", await page.EvaluateAsync<string>("() => document.activeElement.name"));
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Dialog).WaitForAsync(new() { State = WaitForSelectorState.Detached });

            // Backwards from the content: Sign out, then the last page link, which Enter follows.
            await page.Locator("main").FocusAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            Assert.Equal("Sign out", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await page.Keyboard.PressAsync("Shift+Tab");
            Assert.Equal("Product Trial Voucher Priority", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await page.Keyboard.PressAsync("Enter");
            await page.GetByRole(AriaRole.Heading, new() { Name = "Product Trial Voucher Priority", Level = 1 }).WaitForAsync();
            // The page has read the settings and moved the focus to the content.
            await page.GetByLabel("Associated Partner and Customer vouchers to be deducted first").WaitForAsync();
            await page.WaitForFunctionAsync("() => document.activeElement.id === 'main'");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("associatedFirst", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task At_200_percent_zoom_the_pages_reflow_without_scrolling_sideways()
    {
        // 200% zoom of a 1366-pixel-wide window leaves 683 CSS pixels; tables scroll inside their own frame.
        var partner = NewPartner("p-zoom");
        await using var session = await app.SignInAsync("reseller", partner);
        await session.Page.SetViewportSizeAsync(683, 450);
        foreach (var page in new[] { "Partner Voucher Application", "Partner Voucher List", "Customer Voucher List", "Product Trial Voucher Priority" })
        {
            await session.OpenAsync(page);
            await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{page} scrolls sideways by {overflow} px at 200% zoom");
        }
        await session.ScreenshotAsync("zoom-200");
        session.AssertNoBrowserErrors();
    }
}
