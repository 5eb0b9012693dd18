using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace VoucherFunctions.LocalHost;

/// <summary>
/// Storage clients of the local host's own machinery, the parts that stand in for the Functions host: queue trigger
/// listeners (polling, deleting, poison moves, creating the queues) and the durable backend (control and work-item
/// queues, leases, history). In Azure these run in the Functions host's process, not in the app's worker, so the app's
/// telemetry never sees them; here they share the app's process, and an Azure SDK client traces for any listener in
/// it. So they do not trace: the app's OpenTelemetry would otherwise start a span for every poll and delete — several
/// per bill, none exported (each starts a trace of its own, see BackgroundStorageSpans) — a cost a worker in Azure
/// does not pay, which made the benchmark's telemetry overhead larger than the app's.
/// </summary>
internal static class HostStorageClients
{
    /// <summary>For the listeners: raw messages, decoded by each listener as host.json says (see QueueTriggerListener).</summary>
    public static QueueServiceClient Queues(string connectionString) =>
        new(connectionString, Untraced(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }));

    /// <summary>The durable backend's clients: as DurableTask.AzureStorage's own for a connection string (its default options), untraced.</summary>
    public static StorageAccountClientProvider Durable(string connectionString) => new(
        StorageServiceClientProvider.ForBlob(connectionString, Untraced(new BlobClientOptions())),
        StorageServiceClientProvider.ForQueue(connectionString, Untraced(new QueueClientOptions())),
        StorageServiceClientProvider.ForTable(connectionString, Untraced(new TableClientOptions())));

    // Azure.Core then starts no span, and the app's transport makes no System.Net.Http activity either (which the
    // HTTP client instrumentation would otherwise record, there being no Azure SDK span above it to defer to).
    private static T Untraced<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Transport = Storage.StorageTransport.Shared;
        return options;
    }
}
