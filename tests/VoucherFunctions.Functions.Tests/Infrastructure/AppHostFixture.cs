using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.LocalAuth;

namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>
/// The voucher function app served by the local host on a free loopback port, with an in-memory Azurite
/// that the fixture starts and stops itself. Requests go over a real socket through the real routes.
/// The app validates tokens against a signing key the fixture generates; <see cref="Tokens"/> mints them.
/// A derived fixture may add services after the app's own (<see cref="AddServices"/>), e.g. telemetry exporters.
/// </summary>
public class AppHostFixture : IAsyncLifetime
{
    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public LocalTokenIssuer Tokens { get; } = new();

    /// <summary>What the app published on voucher-events (and a switch to fail publishing for a partner).</summary>
    public VoucherFunctions.TestSupport.EventRecorder Events { get; } = new();

    public async Task InitializeAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) =>
            {
                AddServices(services.AddVoucherFunctions(configuration));
                Events.Attach(services);
            },
            Url = "http://127.0.0.1:0",
            TaskHubName = "Tests" + Guid.NewGuid().ToString("N")[..8],
            Settings = Tokens.Settings,
            ConfigureApp = web =>
            {
                LocalTokenEndpoints.Map(web, Tokens);
                VoucherFunctions.LocalHost.Reference.ApiReferencePage.Map(web);
            },
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    /// <summary>Registrations after the app's own; none here.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>A client whose requests carry a token with these roles for this partner.</summary>
    public ApiClient As(string partnerId, params string[] roles) => new(Http, Tokens.Mint(new TokenRequest(roles, partnerId)));

    /// <summary>A client for a customer of <paramref name="partnerId"/>.</summary>
    public ApiClient AsCustomer(string partnerId, string customerUin) => new(Http, Tokens.Mint(new TokenRequest(["customer"], partnerId, customerUin)));

    /// <summary>A client for a vendor role (reviewer, channel manager): no partner id.</summary>
    public ApiClient AsVendor(string role) => new(Http, Tokens.Mint(new TokenRequest([role], Subject: role + "-1")));

    public ApiClient WithToken(string? token) => new(Http, token);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
