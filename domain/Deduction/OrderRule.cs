namespace VoucherFunctions.Domain.Deduction;

/// <summary>The criteria of <see cref="DeductionOrder"/>, in the spec's order of use: the one that put a voucher before another.</summary>
public enum OrderRule
{
    /// <summary>The partner's switch is on and this is a product-trial voucher (Type II on a partner bill, its Type III on a customer bill) and the other is not.</summary>
    AssociatedFirst,

    /// <summary>It expires earlier.</summary>
    EarlierExpiry,

    /// <summary>It can cover more of what is still payable on the line.</summary>
    CoversMore,

    /// <summary>Its balance is smaller.</summary>
    SmallerBalance,

    /// <summary>It was issued earlier.</summary>
    Older,

    /// <summary>Everything else ties; its id comes first (ordinal).</summary>
    VoucherId,
}
