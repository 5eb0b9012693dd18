using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Playwright;
using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.BrowserConsole;
using VoucherFunctions.LocalHost.LocalAuth;
using VoucherFunctions.LocalHost.Reference;

namespace VoucherFunctions.Console.Tests;

/// <summary>
/// The voucher app on the local host (free loopback port, in-memory Azurite, real durable engine and queue
/// listener) serving the console at /console and the API reference at /reference, and one real Chromium — Debian's, since Playwright's own
/// browser download cannot work on our machines — driven by Playwright. Each test signs in in its own
/// browser context and uses partner ids of its own.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public LocalFunctionsHost Host { get; private set; } = null!;
    public LocalTokenIssuer Tokens { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri ConsoleUrl => new(Host.BaseAddress, "console/");

    /// <summary>Screenshots of every page a journey visits: test artefacts in the test output folder (git-ignored).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The repository's console/ folder itself, so the tests read the sources as committed.</summary>
    private static string ConsoleSource
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VoucherFunctions.sln")))
                {
                    return Path.Combine(dir.FullName, "console");
                }
            }
            return Path.Combine(AppContext.BaseDirectory, "console");
        }
    }

    public static string ConsoleSourceDirectory => ConsoleSource;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
            Url = "http://127.0.0.1:0",
            TaskHubName = "Console" + Guid.NewGuid().ToString("N")[..8],
            Settings = Tokens.Settings,
            ConfigureApp = web =>
            {
                LocalTokenEndpoints.Map(web, Tokens);
                ApiReferencePage.Map(web);
                ConsoleSite.Map(web, ConsoleSource);
            },
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The console tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
        });
    }

    /// <summary>A fresh browser context (its own session storage) signed in through the console's sign-in page.</summary>
    public async Task<ConsoleSession> SignInAsync(string role, string? partnerId = null, string? customerUin = null, string? distributorId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var session = new ConsoleSession(context, page);
        await page.GotoAsync(ConsoleUrl.ToString());
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(role);
        await page.GetByLabel("Partner id", new() { Exact = true }).FillAsync(partnerId ?? "");
        if (customerUin is not null)
        {
            await page.GetByLabel("Customer UIN (customer role)").FillAsync(customerUin);
        }
        if (distributorId is not null)
        {
            await page.GetByLabel("Distributor id (second-level reseller)").FillAsync(distributorId);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        return session;
    }

    /// <summary>An API client for setting up data the journey is not about, with a token for these roles.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string partnerId, string role = "reseller", object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(new TokenRequest([role], partnerId)));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    public async Task<JsonNode> ApiAsync(HttpMethod method, string path, string partnerId, object? body = null, string? idempotencyKey = null)
    {
        using var response = await Http.SendAsync(Request(method, path, partnerId, body: body, idempotencyKey: idempotencyKey ?? (method == HttpMethod.Post ? Guid.NewGuid().ToString("N") : null)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>
    /// Drops a bill on the real `bills` queue (the billing pipeline is the one boundary the console has no
    /// part in) and waits for the app to apply it.
    /// </summary>
    public async Task BillAsync(string partnerId, string customerUin, string payerKind, string billId, string productCode, string amount)
    {
        var queue = new QueueClient(Host.StorageConnectionString, "bills", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        var bill = new
        {
            version = 1, billId, partnerId, payerKind, customerUin, currency = "USD",
            billTime = DateTimeOffset.UtcNow.ToString("O"),
            lines = new[] { new { lineId = "1", productCode, paymentMode = "postpaid", amount } },
        };
        await queue.SendMessageAsync(JsonSerializer.Serialize(bill));
        var path = $"/api/bills/{billId}?payerKind={payerKind}" + (payerKind == "customer" ? $"&customerUin={customerUin}" : "");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await Http.SendAsync(Request(HttpMethod.Get, path, partnerId));
            if (response.IsSuccessStatusCode)
            {
                var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("applied", (string?)outcome["status"]);
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"bill {billId} was not applied within 60 s ({(int)response.StatusCode})");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
