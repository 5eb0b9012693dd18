using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage.Tests.Support;

/// <summary>
/// The minimal use of the bill ledger port, for storage tests (the app applies bills through
/// Billing/BillGroupProcessor, which also checks the payer and groups bills). Applies one bill end to end: read the partner's settings, query the payer's candidate vouchers, run
/// the engine, commit atomically; on a lost race re-read and re-run (bounded, jittered). A fresh bill
/// costs three storage calls: settings point read, candidate query (one page unless the payer has
/// over 1,000 live vouchers), one entity-group transaction. A duplicate is detected by the transaction
/// itself (its marker insert fails) plus one point read of the stored outcome.
/// </summary>
public sealed class BillDeduction(IPartnerSettingsStore settings, IBillLedger ledger, TimeProvider time, OptimisticRetry? retry = null)
{
    private readonly OptimisticRetry _retry = retry ?? OptimisticRetry.Default;

    public async Task<BillCommitResult> ApplyAsync(Bill bill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        bill.Validate();
        var (partnerSettings, _) = await settings.GetAsync(bill.PartnerId, cancellationToken);
        return await _retry.RunAsync(
            async ct =>
            {
                var candidates = await ledger.FindCandidatesAsync(bill, ct);
                var now = time.GetUtcNow();
                var result = DeductionEngine.Deduct(bill, candidates.Select(c => c.Value).ToArray(), partnerSettings, now);
                return await ledger.CommitAsync(bill, candidates, result, BillOutcome.From(bill, result, now), ct);
            },
            cancellationToken);
    }
}
