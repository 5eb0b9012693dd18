namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// The atomic side of bill deduction. A bill's effects (voucher balances, one usage record per
/// (voucher, line), the outcome and its idempotency marker) commit together or not at all.
/// Typical use: <see cref="FindCandidatesAsync"/>, run <see cref="DeductionEngine"/>, then
/// <see cref="CommitAsync"/>; on <see cref="ConcurrencyConflictException"/> re-read and re-run.
/// </summary>
public interface IBillLedger
{
    /// <summary>The stored outcome of a bill, or null if it has not been applied.</summary>
    Task<BillOutcome?> GetOutcomeAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default);

    /// <summary>The payer's vouchers that may be eligible (right type and customer, not ended, with balance), with their versions.</summary>
    Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(Bill bill, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every voucher of the bill's payer (ended, expired and not yet effective ones too), read with the same queries as
    /// <see cref="FindCandidatesAsync"/> over the payer's whole ranges: what a dry run needs to say why each voucher does not pay.
    /// </summary>
    Task<IReadOnlyList<Versioned<Voucher>>> FindPayerVouchersAsync(Bill bill, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits <paramref name="result"/> (computed from <paramref name="candidatesAsRead"/>) in one
    /// atomic write. Returns <see cref="BillCommitResult.Duplicate"/> with the stored outcome when the
    /// bill was already applied. Throws <see cref="ConcurrencyConflictException"/> when a voucher changed
    /// since it was read (nothing applied), a DomainException <c>bill.conflicting_duplicate</c> when the
    /// bill id was used for different content, and <c>bill.too_large</c> when the effects exceed one
    /// atomic write (nothing applied).
    /// </summary>
    Task<BillCommitResult> CommitAsync(Bill bill, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, DeductionResult result, BillOutcome outcome, CancellationToken cancellationToken = default);
}
