using Azure;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Gives every new voucher row its integer id (the vendor API's <c>VoucherId</c>) before the transaction that inserts
/// it is sent: each voucher insert without a number is stamped with one of the process's reserved numbers
/// (<see cref="VoucherNumberBlocks"/>). A transaction that certainly did not commit (a race, a refusal) gives its
/// numbers back; one whose fate is unknown (a timeout, a dropped connection) keeps them, so a number is never handed
/// out twice even if that transaction did commit.
/// </summary>
public static class VoucherNumbering
{
    /// <summary>The voucher row property holding the number.</summary>
    public const string Property = "NumericId";

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

        var numbers = await table.VoucherNumbers.TakeAsync(transaction.PartitionKey, inserts.Count, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < inserts.Count; i++)
        {
            inserts[i][Property] = numbers[i];
        }

        try
        {
            return await table.SubmitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nothing of ours was written, or we cannot tell: take the numbers off the caller's entities either way,
            // so a retry of the same transaction is numbered afresh.
            inserts.ForEach(i => i.Remove(Property));
            if (CertainlyNotCommitted(e))
            {
                table.VoucherNumbers.Return(transaction.PartitionKey, numbers);
            }

            throw;
        }
    }

    /// <summary>The number storage gave a voucher row of <paramref name="transaction"/>, after it committed.</summary>
    public static long? NumberOf(ITableEntity entity) => (entity as TableEntity)?.GetInt64(Property);

    private static bool IsUnnumberedVoucher(TableEntity e) =>
        string.Equals(e.GetString("Kind"), VoucherRows.Kind, StringComparison.Ordinal) && e.GetInt64(Property) is null;

    // A lost race (412/409/404), a refusal before sending, or any other 4xx but a timeout: storage applied nothing.
    private static bool CertainlyNotCommitted(Exception e) => e switch
    {
        ConcurrencyConflictException or TransactionRefusedException => true,
        RequestFailedException { Status: >= 400 and < 500 and not 408 } => true,
        _ => false,
    };
}
