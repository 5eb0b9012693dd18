using VoucherFunctions.LocalHost.TestFunctions;

namespace VoucherFunctions.LocalHost.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task A_local_host_stopped_before_its_durable_worker_connects_shuts_down_without_crashing_the_process()
    {
        // Stopping the sidecar's dispatcher before it started used to throw inside an async void callback,
        // which kills the process (and with it a whole test run). Start and stop at once, several times.
        for (var i = 0; i < 3; i++)
        {
            await (await StartAsync()).DisposeAsync();
        }
        await Task.Delay(2000);

        // The process is still here, and a new host still serves.
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/echo/alive/1")).StatusCode);
    }

    private static Task<LocalFunctionsHost> StartAsync() => LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        FunctionAssembly = typeof(EchoFunctions).Assembly,
        ConfigureServices = (services, _) => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new CallLog()),
        Url = "http://127.0.0.1:0",
        HostJsonPath = Path.Combine(AppContext.BaseDirectory, "testfunctions.host.json"),
        TaskHubName = "Stop" + Guid.NewGuid().ToString("N")[..8],
    });
}
