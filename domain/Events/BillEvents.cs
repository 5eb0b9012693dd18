namespace VoucherFunctions.Domain.Events;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;

/// <summary>
/// <c>bill.applied</c> with the bill's marker, and <c>bill.rejected</c> with the record of its refusal. A bill id is
/// applied once per payer, and its first refusal stands, so (payer kind, payer, bill id) identifies each change.
/// </summary>
public static class BillEvents
{
    public static DomainEvent Applied(BillOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return EventIds.Create(EventTypes.BillApplied, outcome.PartnerId, "bills/" + outcome.BillId, Change(outcome.PayerKind, outcome.PayerId, outcome.BillId), outcome.AppliedAt, BillAppliedData.From(outcome));
    }

    public static DomainEvent Rejected(string partnerId, PayerKind payerKind, string payerId, string billId, string code, string message, DateTimeOffset rejectedAt, string? contentHash) =>
        EventIds.Create(
            EventTypes.BillRejected,
            partnerId,
            "bills/" + billId,
            Change(payerKind, payerId, billId),
            rejectedAt,
            new BillRejectedData(billId, payerKind, payerId, code, message, rejectedAt.ToUniversalTime(), contentHash));

    private static string Change(PayerKind payerKind, string payerId, string billId) => payerKind + "\n" + payerId + "\n" + billId;
}
