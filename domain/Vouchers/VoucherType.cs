namespace VoucherFunctions.Domain.Vouchers;

public enum VoucherType
{
    /// <summary>Partner general voucher: offsets the partner's bill for any of its customers; vendor-funded; granted by a channel manager.</summary>
    TypeI = 1,

    /// <summary>Partner trial voucher: offsets the partner's bill for one named customer; vendor-funded; applied for and approved.</summary>
    TypeII = 2,

    /// <summary>Customer voucher: offsets the end customer's bill to its partner; funded by the partner (or its distributor).</summary>
    TypeIII = 3,
}
