namespace VoucherFunctions.Domain.Vouchers;

public enum PartnerTier
{
    /// <summary>A first-level reseller.</summary>
    Reseller,

    /// <summary>A first-level distributor (has second-level resellers under it).</summary>
    Distributor,

    /// <summary>Sells under a distributor; its customer vouchers are funded by the distributor and limited by a quota pool.</summary>
    SecondLevelReseller,
}
