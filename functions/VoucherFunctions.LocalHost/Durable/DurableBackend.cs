using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.LocalHost.Durable;

/// <summary>
/// A real, persistent durable engine for the local host: DurableTask.AzureStorage on the app's storage account,
/// served over gRPC by <see cref="TaskHubGrpcServer"/> on a loopback HTTP/2 port, with the standard gRPC worker
/// (running the app's orchestrator and activity functions) and client. A waiting orchestration survives a restart.
/// </summary>
public static class DurableBackend
{
    public static async Task AddAsync(IServiceCollection services, IEnumerable<FunctionDescriptor> functions, string storageConnectionString, string hubName, string sidecarAddress)
    {
        // Orchestrator factories get no service provider; the holder is filled once the host is built.
        DurableFunctionRegistration.Validate(functions);
        var root = new RootServiceProvider();
        services.AddSingleton(root);

        var identity = DurableWorkerIdentity.ForThisProcess();
        services.AddSingleton(identity);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hubName,
            StorageAccountClientProvider = HostStorageClients.Durable(storageConnectionString),
            // Each process its own: the partition manager takes a lease whose owner is this id as its own, so two
            // hosts with one id would both process the same control queue.
            WorkerId = identity.WorkerId,
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // A message this host dequeued but had not processed when it stopped is not handed back: the sidecar stops
            // fetching work before the backend drains, and never renews a lock. It stays hidden for the visibility
            // timeout (5 minutes by default), stalling its orchestration after a restart that long. Orchestration
            // steps and activities are short and idempotent; one slower than this may be delivered twice.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        });
        await service.CreateIfNotExistsAsync();
        services.AddSingleton<IOrchestrationService>(new StartedOnlyStopOrchestrationService(
            service, () => root.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DurableBackend).FullName!)));
        services.AddSingleton<IOrchestrationServiceClient>(service);
        services.AddGrpc();
        services.AddSingleton<TaskHubGrpcServer>();

        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(sidecarAddress);
            builder.AddTasks(registry => DurableFunctionRegistration.Register(registry, functions, () => root.Services));
        });
        services.AddDurableTaskClient(builder => builder.UseGrpc(sidecarAddress));
    }
}

/// <summary>The built host's root services, for factories the worker calls without a provider.</summary>
public sealed class RootServiceProvider
{
    private IServiceProvider? _services;

    public IServiceProvider Services
    {
        get => _services ?? throw new InvalidOperationException("The local host has not been built yet.");
        set => _services = value;
    }
}
