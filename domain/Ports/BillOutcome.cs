namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;

/// <summary>
/// The stored, queryable result of applying one bill: what each line used and what remains payable.
/// <see cref="ContentHash"/> (<see cref="BillFingerprint"/>) tells a true duplicate delivery from a
/// different bill reusing the same id.
/// </summary>
public sealed record BillOutcome(
    string BillId,
    string PartnerId,
    PayerKind PayerKind,
    string PayerId,
    string CustomerUin,
    Currency Currency,
    DateTimeOffset BillTime,
    DateTimeOffset AppliedAt,
    string ContentHash,
    IReadOnlyList<LineOutcome> Lines,
    Money TotalAmount,
    Money TotalAllocated,
    Money TotalRemainingPayable)
{
    public static BillOutcome From(Bill bill, DeductionResult result, DateTimeOffset appliedAt)
    {
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(result);
        if (result.BillId != bill.BillId)
        {
            throw new ArgumentException($"The deduction result is for bill '{result.BillId}', not '{bill.BillId}'.", nameof(result));
        }

        return new BillOutcome(
            bill.BillId,
            bill.PartnerId,
            bill.PayerKind,
            bill.PayerId,
            bill.CustomerUin,
            bill.Currency,
            bill.BillTime,
            appliedAt.ToUniversalTime(),
            BillFingerprint.Of(bill),
            result.Lines,
            result.TotalAmount,
            result.TotalAllocated,
            result.TotalRemainingPayable);
    }
}
