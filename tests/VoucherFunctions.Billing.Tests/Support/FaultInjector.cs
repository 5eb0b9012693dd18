using Azure;
using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;

namespace VoucherFunctions.Billing.Tests.Support;

/// <summary>
/// A fault injector at the ledger port: wraps the real ledger and makes the next commit (single or multi-bill)
/// fail with a storage 503, either before anything is written or after the real write (a lost response).
/// </summary>
public sealed class FaultInjector(bool afterWrite)
{
    private int _armed = 1;

    private bool AfterWrite { get; } = afterWrite;

    public void Install(IServiceCollection services) =>
        services.AddSingleton<IBillBatchLedger>(sp => new Ledger(ActivatorUtilities.CreateInstance<TableBillLedger>(sp), this));

    private bool Fire() => Interlocked.Exchange(ref _armed, 0) == 1;

    private static RequestFailedException Fault() => new(503, "Injected: the server is busy.");

    private sealed class Ledger(TableBillLedger inner, FaultInjector injector) : IBillBatchLedger
    {
        public Task<BillOutcome?> GetOutcomeAsync(string partnerId, PayerKind payerKind, string payerId, string billId, CancellationToken cancellationToken = default) =>
            inner.GetOutcomeAsync(partnerId, payerKind, payerId, billId, cancellationToken);

        public Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(Bill bill, CancellationToken cancellationToken = default) =>
            inner.FindCandidatesAsync(bill, cancellationToken);

        public Task<IReadOnlyList<Versioned<Voucher>>> FindPayerVouchersAsync(Bill bill, CancellationToken cancellationToken = default) =>
            inner.FindPayerVouchersAsync(bill, cancellationToken);

        public Task<IReadOnlyList<Versioned<Voucher>>> FindCandidatesAsync(string partnerId, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken = default) =>
            inner.FindCandidatesAsync(partnerId, bills, cancellationToken);

        public async Task<BillCommitResult> CommitAsync(Bill bill, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, DeductionResult result, BillOutcome outcome, CancellationToken cancellationToken = default)
        {
            var fire = injector.Fire();
            if (fire && !injector.AfterWrite)
            {
                throw Fault();
            }

            var committed = await inner.CommitAsync(bill, candidatesAsRead, result, outcome, cancellationToken);
            return fire ? throw Fault() : committed;
        }

        public async Task<BillBatchCommitStatus> CommitManyAsync(string partnerId, IReadOnlyCollection<Versioned<Voucher>> candidatesAsRead, IReadOnlyCollection<Voucher> changedVouchers, IReadOnlyList<BillEffects> bills, CancellationToken cancellationToken = default)
        {
            var fire = injector.Fire();
            if (fire && !injector.AfterWrite)
            {
                throw Fault();
            }

            var committed = await inner.CommitManyAsync(partnerId, candidatesAsRead, changedVouchers, bills, cancellationToken);
            return fire ? throw Fault() : committed;
        }
    }
}
