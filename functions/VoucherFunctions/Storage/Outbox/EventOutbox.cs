using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Events;

namespace VoucherFunctions.Storage.Outbox;

/// <summary>
/// The transactional outbox. A write that carries events gets one more operation in its entity-group transaction,
/// the outbox row holding the formatted CloudEvents (<see cref="OutboxRows"/>), so the events commit with the change
/// or not at all. Before sending, the partition is marked in the index <c>sys|outbox</c> (at most once a minute per
/// partition and process); after the commit the events are published on <c>voucher-events</c>. The published row is
/// not deleted on its own: its delete rides in the partition's next transaction (operations it has room for), and
/// what no transaction took within <see cref="DeleteWithin"/> is deleted in one batch per partition. A crash or a
/// queue failure between commit and publish, or a crash before the delete, leaves the row, which
/// <see cref="OutboxSweeper"/> publishes (again: the same event ids).
/// </summary>
public sealed partial class EventOutbox(LedgerTable table, IEventPublisher publisher, TimeProvider clock, ILogger<EventOutbox> logger) : IAsyncDisposable, IDisposable
{
    /// <summary>The index is kept per minute: a writer marks the minute it starts in, the sweep reads minutes long past.</summary>
    public static readonly TimeSpan IndexBucket = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a published row waits for a transaction of its partition to carry its delete before it is deleted in a
    /// batch of its own: well inside <see cref="OutboxSweeper.Settle"/>, so the sweep does not publish it again.
    /// </summary>
    public static readonly TimeSpan DeleteWithin = TimeSpan.FromSeconds(5);

    // A delete in a transaction: its request line and headers, as EntityGroupTransaction estimates them, and the keys.
    private const int DeleteBytes = 1024 + 512;

    // Partition -> the index minute this process has marked for it (a mark holds for the whole minute).
    private readonly ConcurrentDictionary<string, long> _marked = new(StringComparer.Ordinal);

    // Partition -> outbox rows whose events are published and whose delete is still to be done.
    private readonly ConcurrentDictionary<string, PublishedRows> _published = new(StringComparer.Ordinal);

    // Cancelled at dispose: a delayed flush must not outlive the container (and the storage it talks to).
    // Not disposed itself: a flush still scheduling reads its token, and it holds no timer.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Storage operations the events of one transaction take: one outbox row, or none.</summary>
    public static int OperationsFor(int eventCount) => eventCount > 0 ? 1 : 0;

    /// <summary>
    /// Adds the outbox row for <paramref name="events"/> to <paramref name="transaction"/>, and the deletes of the
    /// partition's published rows it has room for; marks the index; runs <paramref name="submit"/> (which sends the
    /// transaction, or a copy of it), then publishes the events. A failed submit publishes nothing; a failed publish
    /// is logged and left to the sweep: the change stands. A delete that fails the transaction (the sweep removed
    /// that row first) is dropped and the transaction sent again without the deletes.
    /// </summary>
    public async Task<T> CommitAsync<T>(EntityGroupTransaction transaction, IReadOnlyCollection<DomainEvent> events, Func<EntityGroupTransaction, Task<T>> submit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(submit);
        if (events.Count == 0)
        {
            return await SubmitWithDeletesAsync(transaction, submit);
        }

        // On a copy, so the caller's transaction can be committed again (a retry) without the row twice.
        var withEvents = transaction.Copy();
        var staged = Stage(withEvents, events);
        await MarkAsync(transaction.PartitionKey, cancellationToken);
        var result = await SubmitWithDeletesAsync(withEvents, submit);
        // The change is committed: publish even if the caller has given up waiting.
        if (await PublishAsync(staged, CancellationToken.None))
        {
            Published(staged.PartitionKey, [staged.RowKey]);
        }

        return result;
    }

