using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Events;

namespace VoucherFunctions.Storage.Outbox;

/// <summary>
/// The transactional outbox. A write that carries events gets one more operation in its entity-group transaction,
/// the outbox row holding the formatted CloudEvents (<see cref="OutboxRows"/>), so the events commit with the change
/// or not at all. Before sending, the partition is marked in the index <c>sys|outbox</c> (at most once a minute per
/// partition and process); after the commit the events are published on <c>voucher-events</c> and the row deleted.
/// A crash or a queue failure between commit and publish leaves the row, which <see cref="OutboxSweeper"/> publishes.
/// </summary>
public sealed partial class EventOutbox(LedgerTable table, IEventPublisher publisher, TimeProvider clock, ILogger<EventOutbox> logger)
{
    /// <summary>The index is kept per minute: a writer marks the minute it starts in, the sweep reads minutes long past.</summary>
    public static readonly TimeSpan IndexBucket = TimeSpan.FromMinutes(1);

    // Partition -> the index minute this process has marked for it (a mark holds for the whole minute).
    private readonly ConcurrentDictionary<string, long> _marked = new(StringComparer.Ordinal);

    /// <summary>Storage operations the events of one transaction take: one outbox row, or none.</summary>
    public static int OperationsFor(int eventCount) => eventCount > 0 ? 1 : 0;

    /// <summary>
    /// Adds the outbox row for <paramref name="events"/> to <paramref name="transaction"/>, marks the index, runs
    /// <paramref name="submit"/> (which sends the transaction, or a copy of it), then publishes the events and deletes
    /// the row. A failed submit publishes nothing; a failed publish is logged and left to the sweep: the change stands.
    /// </summary>
    public async Task<T> CommitAsync<T>(EntityGroupTransaction transaction, IReadOnlyCollection<DomainEvent> events, Func<EntityGroupTransaction, Task<T>> submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(submit);
        if (events.Count == 0)
        {
            return await submit(transaction);
        }

        // On a copy, so the caller's transaction can be committed again (a retry) without the row twice.
        var withEvents = transaction.Copy();
        var staged = Stage(withEvents, events);
        await MarkAsync(transaction.PartitionKey, cancellationToken);
        var result = await submit(withEvents);
        // The change is committed: publish even if the caller has given up waiting.
        await DispatchAsync(staged, CancellationToken.None);
        return result;
    }

    /// <summary>Publishes the events of one outbox row and deletes it. Also the sweep's step.</summary>
    internal async Task<bool> DispatchAsync(StagedEvents staged, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(staged.CloudEvents, cancellationToken);
            await table.DeleteIfExistsAsync(staged.PartitionKey, staged.RowKey, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDispatchFailed(logger, e, staged.PartitionKey, staged.RowKey, staged.CloudEvents.Count);
            await RemarkAsync(staged.PartitionKey);
            return false;
        }
    }

    private StagedEvents Stage(EntityGroupTransaction transaction, IReadOnlyCollection<DomainEvent> events)
    {
        var cloudEvents = events.Select(VoucherCloudEvents.Format).ToArray();
        var row = OutboxRows.ToEntity(transaction.PartitionKey, OutboxRows.RowKey(events.First().Id), cloudEvents, clock.GetUtcNow());
        transaction.Add(row);
        return new StagedEvents(transaction.PartitionKey, row.RowKey, cloudEvents);
    }

    private async Task MarkAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(clock.GetUtcNow());
        if (_marked.TryGetValue(partitionKey, out var marked) && marked == bucket)
        {
            return;
        }

        await table.UpsertIndexRowAsync(OutboxRows.IndexEntity(bucket, partitionKey), cancellationToken);
        _marked[partitionKey] = bucket;
    }

    // A commit slower than the sweep's settle time may find its minute swept already: mark the current one.
    private async Task RemarkAsync(string partitionKey)
    {
        try
        {
            _marked.TryRemove(partitionKey, out _);
            await MarkAsync(partitionKey, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogRemarkFailed(logger, e, partitionKey);
        }
    }

    internal static long BucketOf(DateTimeOffset instant) => instant.UtcTicks - (instant.UtcTicks % IndexBucket.Ticks);

    internal static StagedEvents FromRow(TableEntity row) => new(row.PartitionKey, row.RowKey, OutboxRows.Events(row));

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Publishing {EventCount} committed events of outbox row {RowKey} in {Partition} failed; the outbox sweep delivers them")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string partition, string rowKey, int eventCount);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Error, Message = "Could not mark {Partition} in the outbox index after a failed publish")]
    private static partial void LogRemarkFailed(ILogger logger, Exception exception, string partition);
}

/// <summary>One outbox row: where it is and the CloudEvents it holds.</summary>
internal sealed record StagedEvents(string PartitionKey, string RowKey, IReadOnlyList<string> CloudEvents);
