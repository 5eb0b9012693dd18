using System.Security.Cryptography;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using VoucherFunctions.DevStorage;
using VoucherFunctions.LocalHost.Configuration;
using VoucherFunctions.LocalHost.Discovery;
using VoucherFunctions.LocalHost.Durable;
using VoucherFunctions.LocalHost.Http;
using VoucherFunctions.LocalHost.Queues;
using VoucherFunctions.LocalHost.Timers;

namespace VoucherFunctions.LocalHost;

/// <summary>
/// One process that runs a function assembly as the Functions host would: HTTP functions on Kestrel,
/// queue triggers polled on storage, timer triggers on their schedules, orchestrations and activities on a durable engine.
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    // Forced, the stop drops sessions and releases the lease in one table write; a drain is bounded at 60 s inside.
    private static readonly TimeSpan BackendStopTimeout = TimeSpan.FromSeconds(90);

    private readonly WebApplication _app;
    private readonly AzuriteServer? _azurite;

    private LocalFunctionsHost(WebApplication app, AzuriteServer? azurite, IReadOnlyList<FunctionDescriptor> functions, string storageConnectionString, string functionKey)
    {
        _app = app;
        _azurite = azurite;
        Functions = functions;
        StorageConnectionString = storageConnectionString;
        FunctionKey = functionKey;
    }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }
    public string StorageConnectionString { get; }
    public string FunctionKey { get; }
    public IServiceProvider Services => _app.Services;
    public DurableTaskClient DurableClient => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The HTTP address functions are served on.</summary>
    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First(a => !a.Equals(SidecarAddress, StringComparison.Ordinal)));

    private string SidecarAddress { get; init; } = "";

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        if (options.QueueLease < TimeSpan.FromSeconds(2) || options.QueueLease.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"QueueLease must be whole seconds, at least 2 (it is {options.QueueLease}).", nameof(options));
        }
        var functions = FunctionCatalog.Discover(options.FunctionAssembly);
        var hostJson = HostJsonSettings.Load(options.HostJsonPath);
        AzuriteServer? azurite = null;
        try
        {
            var connectionString = options.StorageConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                azurite = await AzuriteServer.StartAsync(new AzuriteOptions
                {
                    InMemory = options.AzuriteDataDirectory is null,
                    DataDirectory = options.AzuriteDataDirectory,
                }, cancellationToken);
                connectionString = azurite.ConnectionString;
            }
            var functionKey = options.FunctionKey ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            // The sidecar's port must be known before the host is built (the worker's gRPC channel): pick a free one and
            // try again with another if it is taken meanwhile, as AzuriteServer does for its ports.
            for (var attempt = 1; ; attempt++)
            {
                var sidecarPort = AzuriteServer.FreePort();
                var sidecarAddress = $"http://127.0.0.1:{sidecarPort}";

                var builder = WebApplication.CreateSlimBuilder();
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["AzureWebJobsStorage"] = connectionString,
                    // Per-request and gRPC chatter would drown the app's own logs.
                    ["Logging:LogLevel:Default"] = "Information",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                    // "Now listening on" would also name the sidecar's port; the program prints its own banner.
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                    ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
                    ["Logging:LogLevel:DurableTask"] = "Warning",
                    ["Logging:LogLevel:Grpc"] = "Warning",
                    // Webhook receivers under test run on this machine, over plain http (README "Webhooks"); Settings may say otherwise.
                    ["Webhooks:AllowHttp"] = "true",
                    ["Webhooks:AllowLoopback"] = "true",
                });
                builder.Configuration.AddInMemoryCollection(options.Settings);
                builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));
                var httpUri = new Uri(options.Url);
                builder.WebHost.ConfigureKestrel(kestrel =>
                {
                    kestrel.Listen(System.Net.IPAddress.Parse(httpUri.Host), httpUri.Port);
                    // The durable sidecar speaks gRPC, which needs HTTP/2 without TLS on its own port.
                    kestrel.Listen(System.Net.IPAddress.Loopback, sidecarPort, listen => listen.Protocols = HttpProtocols.Http2);
                });

                var services = builder.Services;
                options.ConfigureServices(services, builder.Configuration);
                services.AddMvcCore();
                services.AddRouting();
                await DurableBackend.AddAsync(services, functions, connectionString, options.TaskHubName ?? hostJson.HubName, sidecarAddress);
                SidecarWorker.Configure(services);
                var queueClient = HostStorageClients.Queues(connectionString);
                var queueFunctions = functions.Where(f => f.Trigger == TriggerKind.Queue).ToList();
                await TriggerQueues.CreateAsync(queueClient, queueFunctions, builder.Configuration, cancellationToken);
                foreach (var function in queueFunctions)
                {
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(sp, function, queueClient, hostJson.Queues, options.QueueLease));
                }

                foreach (var function in functions.Where(f => f.Trigger == TriggerKind.Timer))
                {
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerListener>(sp, function));
                }

                var app = builder.Build();
                app.Services.GetRequiredService<RootServiceProvider>().Services = app.Services;
                app.MapGrpcService<TaskHubGrpcServer>();
                HttpFunctionEndpoints.Map(app, functions, hostJson.RoutePrefix, functionKey);
                options.ConfigureApp?.Invoke(app);
                try
                {
                    await app.StartAsync(cancellationToken);
                    return new LocalFunctionsHost(app, azurite, functions, connectionString, functionKey) { SidecarAddress = sidecarAddress };
                }
                catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
                {
                    // The sidecar's port was free when picked, then another process took it before Kestrel bound it.
                    await StopQuietlyAsync(app);
                }
            }
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
            throw;
        }
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception)
        {
            // It never fully started; what did start is stopped as far as it goes.
        }
        await app.DisposeAsync();
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Stops the app, then the durable backend, forced, then disposes both. The sidecar stops the backend only after
    /// its dispatchers have no work item outstanding, and a work item it sent the worker just before the worker stopped
    /// is never answered (TaskHubGrpcServer waits on it with no timeout; its dispatcher waits up to 60 minutes). Until
    /// the backend stops, its partition manager keeps renewing the control queue's lease, so the next host on the same
    /// task hub would wait for it. Forced, the backend drops its in-memory sessions and releases the lease at once; the
    /// message of the unanswered work item reappears after the queue's visibility timeout.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await StopDurableBackendAsync();
            await _app.DisposeAsync();
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        }
    }

    private async Task StopDurableBackendAsync()
    {
        if (_app.Services.GetService<DurableTask.Core.IOrchestrationService>() is not StartedOnlyStopOrchestrationService backend)
        {
            return;
        }

        try
        {
            // A stop that cannot reach storage (its emulator gone first) would wait 10 minutes for the lease.
            await backend.StopAsync(isForced: true).WaitAsync(BackendStopTimeout);
        }
        catch (TimeoutException)
        {
            LogBackendStillStopping(_app.Services.GetRequiredService<ILogger<LocalFunctionsHost>>(), BackendStopTimeout);
        }
    }

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "The durable backend was still stopping after {Timeout}; the host is disposed anyway and its control-queue lease lapses on its own")]
    private static partial void LogBackendStillStopping(ILogger logger, TimeSpan timeout);
}