    /// <summary>Deletes every published row whose delete no transaction has carried yet (also at shutdown; tests call it to see the table settled).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var partition in _published.Keys)
        {
            await FlushAsync(partition, cancellationToken);
        }
    }

    /// <summary>A container disposed synchronously stops the delayed flushes and flushes nothing: the sweep publishes what is left again and deletes it.</summary>
    public void Dispose() => _stopping.Cancel();

    /// <summary>Stops the delayed flushes and deletes what they would have, within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await FlushAsync(timeout.Token);
        }
        catch (Exception e)
        {
            // The sweep publishes what is left (again, with the same ids).
            LogFlushFailed(logger, e, "(all)", _published.Values.Sum(p => p.Count));
        }
    }

    /// <summary>Publishes the events of one outbox row and deletes it: the sweep's step.</summary>
    internal async Task<bool> DispatchAsync(StagedEvents staged, CancellationToken cancellationToken)
    {
        if (!await PublishAsync(staged, cancellationToken))
        {
            return false;
        }

        try
        {
            await table.DeleteIfExistsAsync(staged.PartitionKey, staged.RowKey, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDispatchFailed(logger, e, staged.PartitionKey, staged.RowKey, staged.CloudEvents.Count);
            return false;
        }
    }

    private async Task<bool> PublishAsync(StagedEvents staged, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(staged.CloudEvents, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDispatchFailed(logger, e, staged.PartitionKey, staged.RowKey, staged.CloudEvents.Count);
            await RemarkAsync(staged.PartitionKey);
            return false;
        }
    }

    /// <summary>
    /// Sends <paramref name="transaction"/> with the deletes of published rows of its partition that fit. If one of
    /// those deletes is what failed (its row is gone: the sweep got there first), the change itself was refused for
    /// nothing: it is sent again as it was, and the deletes are left to <see cref="FlushAsync(string, CancellationToken)"/>
    /// (which tolerates a row that is gone). Any other failure is the caller's, and the deletes wait for another transaction.
    /// </summary>
    private async Task<T> SubmitWithDeletesAsync<T>(EntityGroupTransaction transaction, Func<EntityGroupTransaction, Task<T>> submit)
    {
        var room = Math.Min(EntityGroupTransaction.MaxOperations - transaction.Count, (int)((EntityGroupTransaction.MaxPayloadBytes - transaction.EstimatedBytes) / DeleteBytes));
        var deletes = room > 0 && _published.TryGetValue(transaction.PartitionKey, out var pending) ? pending.Take(room, transaction.Has) : [];
        if (deletes.Count == 0)
        {
            return await submit(transaction);
        }

        // The caller's operations keep their places (their responses are read by index); the deletes come last.
        var withDeletes = transaction.Copy();
        foreach (var rowKey in deletes)
        {
            withDeletes.Delete(new TableEntity(transaction.PartitionKey, rowKey), ETag.All);
        }

        T result;
        try
        {
            result = await submit(withDeletes);
        }
        catch (Exception e) when (FailedOnADelete(e, transaction.Count))
        {
            LogDeleteRefused(logger, transaction.PartitionKey, deletes.Count);
            Published(transaction.PartitionKey, deletes);
            return await submit(transaction);
        }
        catch
        {
            Published(transaction.PartitionKey, deletes);
            throw;
        }

        DeletedInTransaction(deletes.Count);
        return result;
    }

    /// <summary>Whether the failed operation of a transaction (directly, or inside a conflict the caller made of it) is one at or after <paramref name="firstDelete"/>.</summary>
    private static bool FailedOnADelete(Exception e, int firstDelete) =>
        (e as TableTransactionFailedException ?? e.InnerException as TableTransactionFailedException)?.FailedTransactionActionIndex is { } index && index >= firstDelete;

    /// <summary>Rows whose events are on the queue: their deletes wait for a transaction, at most <see cref="DeleteWithin"/>.</summary>
    private void Published(string partitionKey, IReadOnlyCollection<string> rowKeys)
    {
        var pending = _published.GetOrAdd(partitionKey, _ => new PublishedRows());
        if (pending.Add(rowKeys))
        {
            _ = FlushLaterAsync(partitionKey);
        }
    }

    private async Task FlushLaterAsync(string partitionKey)
    {
        try
        {
            // Real time, not the app's clock: housekeeping of this process, whatever time the books are at.
            await Task.Delay(DeleteWithin, _stopping.Token).ConfigureAwait(false);
            await FlushAsync(partitionKey, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed: DisposeAsync flushes what is still pending; rows a cancelled flush had taken are the sweep's.
        }
        catch (Exception e)
        {
            LogFlushFailed(logger, e, partitionKey, 0);
        }
    }

    /// <summary>Deletes the partition's published rows, up to 100 per transaction; a batch that fails (one row gone, say) is done row by row.</summary>
    private async Task FlushAsync(string partitionKey, CancellationToken cancellationToken)
    {
        if (!_published.TryGetValue(partitionKey, out var pending))
        {
            return;
        }

        var rowKeys = pending.TakeAll();
        foreach (var chunk in rowKeys.Chunk(EntityGroupTransaction.MaxOperations))
        {
            try
            {
                var batch = new EntityGroupTransaction(partitionKey);
                foreach (var rowKey in chunk)
                {
                    batch.Delete(new TableEntity(partitionKey, rowKey), ETag.All);
                }

                await table.SubmitRawAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                foreach (var rowKey in chunk)
                {
                    await table.DeleteIfExistsAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Left to the sweep, which publishes them again with the same ids and deletes them.
                LogFlushFailed(logger, e, partitionKey, chunk.Length);
            }
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

    private long _deletedInTransactions;

    /// <summary>Deletes of published rows that rode in a transaction of their partition instead of costing a request of their own.</summary>
    public long DeletesInTransactions => Interlocked.Read(ref _deletedInTransactions);

    private void DeletedInTransaction(int count) => Interlocked.Add(ref _deletedInTransactions, count);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "A transaction on {Partition} failed on one of the {Deletes} outbox deletes it carried (the row was gone); sent again without them")]
    private static partial void LogDeleteRefused(ILogger logger, string partition, int deletes);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Deleting {Rows} published outbox rows of {Partition} failed; the outbox sweep publishes them again and deletes them")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string partition, int rows);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Publishing {EventCount} committed events of outbox row {RowKey} in {Partition} failed; the outbox sweep delivers them")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string partition, string rowKey, int eventCount);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Error, Message = "Could not mark {Partition} in the outbox index after a failed publish")]
    private static partial void LogRemarkFailed(ILogger logger, Exception exception, string partition);
}

