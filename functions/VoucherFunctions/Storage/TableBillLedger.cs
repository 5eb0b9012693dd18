using Azure;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage.Outbox;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Bill deduction on the ledger table. Everything a bill changes lives in its partner's partition,
/// so one entity-group transaction carries: the bill marker (insert: outcome + content hash, and the
/// idempotency lock), each changed voucher (replace at the ETag it was read with) and one usage row per
/// (voucher, line) (insert), and the outbox row with the events: <c>bill.applied</c> per bill and
/// <c>voucher.exhausted</c> per voucher a bill empties. Any stale ETag or existing row fails the whole transaction.
/// </summary>
public sealed class TableBillLedger(LedgerTable table, VoucherLayoutMigration layout, EventOutbox outbox, ILogger<TableBillLedger> logger) : IBillBatchLedger
{
    public async Task<BillOutcome?> GetOutcomeAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Bill(payerKind, payerId, billId), cancellationToken);
        return row is null ? null : BillOutcomeRows.FromEntity(row);
    }

    public Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(Bill bill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        bill.Validate();
        return ReadCandidatesAsync(bill.PartnerId, [bill], cancellationToken);
    }

    /// <summary>
    /// The explain read: the same queries as <see cref="FindCandidatesAsync(Bill, CancellationToken)"/> (one per payer range,
    /// in parallel, in the bill's partition), each over the payer's whole range instead of its live part after the bill
    /// time and without the server-side filters, so the engine sees, and can name the reason for, every voucher of the payer.
    /// </summary>
    public async Task<IReadOnlyList<Versioned<Voucher>>> FindPayerVouchersAsync(Bill bill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        bill.Validate();
        await layout.EnsureAsync(bill.PartnerId, cancellationToken);
        var partition = Keys.Partner(bill.PartnerId);
        var perRange = await Task.WhenAll(PayerRanges(bill).Select(range =>
            PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(partition, VoucherKeys.TypePrefix(range.Type, range.CustomerUin)), cancellationToken)));
        return perRange.SelectMany(rows => rows).Select(VoucherRows.Versioned).ToArray();
    }

    /// <summary>The voucher ranges whose vouchers may pay a bill: a customer bill its customer's Type III; a partner bill the partner's Type I and its customer's Type II.</summary>
    private static (VoucherType Type, string? CustomerUin)[] PayerRanges(Bill bill) => bill.PayerKind == PayerKind.Customer
        ? [(VoucherType.TypeIII, bill.CustomerUin)]
        : [(VoucherType.TypeI, null), (VoucherType.TypeII, bill.CustomerUin)];

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
            await outbox.CommitAsync(transaction, Events([outcome], candidatesAsRead, result.UpdatedVouchers), t => table.SubmitRawAsync(t, cancellationToken), cancellationToken);
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

    public Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(string partnerId, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bills);
        if (bills.Count == 0 || bills.Any(b => b.PartnerId != partnerId))
        {
            throw new ArgumentException($"Give one or more bills, all of partner '{partnerId}'.", nameof(bills));
        }

        return ReadCandidatesAsync(partnerId, bills, cancellationToken);
    }

    /// <summary>One range query per payer range the bills use (<see cref="CandidateFilters"/>), in parallel; the ranges are disjoint.</summary>
    private async Task<IReadOnlyList<Versioned<Voucher>>> ReadCandidatesAsync(string partnerId, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken)
    {
        await layout.EnsureAsync(partnerId, cancellationToken);
        var perRange = await Task.WhenAll(CandidateFilters(partnerId, bills).Select(filter => PagedQuery.ReadAllAsync(table, filter, cancellationToken)));
        return perRange.SelectMany(rows => rows).Select(VoucherRows.Versioned).ToArray();
    }

    /// <summary>
    /// Azurite compares datetimes at millisecond precision (Azure at 100 ns): the EffectiveFrom filter is widened by
    /// a millisecond so a voucher taking effect a tick before the bill time is not filtered out. The engine applies
    /// the exact window; the expiry end is exact already, since it is compared in the row key.
    /// </summary>
    private static readonly TimeSpan WindowSlack = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The candidate queries of some bills of one partner, one per payer range (<see cref="VoucherKeys"/>): a customer
    /// bill reads its customer's live Type III range, a partner bill the partner's live Type I range and its
    /// customer's live Type II range. Each range starts after the earliest bill time of the bills that read it, so
    /// vouchers expired by then are skipped by key, and ended ones (exhausted, withdrawn, invalidated) live in another
    /// range. Inside, the server keeps balance left, in effect by the latest bill time and, when the bills share one,
    /// the currency. The engine's eligibility check narrows it per bill.
    /// </summary>
    internal static IReadOnlyList<string> CandidateFilters(string partnerId, IReadOnlyCollection<Bill> bills)
    {
        var partition = Keys.Partner(partnerId);
        var ranges = new Dictionary<string, List<Bill>>(StringComparer.Ordinal);
        void Use(string prefix, Bill bill)
        {
            if (!ranges.TryGetValue(prefix, out var users))
            {
                ranges[prefix] = users = [];
            }

            users.Add(bill);
        }

        foreach (var bill in bills)
        {
            foreach (var (type, uin) in PayerRanges(bill))
            {
                Use(VoucherKeys.LifePrefix(type, uin, VoucherKeys.Live), bill);
            }
        }

        return ranges.Select(range =>
        {
            var users = range.Value;
            var parts = new List<string>
            {
                Filters.RangeInPartition(partition, VoucherKeys.ValidAfter(range.Key, users.Min(b => b.BillTime)), Keys.PrefixEnd(range.Key)),
                Filters.Gt("BalanceMinor", 0L),
                Filters.Le("EffectiveFrom", users.Max(b => b.BillTime) + WindowSlack),
            };
            var currencies = users.Select(b => b.Currency.Code).Distinct(StringComparer.Ordinal).ToArray();
            if (currencies.Length == 1)
            {
                parts.Add(Filters.Eq("Currency", currencies[0]));
            }

            return Filters.And(parts);
        }).ToArray();
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

            VoucherWrites.Update(transaction, voucher, version);
        }

        try
        {
            await outbox.CommitAsync(transaction, Events(bills.Select(b => b.Outcome), candidatesAsRead, changedVouchers), t => table.SubmitRawAsync(t, cancellationToken), cancellationToken);
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

    /// <summary>What a commit of bills announces: each bill applied, and each change of a voucher (a bill can only exhaust one).</summary>
    private static IReadOnlyList<DomainEvent> Events(IEnumerable<BillOutcome> outcomes, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, IEnumerable<Voucher> changed)
    {
        var read = candidatesAsRead.ToDictionary(v => v.Value.VoucherId, v => v.Value, StringComparer.Ordinal);
        return outcomes.Select(BillEvents.Applied)
            .Concat(changed.SelectMany(v => VoucherEvents.For(read[v.VoucherId], v)))
            .ToArray();
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
        var read = candidatesAsRead.ToDictionary(v => v.Value.VoucherId, StringComparer.Ordinal);
        var operations = Operations(candidatesAsRead, result);
        if (operations > EntityGroupTransaction.MaxOperations)
        {
            throw TooLarge(bill, $"{operations} storage operations");
        }

        var versions = read.ToDictionary(r => r.Key, r => r.Value.Version, StringComparer.Ordinal);
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

            VoucherWrites.Update(transaction, voucher, version);
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

    /// <summary>The storage operations one bill's commit takes: its marker, its usage rows, each changed voucher's write (1, or 3 when it moves range) and the outbox row of its events.</summary>
    public static int Operations(IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, DeductionResult result)
    {
        ArgumentNullException.ThrowIfNull(candidatesAsRead);
        ArgumentNullException.ThrowIfNull(result);
        var read = candidatesAsRead.ToDictionary(v => v.Value.VoucherId, StringComparer.Ordinal);
        return 1 + result.Usages.Count + EventOutbox.OperationsFor(1) + result.UpdatedVouchers.Sum(v => read.TryGetValue(v.VoucherId, out var asRead) ? VoucherKeys.UpdateOperations(asRead, v) : 1);
    }

    /// <summary>The refusal of a bill whose effects cannot be one atomic write (also what explain answers for it).</summary>
    public static DomainException TooLarge(Bill bill, string what) =>
        new(ErrorCodes.BillTooLarge, $"Bill '{bill.BillId}' would need {what}; one atomic write holds at most {EntityGroupTransaction.MaxOperations} operations and {EntityGroupTransaction.MaxPayloadBytes} bytes. Nothing was applied; split the bill.");
}
