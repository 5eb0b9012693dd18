namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// Vouchers, in the books of <see cref="Voucher.PartnerId"/>. Single-voucher writes are here;
/// writes that must be atomic with others (issuance with template lock and quota, invalidation
/// cascades) go through <see cref="IPartnerCommit"/>; bill deductions through <see cref="IBillLedger"/>.
/// </summary>
public interface IVoucherStore
{
    Task<Versioned<Voucher>?> GetAsync(string partnerId, string voucherId, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new voucher with its <c>voucher.issued</c> (Type II: <c>voucher.activated</c>) event; <see cref="ConcurrencyConflictException"/> if the id is taken.</summary>
    Task<Versioned<Voucher>> AddAsync(Voucher voucher, CancellationToken cancellationToken = default);

    /// <summary>Replaces the voucher read as <paramref name="stored"/> if still at its version, with the events of the change; otherwise <see cref="ConcurrencyConflictException"/>.</summary>
    Task<Versioned<Voucher>> UpdateAsync(Versioned<Voucher> stored, Voucher voucher, CancellationToken cancellationToken = default);

    Task<Page<Versioned<Voucher>>> ListAsync(VoucherQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Count, face value and remaining balance per customer (and currency) for up to 20 customers; <paramref name="type"/> narrows to one voucher type.</summary>
    Task<IReadOnlyList<CustomerVoucherSummary>> SummarizeByCustomerAsync(string partnerId, IReadOnlyCollection<string> customerUins, VoucherType? type = null, CancellationToken cancellationToken = default);
}
