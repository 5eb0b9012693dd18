using VoucherFunctions.Composition;
using VoucherFunctions.LocalHost;

namespace VoucherFunctions.Functions.Tests.Infrastructure;

/// <summary>
/// The voucher function app served by the local host on a free loopback port, with an in-memory Azurite
/// that the fixture starts and stops itself. Requests go over a real socket through the real routes.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(VoucherFunctionsRegistration).Assembly,
            ConfigureServices = (services, configuration) => services.AddVoucherFunctions(configuration),
            Url = "http://127.0.0.1:0",
            TaskHubName = "Tests" + Guid.NewGuid().ToString("N")[..8],
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
