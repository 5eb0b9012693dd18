using Microsoft.Playwright;

namespace VoucherFunctions.Console.Tests;

/// <summary>One signed-in browser context: its page, the browser errors it saw (a CSP violation is one), screenshots.</summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public ConsoleSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // A refused API call (4xx) is logged by the browser as a failed resource; the console shows it to the user.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public IReadOnlyList<string> Errors => _errors;

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator Main => Page.Locator("main");

    public async Task OpenAsync(string navText)
    {
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = navText, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
    }

    public ILocator Button(string name, ILocator? within = null) =>
        (within ?? (ILocator)Page.Locator("body")).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public void AssertNoBrowserErrors() => Assert.True(_errors.Count == 0, "browser errors: " + string.Join(" | ", _errors));

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
