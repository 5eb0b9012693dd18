using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.LocalHost.TestFunctions;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>
/// The local host serving the small test function assembly on a free port, with an in-memory Azurite it
/// starts itself. Shared by the tests of one class.
/// </summary>
public sealed class TestFunctionsHostFixture : IAsyncLifetime
{
    public LocalFunctionsHost Host { get; private set; } = null!;
    public CallLog Calls { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public static TimeSpan Lease { get; } = TimeSpan.FromSeconds(4);

    public async Task InitializeAsync()
    {
        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(EchoFunctions).Assembly,
            ConfigureServices = (services, _) => services.AddSingleton(Calls),
            Url = "http://127.0.0.1:0",
            HostJsonPath = Path.Combine(AppContext.BaseDirectory, "testfunctions.host.json"),
            TaskHubName = "TestHub" + Guid.NewGuid().ToString("N")[..8],
            FunctionKey = "test-key",
            // Short, so that a function slower than the lease (SlowQueueFunction) needs the renewal; not shorter, so
            // that a fast function on a loaded 2-core machine still finishes well inside it (2 s flaked once).
            QueueLease = Lease,
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
