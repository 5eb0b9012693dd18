using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost.TestFunctions;

namespace VoucherFunctions.LocalHost.Tests;

/// <summary>The storage emulator goes away under a running local host and comes back empty at the same address.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task A_storage_outage_does_not_stop_the_host_and_its_listener_serves_again_when_storage_returns()
    {
        await using var storage = new StorageFront();
        var first = await AzuriteServer.StartAsync();
        storage.RouteTo(first);
        var calls = new CallLog();
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            FunctionAssembly = typeof(EchoFunctions).Assembly,
            ConfigureServices = (services, _) => services.AddSingleton(calls),
            Url = "http://127.0.0.1:0",
            HostJsonPath = Path.Combine(AppContext.BaseDirectory, "testfunctions.host.json"),
            StorageConnectionString = storage.ConnectionString,
            TaskHubName = "Outage" + Guid.NewGuid().ToString("N")[..8],
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var lifetime = host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();

        storage.RouteTo(null);
        await first.DisposeAsync();
        // Long enough for the listener's polls to fail through the storage client's own retries (about 10 s),
        // which used to end in "BackgroundService failed" and a stopped host.
        await Task.Delay(TimeSpan.FromSeconds(20));
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "The host began to stop.");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/echo/alive/1")).StatusCode);

        await using var second = await AzuriteServer.StartAsync();
        storage.RouteTo(second);
        var queue = new QueueClient(storage.ConnectionString, "work-items", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        // The new emulator is empty: the listener recreates its queue (it saw QueueNotFound); the test waits for it.
        await Eventually.TrueAsync(async () => await queue.ExistsAsync(), TimeSpan.FromSeconds(60));
        var message = "after-outage-" + Guid.NewGuid();
        await queue.SendMessageAsync(message);

        await Eventually.TrueAsync(() => calls.Count("Work:" + message) == 1, TimeSpan.FromSeconds(60));
    }
}
