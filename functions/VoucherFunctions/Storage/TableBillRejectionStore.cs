using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Bill rejections as rows "billrej|{payerKind}|{payerId}|{billId}" in the partner's partition (insert; an existing one
/// stands), each with its <c>bill.rejected</c> event in the same transaction: a rejection already recorded announces nothing again.
/// </summary>
public sealed class TableBillRejectionStore(LedgerTable table, EventOutbox outbox) : IBillRejectionStore
{
    public async Task RecordAsync(BillRejection rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var transaction = new EntityGroupTransaction(Keys.Partner(rejection.PartnerId));
        transaction.Add(BillRejectionRows.ToEntity(rejection));
        var rejected = BillEvents.Rejected(rejection.PartnerId, rejection.PayerKind, rejection.PayerId, rejection.BillId, rejection.Code, rejection.Message, rejection.RejectedAt, rejection.ContentHash);
        try
        {
            await outbox.CommitAsync(transaction, [rejected], t => table.SubmitAsync(t, cancellationToken), cancellationToken);
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
