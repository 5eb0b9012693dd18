using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.LocalHost;
using VoucherFunctions.LocalHost.TestFunctions;

// Serves these test functions in a process of their own, so tests can kill it mid-way (SIGKILL) and see what
// the queues do after a crash. Usage: <storage connection string> <queue lease in seconds>.
// Prints "ready" once it serves; stops on SIGINT/SIGTERM.
await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
{
    FunctionAssembly = typeof(EchoFunctions).Assembly,
    ConfigureServices = (services, _) => services.AddSingleton(new CallLog()),
    Url = "http://127.0.0.1:0",
    HostJsonPath = Path.Combine(AppContext.BaseDirectory, "testfunctions.host.json"),
    StorageConnectionString = args[0],
    QueueLease = TimeSpan.FromSeconds(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)),
    TaskHubName = "Crash" + Guid.NewGuid().ToString("N")[..8],
});
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
