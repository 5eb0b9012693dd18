using Azure;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Bill deduction on the ledger table. Everything a bill changes lives in its partner's partition,
/// so one entity-group transaction carries: the bill marker (insert: outcome + content hash, and the
/// idempotency lock), each changed voucher (replace at the ETag it was read with) and one usage row per
/// (voucher, line) (insert). Any stale ETag or existing row fails the whole transaction.
/// </summary>
public sealed class TableBillLedger(LedgerTable table, ILogger<TableBillLedger> logger) : IBillBatchLedger
{
    public async Task<BillOutcome?> GetOutcomeAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Bill(payerKind, payerId, billId), cancellationToken);
        return row is null ? null : BillOutcomeRows.FromEntity(row);
    }

    public async Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(Bill bill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        bill.Validate();
        var rows = await PagedQuery.ReadAllAsync(table, CandidateFilter(bill), cancellationToken);
        return rows.Select(VoucherRows.Versioned).ToArray();
    }

    /// <summary>
    /// The time filters are widened by a millisecond because Azurite compares datetimes at millisecond
    /// precision (Azure at 100 ns): a voucher expiring a tick after the bill time must not be filtered out.
    /// The engine applies the exact window.
    /// </summary>
    private static readonly TimeSpan WindowSlack = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The payer's vouchers that can plausibly pay at the bill time (at most 12 comparisons, under Azure's 15):
    /// the partner's voucher rows, status Active or Expired (the window decides, see the domain README),
    /// balance left, same currency, in effect at the bill time, and of the payer (customer bill: that
    /// customer's Type III; partner bill: Type I, or that customer's Type II). Scope checks stay in the engine.
    /// </summary>
    internal static string CandidateFilter(Bill bill)
    {
        var payer = bill.PayerKind == PayerKind.Customer
            ? Filters.And([Filters.Eq("Type", nameof(VoucherType.TypeIII)), Filters.Eq("CustomerUin", bill.CustomerUin)])
            : Filters.Or(
                Filters.Eq("Type", nameof(VoucherType.TypeI)),
                Filters.And([Filters.Eq("Type", nameof(VoucherType.TypeII)), Filters.Eq("CustomerUin", bill.CustomerUin)]));
        return Filters.And(
        [
            Filters.PrefixInPartition(Keys.Partner(bill.PartnerId), Keys.VoucherPrefix),
            Filters.Or(Filters.Eq("Status", nameof(VoucherStatus.Active)), Filters.Eq("Status", nameof(VoucherStatus.Expired))),
            Filters.Gt("BalanceMinor", 0L),
            Filters.Eq("Currency", bill.Currency.Code),
            Filters.Le("EffectiveFrom", bill.BillTime + WindowSlack),
            Filters.Gt("ExpiresAt", bill.BillTime - WindowSlack),
            payer,
        ]);
    }

    public async Task<BillCommitResult> CommitAsync(Bill bill, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, DeductionResult result, BillOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(candidatesAsRead);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outcome);
        if (result.BillId != bill.BillId || outcome.BillId != bill.BillId || outcome.PartnerId != bill.PartnerId || outcome.ContentHash != BillFingerprint.Of(bill))
        {
            throw new ArgumentException($"The result and outcome given are not those of bill '{bill.BillId}'.", nameof(outcome));
        }

        var transaction = Build(bill, candidatesAsRead, result, outcome);
        try
        {
            await table.SubmitRawAsync(transaction, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsRace(e))
        {
            // The marker insert goes first, so a duplicate usually fails there; but whatever failed,
            // an existing marker means the bill is already applied and nothing here was.
            var stored = await GetOutcomeAsync(bill.PartnerId, bill.PayerKind, bill.PayerId, bill.BillId, cancellationToken);
            if (stored is null)
            {
                throw StorageFailures.Conflict($"Bill '{bill.BillId}': a voucher changed since it was read", e);
            }

            return Duplicate(bill, stored);
        }

        StorageLog.BillApplied(logger, bill.BillId, bill.PartnerId, result.Usages.Count, result.UpdatedVouchers.Count);
        return new BillCommitResult.Applied(outcome);
    }

    public async Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(string partnerId, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bills);
        if (bills.Count == 0 || bills.Any(b => b.PartnerId != partnerId))
        {
            throw new ArgumentException($"Give one or more bills, all of partner '{partnerId}'.", nameof(bills));
        }

        var rows = await PagedQuery.ReadAllAsync(table, GroupCandidateFilter(partnerId, bills), cancellationToken);
        return rows.Select(VoucherRows.Versioned).ToArray();
    }

    /// <summary>
    /// The union of the bills' candidate filters, widened where a union would not fit Azure's 15
    /// comparisons: the partner's live vouchers with balance, in effect at some bill time of the group,
    /// of the bills' currency (when they share one) and of the voucher types (and, for up to four customer
    /// UINs, the customers) their payers use. The engine's eligibility check narrows it per bill.
    /// </summary>
    internal static string GroupCandidateFilter(string partnerId, IReadOnlyCollection<Bill> bills)
    {
        var parts = new List<string>
        {
            Filters.PrefixInPartition(Keys.Partner(partnerId), Keys.VoucherPrefix),
            Filters.Or(Filters.Eq("Status", nameof(VoucherStatus.Active)), Filters.Eq("Status", nameof(VoucherStatus.Expired))),
            Filters.Gt("BalanceMinor", 0L),
            Filters.Le("EffectiveFrom", bills.Max(b => b.BillTime) + WindowSlack),
            Filters.Gt("ExpiresAt", bills.Min(b => b.BillTime) - WindowSlack),
        };
        var currencies = bills.Select(b => b.Currency.Code).Distinct(StringComparer.Ordinal).ToArray();
        if (currencies.Length == 1)
        {
            parts.Add(Filters.Eq("Currency", currencies[0]));
        }

        var kinds = bills.Select(b => b.PayerKind).Distinct().ToArray();
        if (kinds is [PayerKind.Customer])
        {
            parts.Add(Filters.Eq("Type", nameof(VoucherType.TypeIII)));
            var uins = bills.Select(b => b.CustomerUin).Distinct(StringComparer.Ordinal).ToArray();
            if (uins.Length <= 4)
            {
                parts.Add(Filters.Or(uins.Select(uin => Filters.Eq("CustomerUin", uin)).ToArray()));
            }
        }
        else if (kinds is [PayerKind.Partner])
        {
            parts.Add(Filters.Or(Filters.Eq("Type", nameof(VoucherType.TypeI)), Filters.Eq("Type", nameof(VoucherType.TypeII))));
        }

        return Filters.And(parts);
    }

    public async Task<BillBatchCommitStatus> CommitManyAsync(
        string partnerId,
        IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead,
        IReadOnlyCollection<Voucher> changedVouchers,
        IReadOnlyList<BillEffects> bills,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidatesAsRead);
        ArgumentNullException.ThrowIfNull(changedVouchers);
        ArgumentNullException.ThrowIfNull(bills);
        var versions = candidatesAsRead.ToDictionary(v => v.Value.VoucherId, v => v.Version, StringComparer.Ordinal);
        var transaction = new EntityGroupTransaction(Keys.Partner(partnerId));
        foreach (var effects in bills)
        {
            var bill = effects.Bill;
            if (bill.PartnerId != partnerId || effects.Result.BillId != bill.BillId || effects.Outcome.BillId != bill.BillId || effects.Outcome.ContentHash != BillFingerprint.Of(bill))
            {
                throw new ArgumentException($"The effects given for bill '{bill.BillId}' are not those of a bill of partner '{partnerId}'.", nameof(bills));
            }

            try
            {
                transaction.Add(BillOutcomeRows.ToEntity(effects.Outcome));
            }
            catch (ArgumentOutOfRangeException e)
            {
                // As in the single-bill commit: an outcome too long for one entity. Refused before any request,
                // so the caller applies the bills one by one and this one is rejected there (bill.too_large).
                throw new TransactionRefusedException($"The outcome of bill '{bill.BillId}' does not fit one entity: {e.Message}");
            }

            foreach (var usage in effects.Result.Usages)
            {
                transaction.Add(UsageRows.ToEntity(usage, partnerId));
            }
        }

        foreach (var voucher in changedVouchers)
        {
            if (voucher.PartnerId != partnerId || !versions.TryGetValue(voucher.VoucherId, out var version))
            {
                throw new ArgumentException($"Voucher '{voucher.VoucherId}' was not among the candidates read for partner '{partnerId}'.", nameof(changedVouchers));
            }

            transaction.Replace(VoucherRows.ToEntity(voucher), new ETag(version));
        }

        try
        {
            await table.SubmitRawAsync(transaction, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageFailures.IsAlreadyExists(e))
        {
            // Only a bill that was already applied has an existing marker or usage row.
            StorageLog.BillBatchHitApplied(logger, partnerId, bills.Count);
            return BillBatchCommitStatus.SomeAlreadyApplied;
        }
        catch (RequestFailedException e) when (StorageFailures.IsRace(e))
        {
            throw StorageFailures.Conflict($"A batch of {bills.Count} bills of partner '{partnerId}': a voucher changed since it was read", e);
        }

        StorageLog.BillBatchApplied(logger, partnerId, bills.Count, changedVouchers.Count);
        return BillBatchCommitStatus.Applied;
    }

    private BillCommitResult Duplicate(Bill bill, BillOutcome stored)
    {
        if (!string.Equals(stored.ContentHash, BillFingerprint.Of(bill), StringComparison.Ordinal))
        {
            StorageLog.BillConflictingDuplicate(logger, bill.BillId, bill.PartnerId);
            throw new DomainException(ErrorCodes.BillConflictingDuplicate, $"Bill '{bill.BillId}' was already applied with different content; the first one stands.");
        }

        StorageLog.BillDuplicate(logger, bill.BillId, bill.PartnerId);
        return new BillCommitResult.Duplicate(stored);
    }

    private static EntityGroupTransaction Build(Bill bill, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, DeductionResult result, BillOutcome outcome)
    {
        var operations = 1 + result.UpdatedVouchers.Count + result.Usages.Count;
        if (operations > EntityGroupTransaction.MaxOperations)
        {
            throw TooLarge(bill, $"{operations} storage operations");
        }

        var versions = candidatesAsRead.ToDictionary(v => v.Value.VoucherId, v => v.Version, StringComparer.Ordinal);
        var transaction = new EntityGroupTransaction(Keys.Partner(bill.PartnerId));
        try
        {
            transaction.Add(BillOutcomeRows.ToEntity(outcome));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw TooLarge(bill, "an outcome too long for one entity");
        }

        foreach (var voucher in result.UpdatedVouchers)
        {
            if (voucher.PartnerId != bill.PartnerId || !versions.TryGetValue(voucher.VoucherId, out var version))
            {
                throw new ArgumentException($"Voucher '{voucher.VoucherId}' was not among the candidates read for bill '{bill.BillId}'.", nameof(candidatesAsRead));
            }

            transaction.Replace(VoucherRows.ToEntity(voucher), new ETag(version));
        }

        foreach (var usage in result.Usages)
        {
            transaction.Add(UsageRows.ToEntity(usage, bill.PartnerId));
        }

        if (transaction.EstimatedBytes > EntityGroupTransaction.MaxPayloadBytes)
        {
            throw TooLarge(bill, $"about {transaction.EstimatedBytes} bytes");
        }

        return transaction;
    }

    private static DomainException TooLarge(Bill bill, string what) =>
        new(ErrorCodes.BillTooLarge, $"Bill '{bill.BillId}' would need {what}; one atomic write holds at most {EntityGroupTransaction.MaxOperations} operations and {EntityGroupTransaction.MaxPayloadBytes} bytes. Nothing was applied; split the bill.");
}
