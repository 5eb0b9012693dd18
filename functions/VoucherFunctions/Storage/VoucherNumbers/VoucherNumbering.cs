using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Gives every new voucher row its integer id (the vendor API's <c>VoucherId</c>) in the same entity-group
/// transaction that inserts it: the partner partition's counter row <c>vouchernum</c> is read, each voucher
/// insert of the transaction that has no number yet is stamped with the next one, and the counter is written
/// back at the ETag it was read with (inserted when the partner has none yet). Two issuances racing for the
/// counter cannot both commit; the loser re-reads the counter and sends again. A transaction that fails for
/// another reason (the voucher exists: a repeated issuance) leaves the counter as it was, so numbers are
/// never handed out twice; a number is never reused because the counter only grows.
/// </summary>
public static class VoucherNumbering
{
    /// <summary>The voucher row property holding the number.</summary>
    public const string Property = "NumericId";

    /// <summary>The counter row in each partner partition.</summary>
    public const string CounterRow = "vouchernum";

    private const string NextProperty = "Next";
    private const int MaxAttempts = 30;

    /// <summary>Whether the transaction inserts vouchers without a number, so the counter row joins it (one operation more).</summary>
    public static bool NeedsCounter(EntityGroupTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Actions.Any(a => a.ActionType == TableTransactionActionType.Add && a.Entity is TableEntity e && IsUnnumberedVoucher(e));
    }

    /// <summary>Sends <paramref name="transaction"/>, numbering its voucher inserts first when it has any.</summary>
    public static async Task<IReadOnlyList<Response>> SubmitAsync(LedgerTable table, EntityGroupTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(transaction);
        var inserts = transaction.Actions
            .Where(a => a.ActionType == TableTransactionActionType.Add && a.Entity is TableEntity e && IsUnnumberedVoucher(e))
            .Select(a => (TableEntity)a.Entity)
            .ToList();
        if (inserts.Count == 0)
        {
            return await table.SubmitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var counter = await table.GetAsync(transaction.PartitionKey, CounterRow, cancellationToken).ConfigureAwait(false);
            var next = counter?.GetInt64(NextProperty) ?? 1;
            foreach (var insert in inserts)
            {
                insert[Property] = next++;
            }

            var numbered = transaction.Copy();
            var row = new TableEntity(transaction.PartitionKey, CounterRow) { ["Kind"] = "vouchernum", [NextProperty] = next };
            if (counter is null)
            {
                numbered.Add(row);
            }
            else
            {
                numbered.Replace(row, counter.ETag);
            }

            ConcurrencyConflictException lost;
            try
            {
                return await table.SubmitAsync(numbered, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Nothing was written: take the numbers off again, so the caller's entities say so.
                inserts.ForEach(i => i.Remove(Property));
                if (e is not ConcurrencyConflictException conflict)
                {
                    throw;
                }

                lost = conflict;
            }

            if (attempt >= MaxAttempts || !await CounterMovedAsync(table, transaction.PartitionKey, counter, cancellationToken).ConfigureAwait(false))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(lost);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 20))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The number storage gave a voucher row of <paramref name="transaction"/>, after it committed.</summary>
    public static long? NumberOf(ITableEntity entity) => (entity as TableEntity)?.GetInt64(Property);

    private static bool IsUnnumberedVoucher(TableEntity e) =>
        string.Equals(e.GetString("Kind"), VoucherRows.Kind, StringComparison.Ordinal) && e.GetInt64(Property) is null;

    // The race was on the counter (someone else numbered vouchers meanwhile) rather than on the caller's rows.
    private static async Task<bool> CounterMovedAsync(LedgerTable table, string partitionKey, TableEntity? readCounter, CancellationToken cancellationToken)
    {
        var now = await table.GetAsync(partitionKey, CounterRow, cancellationToken).ConfigureAwait(false);
        return now is not null && (readCounter is null || now.ETag != readCounter.ETag);
    }
}
