namespace VoucherFunctions.Domain.Scopes;

/// <summary>
/// The vendor's product blocklist, kept by the channel manager. Vouchers never read it live: when a
/// voucher takes effect (approval for partner vouchers, issuance for customer and Type I vouchers)
/// the current list is copied onto it (<see cref="Freeze"/>), so later edits do not change it.
/// </summary>
public sealed record VendorProductBlocklist(ProductSet Products, DateTimeOffset UpdatedAt)
{
    public static VendorProductBlocklist Empty { get; } = new(ProductSet.Empty, DateTimeOffset.MinValue);

    public VendorProductBlocklist Add(string productCode, DateTimeOffset now) => new(Products.With(productCode), now.ToUniversalTime());

    public VendorProductBlocklist Remove(string productCode, DateTimeOffset now) => new(Products.Without(productCode), now.ToUniversalTime());

    /// <summary>The snapshot stored on a voucher when it takes effect.</summary>
    public ProductSet Freeze() => Products;
}
