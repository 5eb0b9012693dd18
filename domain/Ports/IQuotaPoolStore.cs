namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Distribution;

/// <summary>
/// Quota pools. A pool lives in the second-level reseller's books (so issuance takes quota in the same
/// atomic write as the vouchers); the distributor lists its pools through an index.
/// </summary>
public interface IQuotaPoolStore
{
    Task<Versioned<QuotaPool>?> GetAsync(string distributorId, string resellerId, CancellationToken cancellationToken = default);

    /// <summary>Creates the pool; <see cref="ConcurrencyConflictException"/> if it exists.</summary>
    Task<Versioned<QuotaPool>> AddAsync(QuotaPool pool, CancellationToken cancellationToken = default);

    Task<Versioned<QuotaPool>> UpdateAsync(QuotaPool pool, string expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// The pool a second-level reseller holds, whoever its distributor (a reseller sells under one distributor),
    /// or null when it is not registered under any.
    /// </summary>
    Task<Versioned<QuotaPool>?> FindByResellerAsync(string resellerId, CancellationToken cancellationToken = default);

    /// <summary>The distributor's pools, by reseller id.</summary>
    Task<Page<Versioned<QuotaPool>>> ListByDistributorAsync(string distributorId, PageRequest page, CancellationToken cancellationToken = default);
}
