namespace VoucherFunctions.Domain.Scopes;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// Which products a template or voucher may pay for.
/// Matching rule (the spec is silent on sub-products): a listed code matches a bill line when it
/// equals the line's product code or its sub-product code. So listing "cvm" admits every CVM
/// sub-product, while listing only the sub-product "cvm-gpu" admits just that sub-product; in a
/// block-list the same rule blocks the whole product or just the sub-product.
/// </summary>
public sealed record ProductScope
{
    private ProductScope(ProductScopeKind kind, ProductSet products)
    {
        Kind = kind;
        Products = products;
    }

    public ProductScopeKind Kind { get; }

    /// <summary>The listed products; empty for <see cref="ProductScopeKind.AllProducts"/>.</summary>
    public ProductSet Products { get; }

    public static ProductScope AllProducts { get; } = new(ProductScopeKind.AllProducts, ProductSet.Empty);

    public static ProductScope AllowList(IEnumerable<string> products) => Create(ProductScopeKind.AllowList, ProductSet.Of(products));

    public static ProductScope AllowList(params string[] products) => AllowList((IEnumerable<string>)products);

    public static ProductScope BlockList(IEnumerable<string> products) => Create(ProductScopeKind.BlockList, ProductSet.Of(products));

    public static ProductScope BlockList(params string[] products) => BlockList((IEnumerable<string>)products);

    /// <summary>Rehydrates a scope (e.g. from storage), applying the same validation as the factories.</summary>
    public static ProductScope Create(ProductScopeKind kind, ProductSet products)
    {
        ArgumentNullException.ThrowIfNull(products);
        return kind switch
        {
            ProductScopeKind.AllProducts when products.Count == 0 => AllProducts,
            ProductScopeKind.AllProducts => throw Guard.Fail(ErrorCodes.ProductScopeInvalid, "An all-products scope cannot list products."),
            ProductScopeKind.AllowList or ProductScopeKind.BlockList when products.Count == 0 =>
                throw Guard.Fail(ErrorCodes.ProductScopeInvalid, "An allow-list or block-list scope needs at least one product."),
            ProductScopeKind.AllowList or ProductScopeKind.BlockList => new ProductScope(kind, products),
            _ => throw Guard.Fail(ErrorCodes.ProductScopeInvalid, $"Unknown product scope kind {kind}."),
        };
    }

    /// <summary>Whether the scope alone admits the product (the frozen blocklist is checked separately).</summary>
    public bool Admits(ProductRef product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return Kind switch
        {
            ProductScopeKind.AllProducts => true,
            ProductScopeKind.AllowList => Products.Matches(product),
            ProductScopeKind.BlockList => !Products.Matches(product),
            _ => false,
        };
    }

    public override string ToString() => Kind == ProductScopeKind.AllProducts ? "AllProducts" : $"{Kind}{Products}";
}
