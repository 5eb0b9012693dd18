namespace VoucherFunctions.Domain.Vouchers;

/// <summary>Who bears the cost of a voucher.</summary>
public enum FundingParty
{
    Vendor,
    Partner,

    /// <summary>The distributor of a second-level reseller, for customer vouchers of that reseller's customers.</summary>
    Distributor,
}