/// <summary>The published outbox rows of one partition whose deletes are still to be done.</summary>
internal sealed class PublishedRows
{
    private readonly HashSet<string> _rowKeys = new(StringComparer.Ordinal);
    private bool _flushDue;

    public int Count
    {
        get
        {
            lock (_rowKeys)
            {
                return _rowKeys.Count;
            }
        }
    }

    /// <summary>Adds rows; true when a flush is to be scheduled (none was due).</summary>
    public bool Add(IEnumerable<string> rowKeys)
    {
        lock (_rowKeys)
        {
            _rowKeys.UnionWith(rowKeys);
            var schedule = !_flushDue && _rowKeys.Count > 0;
            _flushDue |= schedule;
            return schedule;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> rows a transaction can carry (not rows it writes itself).</summary>
    public IReadOnlyCollection<string> Take(int count, Func<string, bool> inTransaction)
    {
        lock (_rowKeys)
        {
            var taken = _rowKeys.Where(k => !inTransaction(k)).Take(count).ToArray();
            _rowKeys.ExceptWith(taken);
            return taken;
        }
    }

    /// <summary>Takes every row, for a flush; the next row added schedules the next flush.</summary>
    public IReadOnlyCollection<string> TakeAll()
    {
        lock (_rowKeys)
        {
            var all = _rowKeys.ToArray();
            _rowKeys.Clear();
            _flushDue = false;
            return all;
        }
    }
}

/// <summary>One outbox row: where it is and the CloudEvents it holds.</summary>
internal sealed record StagedEvents(string PartitionKey, string RowKey, IReadOnlyList<string> CloudEvents);
