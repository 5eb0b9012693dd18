using Microsoft.DurableTask.Client;
using VoucherFunctions.DevStorage;
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

    [Fact]
    public async Task A_host_stopped_while_an_activity_is_unanswered_lets_the_next_host_on_its_task_hub_finish_the_orchestration()
    {
        // The sidecar stops the backend only when no work item it sent the worker is outstanding, and the stalled
        // activity's never is: the stopped host's backend would keep the control queue's lease (renewed every few
        // seconds) and the next host could never take it. The local host stops the backend itself, forced.
        await using var azurite = await AzuriteServer.StartAsync();
        var hub = "Stall" + Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString("N");
        string id;
        await using (var before = await StartAsync(hub, azurite.ConnectionString))
        {
            id = await before.DurableClient.ScheduleNewOrchestrationInstanceAsync("StallOnceOrchestrator", key);
            await StallOnceOrchestration.StalledFor(key).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var after = await StartAsync(hub, azurite.ConnectionString);
        // The stalled activity's message reappears after the work-item queue's visibility timeout (30 s) and runs on
        // this host; its result needs the control queue. Without the forced stop this waited out the old host's
        // dispatcher (60 minutes); the bound leaves room for a loaded CI machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var completed = await after.DurableClient.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal("ran again", completed.ReadOutputAs<string>());
    }

    private static Task<LocalFunctionsHost> StartAsync(string? hub = null, string? storage = null) => LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        StorageConnectionString = storage,
        FunctionAssembly = typeof(EchoFunctions).Assembly,
        ConfigureServices = (services, _) => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, new CallLog()),
        Url = "http://127.0.0.1:0",
        HostJsonPath = Path.Combine(AppContext.BaseDirectory, "testfunctions.host.json"),
        TaskHubName = hub ?? "Stop" + Guid.NewGuid().ToString("N")[..8],
    });
}
