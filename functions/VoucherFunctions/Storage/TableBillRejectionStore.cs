using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Bill rejections as rows "billrej|{payerKind}|{payerId}|{billId}" in the partner's partition (insert; an existing one stands).</summary>
public sealed class TableBillRejectionStore(LedgerTable table) : IBillRejectionStore
{
    public async Task RecordAsync(BillRejection rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        try
        {
            await table.AddAsync(BillRejectionRows.ToEntity(rejection), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Already recorded by an earlier delivery: the first rejection stands.
        }
    }

    public async Task<BillRejection?> GetAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.BillRejection(payerKind, payerId, billId), cancellationToken);
        return row is null ? null : BillRejectionRows.FromEntity(row);
    }
}
