using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Moves vouchers stored in the first layout (the whole voucher at "voucher|{id}") to the payer-keyed layout
/// of <see cref="VoucherKeys"/>: per voucher, one transaction replaces the old row, at the ETag it was read
/// with, by the id pointer and inserts the voucher at its new key. Idempotent and resumable: a row already
/// moved is no longer an old-layout row, and a crash leaves each voucher either moved or not. When a
/// partition holds no old-layout row any more, the marker row <see cref="Keys.VoucherLayoutRow"/> records
/// it. The voucher store calls <see cref="EnsureAsync"/> before it reads a partner's vouchers (one point
/// read per partner and process, remembered); <see cref="VoucherLayoutStartup"/> migrates every partition
/// that holds old-layout rows when the app starts.
/// </summary>
public sealed partial class VoucherLayoutMigration(LedgerTable table, ILogger<VoucherLayoutMigration> logger)
{
    /// <summary>Old-layout rows moved per transaction (two operations each).</summary>
    private const int PerTransaction = EntityGroupTransaction.MaxOperations / 2;

    private const int MaxPasses = 5;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _partitions = new(StringComparer.Ordinal);

    /// <summary>Returns once the partner's vouchers are all in the current layout (migrating them first if needed).</summary>
    public Task EnsureAsync(string partnerId, CancellationToken cancellationToken)
    {
        var partition = Keys.Partner(partnerId);
        var lazy = _partitions.GetOrAdd(partition, p => new Lazy<Task>(() => EnsurePartitionAsync(p)));
        var task = lazy.Value;
        return task.IsCompletedSuccessfully ? Task.CompletedTask : AwaitAsync(partition, lazy, task, cancellationToken);
    }

    /// <summary>Moves every old-layout voucher of the partition and writes the marker; safe to run any number of times, concurrently too.</summary>
    public async Task<int> MigratePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var moved = 0;
        for (var pass = 1; ; pass++)
        {
            // A pass that finds none is the proof the partition is done; a row that raced is looked at again.
            var found = 0;
            var client = await table.ClientAsync().ConfigureAwait(false);
            var filter = Filters.And([Filters.PrefixInPartition(partition, Keys.VoucherPrefix), Filters.Eq("Kind", VoucherRows.Kind)]);
            await foreach (var page in client.QueryAsync<TableEntity>(filter, PerTransaction, cancellationToken: cancellationToken).AsPages(pageSizeHint: PerTransaction).ConfigureAwait(false))
            {
                found += page.Values.Count;
                moved += await MoveAsync(partition, page.Values, cancellationToken).ConfigureAwait(false);
            }

            if (found == 0)
            {
                break;
            }

            if (pass == MaxPasses)
            {
                throw new ConcurrencyConflictException($"Old-layout vouchers of partition '{partition}' kept changing during {MaxPasses} passes; the migration resumes on the next call.");
            }
        }

        await table.UpsertIndexRowAsync(new TableEntity(partition, Keys.VoucherLayoutRow) { ["Kind"] = "layout", ["Layout"] = 2 }, cancellationToken).ConfigureAwait(false);
        if (moved > 0)
        {
            LogMigrated(partition, moved);
        }

        return moved;
    }

    /// <summary>The partitions holding old-layout voucher rows (a table scan: run once, at start).</summary>
    public async Task<IReadOnlyList<string>> PartitionsToMigrateAsync(CancellationToken cancellationToken)
    {
        var client = await table.ClientAsync().ConfigureAwait(false);
        var filter = Filters.And(
        [
            TableClient.CreateQueryFilter($"RowKey ge {Keys.VoucherPrefix} and RowKey lt {Keys.PrefixEnd(Keys.VoucherPrefix)}"),
            Filters.Eq("Kind", VoucherRows.Kind),
        ]);
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey"], cancellationToken).ConfigureAwait(false))
        {
            if (row.PartitionKey.StartsWith("p|", StringComparison.Ordinal))
            {
                partitions.Add(row.PartitionKey);
            }
        }

        return [.. partitions];
    }

    private async Task<int> MoveAsync(string partition, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var transaction = new EntityGroupTransaction(partition);
        foreach (var row in rows)
        {
            Move(transaction, row);
        }

        try
        {
            // Old rows have no integer id (the vendor API came later): the moved rows get theirs here.
            await VoucherNumbering.SubmitAsync(table, transaction, cancellationToken).ConfigureAwait(false);
            return rows.Count;
        }
        catch (ConcurrencyConflictException) when (rows.Count > 1)
        {
            // Another migrator (or a writer) got to one of them first: move the rest one by one.
            var moved = 0;
            foreach (var row in rows)
            {
                moved += await MoveAsync(partition, [row], cancellationToken).ConfigureAwait(false);
            }

            return moved;
        }
        catch (ConcurrencyConflictException)
        {
            // This row changed or moved since it was read: whoever changed it left it in a layout this code reads.
            LogRaced(partition, rows[0].RowKey);
            return 0;
        }
    }

    private static void Move(EntityGroupTransaction transaction, TableEntity legacy)
    {
        var voucher = VoucherRows.FromEntity(legacy);
        transaction.Replace(VoucherRows.ToPointer(voucher), legacy.ETag);
        transaction.Add(VoucherRows.ToEntity(voucher));
    }

    private async Task EnsurePartitionAsync(string partition)
    {
        // Shared by every caller of the partition, so no caller's cancellation stops it half-way (it is resumable anyway).
        if (await table.GetAsync(partition, Keys.VoucherLayoutRow, CancellationToken.None).ConfigureAwait(false) is null)
        {
            await MigratePartitionAsync(partition, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // A failure (a storage blip) is not remembered: the next caller tries again.
    private async Task AwaitAsync(string partition, Lazy<Task> lazy, Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (task.IsFaulted)
        {
            _partitions.TryRemove(new KeyValuePair<string, Lazy<Task>>(partition, lazy));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} vouchers of partition {Partition} to the payer-keyed layout")]
    private partial void LogMigrated(string partition, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher row {RowKey} of partition {Partition} changed while being moved; left to its writer")]
    private partial void LogRaced(string partition, string rowKey);
}
