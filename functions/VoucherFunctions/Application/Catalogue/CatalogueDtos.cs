using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Text;

namespace VoucherFunctions.Application.Catalogue;

public sealed record SaveProductRequest([property: FreeText(nameof(TextFields.ProductName))] string? Name, string? ParentCode);

public sealed record ProductDto(string Code, string Name, string? ParentCode)
{
    public static ProductDto From(CatalogProduct product) => new(product.Code, product.Name, product.ParentCode);
}

public sealed record SaveBlocklistRequest(IReadOnlyList<string>? Products);

public sealed record BlocklistDto(IReadOnlyList<string> Products, DateTimeOffset? UpdatedAt);
