namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Scopes;

/// <summary>A product in the vendor catalogue kept by the channel manager.</summary>
public sealed record CatalogProduct(string Code, string Name, string? ParentCode = null);

/// <summary>Vendor-wide data kept by the channel manager: the product catalogue and the product blocklist.</summary>
public interface IVendorCatalogStore
{
    /// <summary>The current blocklist (<see cref="VendorProductBlocklist.Empty"/> and a null version when never saved).</summary>
    Task<(VendorProductBlocklist Blocklist, string? Version)> GetBlocklistAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts when <paramref name="expectedVersion"/> is null, else replaces at that version.</summary>
    Task<Versioned<VendorProductBlocklist>> SaveBlocklistAsync(VendorProductBlocklist blocklist, string? expectedVersion, CancellationToken cancellationToken = default);

    Task<Versioned<CatalogProduct>?> GetProductAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Inserts when <paramref name="expectedVersion"/> is null, else replaces at that version.</summary>
    Task<Versioned<CatalogProduct>> SaveProductAsync(CatalogProduct product, string? expectedVersion, CancellationToken cancellationToken = default);

    Task<Page<Versioned<CatalogProduct>>> ListProductsAsync(PageRequest page, CancellationToken cancellationToken = default);
}
