using Microsoft.Playwright;
using VoucherFunctions.LocalHost.Reference;

namespace VoucherFunctions.Console.Tests;

/// <summary>The local host's API reference page (Scalar, from /api/openapi.json) as a reader sees it in Chromium.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiReferencePageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_reference_page_renders_the_apps_operations_without_leaving_the_host()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var outside = new List<string>();
        var errors = new List<string>();
        // Anything not served by the local host is refused and recorded: the page must work offline.
        await context.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Scheme is "http" or "https" or "ws" or "wss" && !uri.IsLoopback)
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(fixture.Host.BaseAddress, ApiReferencePage.Route.TrimStart('/')).ToString());
        Assert.Equal(200, response!.Status);
        await page.GetByText("VoucherFunctions partner API").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotDirectory, "api-reference.png") });
        // A tag opens from the sidebar and shows its operations, with the summaries of their [ApiOperation]s.
        await page.GetByRole(AriaRole.Button, new() { Name = "Open Group - Templates" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a partner-voucher or customer-voucher template" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Create a partner-voucher or customer-voucher template" }).WaitForAsync();
        await page.GetByText("Trimmed; at most 100 characters").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotDirectory, "api-reference-templates.png") });

        Assert.True(outside.Count == 0, "requests that left the host: " + string.Join(", ", outside));
        Assert.True(errors.Count == 0, "browser errors: " + string.Join(" | ", errors));
    }
}
