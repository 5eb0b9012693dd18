using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace VoucherFunctions.Console.Tests;

/// <summary>Steps several journeys share, done through the console's own controls.</summary>
public static class Journey
{
    public static string NewPartner(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static string NewUin() => "2" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task RegisterCustomerAsync(ConsoleSession s, string uin)
    {
        await s.OpenAsync("Customers");
        await s.Button("Register customer").ClickAsync();
        await s.Dialog.GetByLabel("Customer UIN").FillAsync(uin);
        await s.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Customer " + uin);
        await s.Button("OK", s.Dialog).ClickAsync();
        await s.Main.GetByRole(AriaRole.Cell, new() { Name = uin, Exact = true }).WaitForAsync();
    }

    /// <summary>Fills the Create Template pop-up of the current templates page.</summary>
    public static async Task CreateTemplateAsync(ConsoleSession s, string name, string amount, string scopeLabel, string? products = null)
    {
        await s.Button("Create Template").ClickAsync();
        await s.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await s.Dialog.GetByLabel("Default amount").FillAsync(amount);
        await s.Dialog.GetByLabel("Product scope").SelectOptionAsync(new SelectOptionValue { Label = scopeLabel });
        if (products is not null)
        {
            await s.Dialog.GetByLabel("Products (codes").FillAsync(products);
        }
        await s.Button("OK", s.Dialog).ClickAsync();
        await s.Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await s.Main.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }).WaitForAsync();
    }

    public static ILocator Row(ConsoleSession s, string text) =>
        s.Main.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>Clicks a page's Query button until the text shows up (the app finishes work in the background).</summary>
    public static async Task QueryUntilAsync(ConsoleSession s, string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (await s.Main.GetByText(text).CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' did not appear");
            await Task.Delay(500);
            await s.Button("Query").ClickAsync();
            await s.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    public static Regex Exactly(string text) => new("^" + Regex.Escape(text) + "$");
}
