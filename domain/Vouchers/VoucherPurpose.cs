namespace VoucherFunctions.Domain.Vouchers;

public enum VoucherPurpose
{
    /// <summary>Type I vouchers: general compensation, no specific purpose.</summary>
    General,

    /// <summary>Type II vouchers and the Type III vouchers issued beside them.</summary>
    ProductTrial,

    /// <summary>Type III vouchers a partner issues directly.</summary>
    CustomerDiscount,
}
