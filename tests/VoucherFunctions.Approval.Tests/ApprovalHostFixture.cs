using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Composition;
using VoucherFunctions.DevStorage;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.LocalHost.Discovery;
using VoucherFunctions.LocalHost.Durable;

namespace VoucherFunctions.Approval.Tests;

/// <summary>
/// The app's real orchestrator and activity functions on the Durable in-process test host (a real durable
/// engine in memory: timers, external events, fan-out, retries), with the app's services on an in-memory
/// Azurite. The voucher store is wrapped so a test can make one insert fail once.
/// </summary>
public sealed class ApprovalHostFixture : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private DurableTaskTestHost _durable = null!;

    public ServiceProvider Services { get; private set; } = null!;
    public DurableTaskClient Client => _durable.Client;
    public FlakyVoucherStore Vouchers => Services.GetRequiredService<FlakyVoucherStore>();
    public ShiftableClock Clock { get; } = new();
    public VoucherFunctions.TestSupport.EventRecorder Events { get; } = new();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddVoucherFunctions(configuration);
        // Fault injection at the store boundary: the real store, with a switch to fail chosen inserts once.
        var real = services.Last(d => d.ServiceType == typeof(IVoucherStore));
        services.Remove(real);
        services.AddSingleton(sp => new FlakyVoucherStore((IVoucherStore)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
        services.AddSingleton<IVoucherStore>(sp => sp.GetRequiredService<FlakyVoucherStore>());
        services.AddSingleton<TimeProvider>(Clock);
        Events.Attach(services);
        Services = services.BuildServiceProvider();

        var functions = FunctionCatalog.Discover(typeof(VoucherFunctionsRegistration).Assembly);
        _durable = await DurableTaskTestHost.StartAsync(
            registry => DurableFunctionRegistration.Register(registry, functions, () => Services),
            new DurableTaskTestHostOptions { Port = AzuriteServer.FreePort() });
    }

    public async Task DisposeAsync()
    {
        await _durable.DisposeAsync();
        await Services.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
