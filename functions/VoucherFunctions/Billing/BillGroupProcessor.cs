using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;
using VoucherFunctions.Telemetry;

namespace VoucherFunctions.Billing;

/// <summary>The decision on one bill of a group, or the transient failure that kept it from one (the message is then retried).</summary>
public sealed record BillResult(BillDecision? Decision, Exception? Failure)
{
    public static BillResult Of(BillDecision decision) => new(decision, null);

    public static BillResult Failed(Exception failure) => new(null, failure);
}

/// <summary>
/// Applies bills of one partner. A group shares one read of its candidate vouchers: the engine runs over the
/// bills one after the other (each sees the balances the previous ones left), and their effects commit in one
/// entity-group transaction (at most 100 operations; a longer group is split into several). The result is
/// what applying the bills one by one in that order would give. If the transaction meets an already applied
/// bill, the group's bills are applied one by one instead (each then finds its duplicate or applies); a
/// voucher changed since the read re-runs the group on fresh data. Settings are read only when they can
/// change the order (the candidates mix product-trial and other vouchers).
/// </summary>
public sealed partial class BillGroupProcessor(
    IBillBatchLedger ledger,
    IPartnerSettingsStore settingsStore,
    CustomerDirectory customers,
    TimeProvider time,
    OptimisticRetry retry,
    IVendorUsageIndex vendorUsage,
    ILogger<BillGroupProcessor> logger)
{
    public async Task<IReadOnlyList<BillResult>> ProcessAsync(string partnerId, IReadOnlyList<Bill> bills, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bills);
        var results = new BillResult?[bills.Count];
        try
        {
            var payers = await customers.CheckAsync(partnerId, bills.Select(b => b.CustomerUin).ToArray(), cancellationToken);
            var pending = new List<int>();
            var repeats = new List<int>();
            var keys = new HashSet<(PayerKind, string, string)>();
            for (var i = 0; i < bills.Count; i++)
            {
                var bill = bills[i];
                var check = payers[bill.CustomerUin];
                if (check != PayerCheck.Known)
                {
                    results[i] = BillResult.Of(UnknownPayer(bill, check));
                }
                else if (keys.Add((bill.PayerKind, bill.PayerId, bill.BillId)))
                {
                    pending.Add(i);
                }
                else
                {
                    // The same bill id twice in one group: decided after the first, exactly as if it came later.
                    repeats.Add(i);
                }
            }

            await ApplyGroupAsync(partnerId, bills, pending, results, cancellationToken);
            foreach (var i in repeats)
            {
                results[i] = await ApplyOneAsync(bills[i], cancellationToken);
            }
        }
        catch (Exception e) when (IsTransient(e))
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] ??= BillResult.Failed(e);
            }
        }

        return results.Select(r => r!).ToArray();
    }

    /// <summary>
    /// One bill on its own: read its candidates, deduct, commit; a lost race re-reads and re-runs. Private: the
    /// payer check happens in <see cref="ProcessAsync"/>, so every bill enters there (a group of one included).
    /// </summary>
    private async Task<BillResult> ApplyOneAsync(Bill bill, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await retry.RunAsync(
                async ct =>
                {
                    var candidates = await ledger.FindCandidatesAsync(bill, ct);
                    var settings = await SettingsForAsync(bill.PartnerId, [bill], candidates, ct);
                    var now = time.GetUtcNow();
                    var result = DeductionEngine.Deduct(bill, candidates.Select(c => c.Value).ToArray(), settings, now);
                    await NoteVendorUsageAsync(bill.PartnerId, [(bill, result)], ct);
                    return BillDecision.From(await ledger.CommitAsync(bill, candidates, result, BillOutcome.From(bill, result, now), ct));
                },
                cancellationToken);
            return BillResult.Of(decision);
        }
        catch (DomainException e)
        {
            return BillResult.Of(new BillDecision.Rejected(e.Code, e.Message));
        }
        catch (Exception e) when (IsTransient(e))
        {
            return BillResult.Failed(e);
        }
    }

    private async Task ApplyGroupAsync(string partnerId, IReadOnlyList<Bill> bills, List<int> pending, BillResult?[] results, CancellationToken cancellationToken)
    {
        while (pending.Count > 0)
        {
            if (pending.Count == 1)
            {
                results[pending[0]] = await ApplyOneAsync(bills[pending[0]], cancellationToken);
                return;
            }

            var done = await retry.RunAsync(ct => ApplyChunkAsync(partnerId, bills, pending, results, ct), cancellationToken);
            pending.RemoveRange(0, done);
        }
    }

    /// <summary>Deducts the pending bills in order until one transaction is full, commits them, and says how many were decided.</summary>
    private async Task<int> ApplyChunkAsync(string partnerId, IReadOnlyList<Bill> bills, List<int> pending, BillResult?[] results, CancellationToken cancellationToken)
    {
        var group = pending.Select(i => bills[i]).ToArray();
        var candidates = await ledger.FindCandidatesAsync(partnerId, group, cancellationToken);
        var settings = await SettingsForAsync(partnerId, group, candidates, cancellationToken);
        var now = time.GetUtcNow();
        var current = candidates.ToDictionary(c => c.Value.VoucherId, c => c.Value, StringComparer.Ordinal);
        var asRead = candidates.ToDictionary(c => c.Value.VoucherId, StringComparer.Ordinal);
        var changed = new Dictionary<string, Voucher>(StringComparer.Ordinal);
        var chunk = new List<(int Index, BillEffects Effects)>();
        var rejected = new List<(int Index, BillDecision Decision)>();
        // The outbox row holding the group's events (bill.applied, voucher.exhausted) is one operation of the transaction.
        var operations = Storage.Outbox.EventOutbox.OperationsFor(1);
        var examined = 0;
        foreach (var index in pending)
        {
            var bill = bills[index];
            DeductionResult result;
            try
            {
                result = DeductionEngine.Deduct(bill, current.Values, settings, now);
            }
            catch (DomainException e)
            {
                rejected.Add((index, new BillDecision.Rejected(e.Code, e.Message)));
                examined++;
                continue;
            }

            // Each bill adds its marker and usage rows; each changed voucher costs once, by its final state (a
            // voucher a later bill exhausts moves range, which takes more operations than a write in place).
            var tentative = new Dictionary<string, Voucher>(changed, StringComparer.Ordinal);
            foreach (var voucher in result.UpdatedVouchers)
            {
                tentative[voucher.VoucherId] = voucher;
            }

            var cost = 1 + result.Usages.Count;
            if (operations + cost + tentative.Values.Sum(v => VoucherKeys.UpdateOperations(asRead[v.VoucherId], v)) > EntityGroupTransaction.MaxOperations)
            {
                if (chunk.Count == 0)
                {
                    // Too large on its own: the single path refuses it with bill.too_large.
                    results[index] = await ApplyOneAsync(bill, cancellationToken);
                    examined++;
                }

                break;
            }

            operations += cost;
            foreach (var voucher in result.UpdatedVouchers)
            {
                current[voucher.VoucherId] = voucher;
                changed[voucher.VoucherId] = voucher;
            }

            chunk.Add((index, new BillEffects(bill, result, BillOutcome.From(bill, result, now))));
            examined++;
        }

        foreach (var (index, decision) in rejected)
        {
            results[index] = BillResult.Of(decision);
        }

        if (chunk.Count > 0)
        {
            await CommitChunkAsync(partnerId, candidates, changed.Values, chunk, results, cancellationToken);
        }

        return examined;
    }

    private async Task CommitChunkAsync(string partnerId, IReadOnlyList<Versioned<Voucher>> candidates, IReadOnlyCollection<Voucher> changed, List<(int Index, BillEffects Effects)> chunk, BillResult?[] results, CancellationToken cancellationToken)
    {
        BillBatchCommitStatus status;
        await NoteVendorUsageAsync(partnerId, chunk.Select(c => (c.Effects.Bill, c.Effects.Result)), cancellationToken);
        try
        {
            status = await ledger.CommitManyAsync(partnerId, candidates, changed, chunk.Select(c => c.Effects).ToArray(), cancellationToken);
        }
        catch (TransactionRefusedException e)
        {
            // Over the payload limit though within 100 operations, or an outcome too long for one row: apply one by one
            // (the single path rejects a bill that cannot fit with bill.too_large).
            LogGroupRefused(logger, partnerId, chunk.Count, e.Message);
            status = BillBatchCommitStatus.SomeAlreadyApplied;
        }

        if (status == BillBatchCommitStatus.Applied)
        {
            LogGroupApplied(logger, partnerId, chunk.Count);
            foreach (var (index, effects) in chunk)
            {
                results[index] = BillResult.Of(new BillDecision.Applied(effects.Outcome));
            }

            return;
        }

        Activity.Current.Tag(Spans.GroupFellBack, true);
        foreach (var (index, effects) in chunk)
        {
            results[index] = await ApplyOneAsync(effects.Bill, cancellationToken);
        }
    }

    /// <summary>Before a commit: the months in which partner bills use vouchers, for the vendor report (see <see cref="IVendorUsageIndex"/>).</summary>
    private Task NoteVendorUsageAsync(string partnerId, IEnumerable<(Bill Bill, DeductionResult Result)> bills, CancellationToken cancellationToken) =>
        vendorUsage.NoteAsync(partnerId, bills.Where(b => b.Bill.PayerKind == PayerKind.Partner && b.Result.Usages.Count > 0).Select(b => b.Bill.BillTime), cancellationToken);

    /// <summary>The partner's settings only when the switch can matter: among the candidates, product-trial vouchers and others for the same payer kind.</summary>
    private async Task<PartnerSettings> SettingsForAsync(string partnerId, IReadOnlyCollection<Bill> bills, IReadOnlyList<Versioned<Voucher>> candidates, CancellationToken cancellationToken)
    {
        var matters = bills.Select(b => b.PayerKind).Distinct().Any(kind =>
            candidates.Any(c => Eligibility.IsAssociatedTrial(c.Value, kind)) && candidates.Any(c => !Eligibility.IsAssociatedTrial(c.Value, kind)));
        return matters ? (await settingsStore.GetAsync(partnerId, cancellationToken)).Settings : PartnerSettings.Default(partnerId);
    }

    private static BillDecision UnknownPayer(Bill bill, PayerCheck check) => check == PayerCheck.UnknownPartner
        ? new BillDecision.Rejected(BillRejectionCodes.UnknownPartner, $"Partner '{bill.PartnerId}' is not known here (it has no customers).")
        : new BillDecision.Rejected(BillRejectionCodes.UnknownCustomer, $"'{bill.CustomerUin}' is not a customer of partner '{bill.PartnerId}'.");

    /// <summary>Failures worth retrying the message for: storage faults and timeouts, and a race still lost after the retries.</summary>
    internal static bool IsTransient(Exception e) => e is RequestFailedException or ConcurrencyConflictException or TimeoutException or TaskCanceledException or HttpRequestException or IOException;

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "{Bills} bills of partner {PartnerId} applied in one transaction")]
    private static partial void LogGroupApplied(ILogger logger, string partnerId, int bills);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "A group of {Bills} bills of partner {PartnerId} did not fit one transaction ({Reason}); applying them one by one")]
    private static partial void LogGroupRefused(ILogger logger, string partnerId, int bills, string reason);
}
