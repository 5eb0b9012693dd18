namespace VoucherFunctions.Domain.Deduction;

/// <summary>Why a voucher cannot pay for a bill line: the first failing rule, in the order <see cref="Eligibility.Check(Vouchers.Voucher, Bill, BillLine, Money.Money)"/> checks them.</summary>
public enum Ineligibility
{
    /// <summary>The voucher belongs to another partner.</summary>
    OtherPartner,

    /// <summary>Not a type this payer's bill uses: a customer bill uses Type III; a partner bill Type I and Type II.</summary>
    WrongType,

    /// <summary>The right type, but for another customer (another customer's Type II on a partner bill, or Type III on a customer bill).</summary>
    OtherCustomer,

    CurrencyMismatch,

    Withdrawn,

    Invalidated,

    /// <summary>The bill time is before the voucher took effect.</summary>
    NotYetEffective,

    /// <summary>The bill time is at or after the voucher's expiry.</summary>
    Expired,

    /// <summary>No balance left (before this bill, or used up by earlier lines of it).</summary>
    Exhausted,

    /// <summary>The voucher's product scope does not admit the product.</summary>
    ProductOutOfScope,

    /// <summary>The product is on the vendor blocklist frozen on the voucher.</summary>
    ProductBlocklisted,

    PaymentModeOutOfScope,
}
