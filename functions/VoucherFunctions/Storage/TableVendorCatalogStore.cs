using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Vendor-wide rows in partition "sys|vendor" (small, read-mostly).</summary>
public sealed class TableVendorCatalogStore(LedgerTable table) : IVendorCatalogStore
{
    public async Task<(VendorProductBlocklist Blocklist, string? Version)> GetBlocklistAsync(CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.VendorPartition, Keys.BlocklistRow, cancellationToken);
        return row is null ? (VendorProductBlocklist.Empty, null) : (VendorRows.Blocklist(row), row.ETag.ToString());
    }

    public async Task<Versioned<VendorProductBlocklist>> SaveBlocklistAsync(VendorProductBlocklist blocklist, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocklist);
        return new(blocklist, await table.SaveAsync(VendorRows.BlocklistEntity(blocklist), expectedVersion, cancellationToken));
    }

    public async Task<Versioned<CatalogProduct>?> GetProductAsync(string code, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.VendorPartition, Keys.Product(code), cancellationToken);
        return row is null ? null : new(VendorRows.Product(row), row.ETag.ToString());
    }

    public async Task<Versioned<CatalogProduct>> SaveProductAsync(CatalogProduct product, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product, await table.SaveAsync(VendorRows.ProductEntity(product), expectedVersion, cancellationToken));
    }

    public Task<Page<Versioned<CatalogProduct>>> ListProductsAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        PagedQuery.ReadAsync(table, Filters.PrefixInPartition(Keys.VendorPartition, Keys.ProductPrefix), page, row => new Versioned<CatalogProduct>(VendorRows.Product(row), row.ETag.ToString()), cancellationToken);
}
