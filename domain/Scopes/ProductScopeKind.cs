namespace VoucherFunctions.Domain.Scopes;

public enum ProductScopeKind
{
    /// <summary>Every product (still minus the frozen vendor blocklist).</summary>
    AllProducts,

    /// <summary>Only the listed products ("specified product voucher").</summary>
    AllowList,

    /// <summary>Every product except the listed ones ("specific product blacklist voucher").</summary>
    BlockList,
}
