namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;

/// <summary>The effects of one bill computed by the engine, ready to commit with others of the same partner.</summary>
public sealed record BillEffects(Bill Bill, DeductionResult Result, BillOutcome Outcome);

/// <summary>What a multi-bill commit did.</summary>
public enum BillBatchCommitStatus
{
    /// <summary>Every bill of the batch was applied, all together.</summary>
    Applied,

    /// <summary>Nothing was applied because at least one bill's marker already exists: apply the bills one by one instead.</summary>
    SomeAlreadyApplied,
}

/// <summary>
/// The bill ledger with a multi-bill commit, used by billing to coalesce concurrent bills of one partner into one
/// atomic write (one candidate read, one write) instead of one read-modify-write each.
/// </summary>
public interface IBillBatchLedger : IBillLedger
{
    /// <summary>A superset of the candidate vouchers of every bill given (all of one partner), with their versions.</summary>
    Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(string partnerId, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits several bills of one partner atomically: one marker and the usage rows per bill, and the final
    /// state of each changed voucher (<paramref name="changedVouchers"/>) at the version it was read with.
    /// A voucher changed since it was read: <see cref="ConcurrencyConflictException"/> (nothing applied).
    /// A batch over the store's atomic-write limits, or holding an outcome too long for one record, is refused before any
    /// request (the Table Storage adapter throws its <c>TransactionRefusedException</c>).
    /// </summary>
    Task<BillBatchCommitStatus> CommitManyAsync(
        string partnerId,
        IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead,
        IReadOnlyCollection<Voucher> changedVouchers,
        IReadOnlyList<BillEffects> bills,
        CancellationToken cancellationToken = default);
}
