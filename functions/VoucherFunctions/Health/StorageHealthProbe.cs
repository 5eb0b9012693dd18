using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace VoucherFunctions.Health;

/// <summary>Asks table and queue storage one cheap question each, to tell whether they answer.</summary>
public sealed class StorageHealthProbe(TableServiceClient tables, QueueServiceClient queues)
{
    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var tableCheck = ProbeAsync(async () =>
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        });
        var queueCheck = ProbeAsync(async () =>
        {
            await foreach (var _ in queues.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        });
        return new StorageHealth(await tableCheck, await queueCheck);
    }

    private static async Task<ComponentHealth> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return ComponentHealth.Ok;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            return new ComponentHealth(false, ex.GetType().Name);
        }
    }
}

public sealed record ComponentHealth(bool Answers, string? Error)
{
    public static readonly ComponentHealth Ok = new(true, null);
}

public sealed record StorageHealth(ComponentHealth Tables, ComponentHealth Queues)
{
    public bool Healthy => Tables.Answers && Queues.Answers;
}
