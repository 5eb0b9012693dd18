using Azure.Storage.Queues;
using VoucherFunctions.LocalHost.Discovery;

namespace VoucherFunctions.LocalHost.Queues;

/// <summary>
/// Creates every triggered queue and its &lt;queue&gt;-poison before the host serves, so a producer or a
/// consumer of the poison queue that starts first finds them (the storage service answers QueueNotFound otherwise).
/// </summary>
internal static class TriggerQueues
{
    public static async Task CreateAsync(QueueServiceClient queues, IEnumerable<FunctionDescriptor> queueFunctions, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var names = queueFunctions
            .Select(f => QueueTriggerListener.ResolveQueueName(f.QueueName!, configuration))
            .SelectMany(name => new[] { name, name + "-poison" })
            .Distinct(StringComparer.Ordinal);
        await Task.WhenAll(names.Select(name => queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
    }
}
