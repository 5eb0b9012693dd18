using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage;

/// <summary>
/// The voucher numbers one process may hand out, per partner partition: blocks reserved on the partner's counter row
/// <c>vouchernum</c> (its <c>Next</c> is the first number nobody has reserved), each by one write at the counter's
/// ETag, so two processes never hold the same number. Numbers are given lowest first and taken back when the
/// transaction they were stamped on certainly did not commit, so within one process numbers follow one another;
/// a block a process had not used up when it stopped leaves a gap, never a duplicate.
/// </summary>
/// <remarks>
/// The counter used to join every issuance's transaction, so a partner's concurrent issuances all raced for one row
/// and a loser re-sent its whole transaction: with 8 commits of 49 vouchers in flight one lost 30 times in a row.
/// Now they contend only in memory, and a process writes the counter once per <see cref="BlockSize"/> numbers.
/// </remarks>
public sealed class VoucherNumberBlocks(LedgerTable table)
{
    /// <summary>Numbers reserved per counter write: at most this many are lost when a process stops.</summary>
    public const int BlockSize = 100;

    private const string NextProperty = "Next";
    private static readonly OptimisticRetry Reservation = new(MaxAttempts: 50);

    private readonly ConcurrentDictionary<string, Pool> _pools = new(StringComparer.Ordinal);

    /// <summary>The counter row in each partner partition.</summary>
    public const string CounterRow = "vouchernum";

    /// <summary><paramref name="count"/> numbers of <paramref name="partitionKey"/>, lowest first; reserves a block when the pool runs short.</summary>
    public async Task<long[]> TakeAsync(string partitionKey, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var pool = _pools.GetOrAdd(partitionKey, _ => new Pool());
        if (pool.TryTake(count) is { } numbers)
        {
            return numbers;
        }

        // One reservation at a time per partner in this process; the others wait for its block instead of reserving their own.
        await pool.Reserving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (pool.TryTake(count) is { } taken)
                {
                    return taken;
                }

                var (first, end) = await ReserveAsync(partitionKey, Math.Max(BlockSize, count), cancellationToken).ConfigureAwait(false);
                pool.Add(first, end);
            }
        }
        finally
        {
            pool.Reserving.Release();
        }
    }

    /// <summary>Gives back numbers whose transaction was refused, so the next voucher of this process takes them.</summary>
    public void Return(string partitionKey, IEnumerable<long> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        _pools.GetOrAdd(partitionKey, _ => new Pool()).Return(numbers);
    }

    // Moves the counter on by `size` at the ETag it was read with (inserts it for the partner's first voucher).
    private Task<(long First, long End)> ReserveAsync(string partitionKey, int size, CancellationToken cancellationToken) =>
        Reservation.RunAsync(async ct =>
        {
            var counter = await table.GetAsync(partitionKey, CounterRow, ct).ConfigureAwait(false);
            var first = counter?.GetInt64(NextProperty) ?? 1;
            var row = new TableEntity(partitionKey, CounterRow) { ["Kind"] = CounterRow, [NextProperty] = first + size };
            await table.SaveAsync(row, counter?.ETag.ToString(), ct).ConfigureAwait(false);
            return (first, first + size);
        }, cancellationToken);

    private sealed class Pool
    {
        private readonly SortedSet<long> _free = [];

        public SemaphoreSlim Reserving { get; } = new(1, 1);

        public long[]? TryTake(int count)
        {
            lock (_free)
            {
                if (_free.Count < count)
                {
                    return null;
                }

                var taken = _free.Take(count).ToArray();
                _free.ExceptWith(taken);
                return taken;
            }
        }

        public void Add(long first, long end)
        {
            lock (_free)
            {
                for (var n = first; n < end; n++)
                {
                    _free.Add(n);
                }
            }
        }

        public void Return(IEnumerable<long> numbers)
        {
            lock (_free)
            {
                _free.UnionWith(numbers);
            }
        }
    }
}
