using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Storage.Outbox;

/// <summary>
/// Delivers committed events whose writer never published them (it stopped between commit and send, or the queue
/// failed). It reads the outbox index for minutes that ended more than <see cref="Settle"/> ago, so only the
/// partitions written then, never every partner; publishes each of their outbox rows older than that; and deletes an
/// index row once its partition's outbox is empty. Safe to run on several instances at once: a row published twice
/// carries the same event ids, which is what at-least-once delivery promises.
/// </summary>
public sealed partial class OutboxSweeper(LedgerTable table, EventOutbox outbox, TimeProvider clock, ILogger<OutboxSweeper> logger)
{
    /// <summary>Longer than any commit takes from marking the index to its end, so a writer's own publish goes first.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    private const int Parallelism = 8;

    public Task<OutboxSweepResult> SweepAsync(CancellationToken cancellationToken) => SweepAsync(clock.GetUtcNow(), cancellationToken);

    public async Task<OutboxSweepResult> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = TableClient.CreateQueryFilter($"PartitionKey eq {OutboxRows.IndexPartition} and RowKey lt {Keys.Ticks(now - Settle - EventOutbox.IndexBucket)}");
        var indexRows = await PagedQuery.ReadAllAsync(table, due, cancellationToken);
        var published = 0;
        var failed = 0;
        await Parallel.ForEachAsync(
            indexRows.GroupBy(r => r.GetString("Partition")!, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var rows = await PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(partition.Key, OutboxRows.Prefix), ct);
                var pending = false;
                foreach (var row in rows)
                {
                    if (OutboxRows.CreatedAt(row) > now - Settle)
                    {
                        // Its writer is probably publishing it right now.
                        pending = true;
                    }
                    else if (await outbox.DispatchAsync(EventOutbox.FromRow(row), ct))
                    {
                        Interlocked.Add(ref published, OutboxRows.Events(row).Count);
                        LogRepublished(logger, partition.Key, row.RowKey);
                    }
                    else
                    {
                        pending = true;
                        Interlocked.Increment(ref failed);
                    }
                }

                if (!pending)
                {
                    // At the ETag read: a writer that marked the row again meanwhile keeps it.
                    foreach (var indexRow in partition)
                    {
                        await table.DeleteIfUnchangedAsync(indexRow, ct);
                    }
                }
            });
        return new OutboxSweepResult(indexRows.Count, published, failed);
    }

    [LoggerMessage(EventId = 8111, Level = LogLevel.Warning, Message = "Outbox sweep published the events of {RowKey} in {Partition}, which their writer had not")]
    private static partial void LogRepublished(ILogger logger, string partition, string rowKey);
}

/// <summary>What one sweep did: index rows due, events published, outbox rows whose publish failed again.</summary>
public sealed record OutboxSweepResult(int IndexRows, int Published, int Failed);
