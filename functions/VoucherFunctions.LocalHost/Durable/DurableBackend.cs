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

        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            // A fixed worker id lets a restarted local host take its partition lease back at once.
            WorkerId = "local-host",
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        });
        await service.CreateIfNotExistsAsync();
        services.AddSingleton<IOrchestrationService>(new StartedOnlyStopOrchestrationService(service));
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
