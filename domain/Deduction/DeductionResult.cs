namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;

/// <summary>One voucher paying part of one line.</summary>
public sealed record VoucherAllocation(string VoucherId, string LineId, Money Amount);

/// <summary>What one line used and what is still payable on it (amount − allocated).</summary>
public sealed record LineOutcome(string LineId, Money Amount, IReadOnlyList<VoucherAllocation> Allocations, Money Allocated, Money RemainingPayable);

/// <summary>The usage record of one (voucher, bill line) pair, as stored and exported.</summary>
public sealed record VoucherUsage(
    string VoucherId,
    string BillId,
    string LineId,
    string ProductCode,
    string? SubProductCode,
    PaymentMode PaymentMode,
    Money Amount,
    DateTimeOffset BillTime,
    DateTimeOffset AppliedAt,
    PayerKind PayerKind,
    string PayerId,
    string PartnerId,
    string CustomerUin);

/// <summary>
/// The outcome of deducting one bill. <see cref="Lines"/> follow the bill's line order;
/// <see cref="UpdatedVouchers"/> holds only vouchers that paid something (new balance, Exhausted if
/// it reached zero), ordered by id; <see cref="NewBalances"/> has every eligible-or-not candidate's
/// balance after the bill (unchanged for the ones not used).
/// </summary>
public sealed record DeductionResult(
    string BillId,
    IReadOnlyList<LineOutcome> Lines,
    IReadOnlyList<VoucherUsage> Usages,
    IReadOnlyList<Voucher> UpdatedVouchers,
    IReadOnlyDictionary<string, Money> NewBalances,
    Money TotalAmount,
    Money TotalAllocated,
    Money TotalRemainingPayable)
{
    public IEnumerable<VoucherAllocation> Allocations => Lines.SelectMany(l => l.Allocations);
}
