using Microsoft.Extensions.Logging;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;

namespace VoucherFunctions.Application.Catalogue;

/// <summary>The vendor's product catalogue and product blocklist: the channel manager edits, everyone reads.</summary>
public sealed partial class CatalogueService(IVendorCatalogStore catalog, TimeProvider clock, ILogger<CatalogueService> logger)
{
    public async Task<ProductDto> SaveProductAsync(string code, SaveProductRequest request, string principalId, CancellationToken cancellationToken)
    {
        Require.Valid(() => Domain.Ids.Ids.Validate(code, "product code"), "code");
        var name = Require.Valid(() => Domain.Text.TextFields.ProductName.Required(Require.Text(request.Name, "name")), "name");

        if (request.ParentCode is not null)
        {
            Require.Valid(() => Domain.Ids.Ids.Validate(request.ParentCode, "parent product code"), "parentCode");
        }

        var existing = await catalog.GetProductAsync(code, cancellationToken);
        var saved = await catalog.SaveProductAsync(new CatalogProduct(code, name, request.ParentCode), existing?.Version, cancellationToken);
        LogProductSaved(logger, code, principalId);
        return ProductDto.From(saved.Value);
    }

    public async Task<ProductDto> GetProductAsync(string code, CancellationToken cancellationToken) =>
        ProductDto.From((await Require.Found(code, () => catalog.GetProductAsync(code, cancellationToken), "product")).Value);

    public async Task<PageDto<ProductDto>> ListProductsAsync(PageRequest page, CancellationToken cancellationToken) =>
        (await catalog.ListProductsAsync(page, cancellationToken)).Map(p => ProductDto.From(p.Value));

    public async Task<BlocklistDto> GetBlocklistAsync(CancellationToken cancellationToken)
    {
        var (blocklist, version) = await catalog.GetBlocklistAsync(cancellationToken);
        return new BlocklistDto(blocklist.Products.Codes, version is null ? null : blocklist.UpdatedAt);
    }

    /// <summary>Replaces the whole blocklist. Vouchers already in effect keep the list frozen on them.</summary>
    public async Task<BlocklistDto> SaveBlocklistAsync(SaveBlocklistRequest request, string principalId, CancellationToken cancellationToken)
    {
        var products = Require.Valid(() => ProductSet.Of(Require.Field(request.Products, "products")), "products");
        var (_, version) = await catalog.GetBlocklistAsync(cancellationToken);
        var saved = await catalog.SaveBlocklistAsync(new VendorProductBlocklist(products, clock.GetUtcNow()), version, cancellationToken);
        LogBlocklistSaved(logger, products.Count, principalId);
        return new BlocklistDto(saved.Value.Products.Codes, saved.Value.UpdatedAt);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Catalogue product {ProductCode} saved by {PrincipalId}")]
    private static partial void LogProductSaved(ILogger logger, string productCode, string principalId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Vendor product blocklist replaced ({ProductCount} products) by {PrincipalId}")]
    private static partial void LogBlocklistSaved(ILogger logger, int productCount, string principalId);
}
