using System.Collections.Concurrent;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Approval.Tests;

/// <summary>The real voucher store, except that an insert of a chosen voucher id fails the first time (a transient storage fault).</summary>
public sealed class FlakyVoucherStore(IVoucherStore inner) : IVoucherStore
{
    private readonly ConcurrentDictionary<string, int> _failOnce = new();

    public ConcurrentBag<string> FailedInserts { get; } = [];

    public void FailFirstInsertOf(string voucherId) => _failOnce[voucherId] = 1;

    public Task<Versioned<Voucher>> AddAsync(Voucher voucher, CancellationToken cancellationToken = default)
    {
        if (_failOnce.TryRemove(voucher.VoucherId, out _))
        {
            FailedInserts.Add(voucher.VoucherId);
            throw new IOException($"Injected transient failure inserting {voucher.VoucherId}.");
        }
        return inner.AddAsync(voucher, cancellationToken);
    }

    public Task<Versioned<Voucher>?> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken = default) => inner.GetAsync(partnerId, voucherId, cancellationToken);

    public Task<Versioned<Voucher>> UpdateAsync(Versioned<Voucher> stored, Voucher voucher, CancellationToken cancellationToken = default) => inner.UpdateAsync(stored, voucher, cancellationToken);

    public Task<Page<Versioned<Voucher>>> ListAsync(VoucherQuery query, PageRequest page, CancellationToken cancellationToken = default) => inner.ListAsync(query, page, cancellationToken);

    public Task<IReadOnlyList<CustomerVoucherSummary>> SummarizeByCustomerAsync(string partnerId, IReadOnlyCollection<string> customerUins, VoucherType? type = null, CancellationToken cancellationToken = default) =>
        inner.SummarizeByCustomerAsync(partnerId, customerUins, type, cancellationToken);
}
