using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static VoucherFunctions.Console.Tests.Journey;

namespace VoucherFunctions.Console.Tests;

/// <summary>Values from the API are text, never markup; the console is served with a strict CSP; lists page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class SafetyTests(ConsoleFixture app)
{
    [Fact]
    public async Task A_template_name_with_script_and_markup_renders_as_text()
    {
        var partner = NewPartner("p-xss");
        const string name = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"><b>bold</b>";
        await app.ApiAsync(HttpMethod.Post, "/api/templates", partner, new
        {
            family = "customerVoucher", name, defaultAmount = "5", currency = "USD",
            productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 30 },
        });

        await using var reseller = await app.SignInAsync("reseller", partner);
        await reseller.OpenAsync("Customer Voucher Issuance");
        var cell = reseller.Main.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true });
        await cell.WaitForAsync();
        Assert.Equal(name, await cell.InnerTextAsync());
        Assert.Equal(0, await reseller.Main.Locator("table img, table b, table script").CountAsync());
        Assert.Null(await reseller.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await reseller.ScreenshotAsync("xss-template-name");
        reseller.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task The_console_is_served_with_a_strict_content_security_policy()
    {
        foreach (var path in new[] { "console/", "console/js/app.js", "console/styles.css" })
        {
            using var response = await app.Http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, path);
            using var head = await app.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.True(head.IsSuccessStatusCode, "HEAD " + path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        }

        using var redirect = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Host.BaseAddress }.GetAsync("console");
        Assert.Equal("/console/", redirect.Headers.Location?.ToString());
        using var traversal = await app.Http.GetAsync("console/..%2F..%2FVoucherFunctions.sln");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public void The_build_copies_the_console_next_to_the_local_host_as_committed()
    {
        // The local host program serves AppContext.BaseDirectory/console (ConsoleSite's default root).
        var copied = Path.Combine(AppContext.BaseDirectory, "console");
        foreach (var file in Directory.EnumerateFiles(ConsoleFixture.ConsoleSourceDirectory, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) != "config.json"))
        {
            var relative = Path.GetRelativePath(ConsoleFixture.ConsoleSourceDirectory, file);
            Assert.True(File.Exists(Path.Combine(copied, relative)), $"{relative} is not copied to the build output");
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(copied, relative)));
        }
    }

    [Fact]
    public void The_console_has_no_inline_script_or_style_and_never_parses_html()
    {
        var root = ConsoleFixture.ConsoleSourceDirectory;
        var html = File.ReadAllText(Path.Combine(root, "index.html"));
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "js"), "*.js", SearchOption.AllDirectories))
        {
            Assert.DoesNotMatch(HtmlSinks(), File.ReadAllText(file));
        }
    }

    [Fact]
    public async Task Long_lists_load_a_page_at_a_time_with_the_continuation_token()
    {
        var partner = NewPartner("p-paging");
        for (var i = 1; i <= 23; i++)
        {
            await app.ApiAsync(HttpMethod.Post, "/api/templates", partner, new
            {
                family = "customerVoucher", name = $"Template {i:D2}", defaultAmount = "1", currency = "USD",
                productScope = new { kind = "allProducts" }, paymentModeScope = "all", validity = new { days = 30 },
            });
        }

        await using var reseller = await app.SignInAsync("reseller", partner);
        await reseller.OpenAsync("Customer Voucher Issuance");
        var rows = reseller.Main.GetByRole(AriaRole.Table).Locator("tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(20, await rows.CountAsync());
        Assert.True(await reseller.Button("Previous page").IsDisabledAsync());

        await reseller.Button("Next page").ClickAsync();
        await reseller.Main.GetByText("Page 2").WaitForAsync();
        Assert.Equal(3, await rows.CountAsync());
        Assert.True(await reseller.Button("Next page").IsDisabledAsync());

        await reseller.Button("Previous page").ClickAsync();
        await reseller.Main.GetByText("Page 1").WaitForAsync();
        Assert.Equal(20, await rows.CountAsync());
        reseller.AssertNoBrowserErrors();
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")]
    private static partial Regex HtmlSinks();
}
