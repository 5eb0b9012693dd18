namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Money;

/// <summary>
/// One allocation of an explained line, in order of use: the voucher, what it pays, its balance before, and the
/// voucher used next on the line with the first rule of <see cref="DeductionOrder"/> that put this one before it
/// (both null for the line's last allocation).
/// </summary>
public sealed record ExplainedAllocation(string VoucherId, Money Amount, Money BalanceBefore, string? PlacedBefore, OrderRule? Rule);

/// <summary>
/// A candidate voucher that pays nothing on a line, with exactly one reason: <see cref="Ineligible"/>, the first
/// eligibility rule it fails; or, when it is eligible (<see cref="Ineligible"/> null), it was not needed: the
/// line was paid by vouchers ahead of it in order of use. Then <see cref="OutrankedBy"/> is the line's last
/// allocated voucher and <see cref="Rule"/> the rule that put that one first (null for a zero-amount line).
/// </summary>
public sealed record UnusedVoucher(string VoucherId, Ineligibility? Ineligible, string? OutrankedBy, OrderRule? Rule)
{
    public bool NotNeeded => Ineligible is null;
}

/// <summary>One line explained: every candidate voucher is either in <see cref="Allocations"/> or in <see cref="Unused"/>, once.</summary>
public sealed record LineExplanation(string LineId, Money Amount, IReadOnlyList<ExplainedAllocation> Allocations, IReadOnlyList<UnusedVoucher> Unused, Money RemainingPayable);

/// <summary>
/// What <see cref="DeductionEngine.Explain"/> found: the very <see cref="DeductionResult"/> that
/// <see cref="DeductionEngine.Deduct"/> returns for the same input, and per line (bill order) why each voucher paid
/// or did not.
/// </summary>
public sealed record DeductionExplanation(DeductionResult Result, IReadOnlyList<LineExplanation> Lines, bool AssociatedFirst);
