using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>
/// Pools in the reseller's partition ("quota|{distributorId}"), indexed in the distributor's partition
/// ("quotaidx|{resellerId}"). The index row is written first and holds only the pointer, so a crash
/// between the two writes leaves at most an index row without a pool, which listing skips.
/// </summary>
public sealed class TableQuotaPoolStore(LedgerTable table) : IQuotaPoolStore
{
    public async Task<Versioned<QuotaPool>?> GetAsync(string distributorId, string resellerId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(resellerId), Keys.Quota(distributorId), cancellationToken);
        return row is null ? null : QuotaPoolRows.Versioned(row);
    }

    public async Task<Versioned<QuotaPool>?> FindByResellerAsync(string resellerId, CancellationToken cancellationToken = default)
    {
        var rows = await PagedQuery.ReadAsync(table, Filters.PrefixInPartition(Keys.Partner(resellerId), Keys.QuotaPrefix), PageRequest.First(1), QuotaPoolRows.Versioned, cancellationToken);
        return rows.Items.FirstOrDefault();
    }

    public async Task<Versioned<QuotaPool>> AddAsync(QuotaPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await table.UpsertIndexRowAsync(QuotaPoolRows.IndexEntity(pool.DistributorId, pool.ResellerId), cancellationToken);
        return new(pool, await table.AddAsync(QuotaPoolRows.ToEntity(pool), cancellationToken));
    }

    public async Task<Versioned<QuotaPool>> UpdateAsync(QuotaPool pool, string expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new(pool, await table.ReplaceAsync(QuotaPoolRows.ToEntity(pool), expectedVersion, cancellationToken));
    }

    public async Task<Page<Versioned<QuotaPool>>> ListByDistributorAsync(string distributorId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var index = await PagedQuery.ReadAsync(
            table,
            Filters.PrefixInPartition(Keys.Partner(distributorId), Keys.QuotaIndexPrefix),
            page,
            row => row.GetString("ResellerId")!,
            cancellationToken);
        var pools = await Task.WhenAll(index.Items.Select(reseller => GetAsync(distributorId, reseller, cancellationToken)));
        return new Page<Versioned<QuotaPool>>(pools.OfType<Versioned<QuotaPool>>().ToArray(), index.ContinuationToken);
    }
}
