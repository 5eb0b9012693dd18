namespace VoucherFunctions.Domain.Deduction;

/// <summary>Why a voucher cannot pay for a bill line (the first failing rule, in the order checked).</summary>
public enum Ineligibility
{
    /// <summary>The voucher belongs to another partner.</summary>
    OtherPartner,

    /// <summary>Wrong voucher type or customer for this payer (customer bill: Type III of that customer; partner bill: Type II of that customer or Type I).</summary>
    NotForThisPayer,

    CurrencyMismatch,

    /// <summary>Withdrawn or invalidated.</summary>
    Ended,

    /// <summary>The bill time is before the voucher took effect.</summary>
    NotYetEffective,

    /// <summary>The bill time is at or after the voucher's expiry.</summary>
    Expired,

    NoBalance,

    /// <summary>The voucher's product scope does not admit the product.</summary>
    ProductOutOfScope,

    /// <summary>The product is on the vendor blocklist frozen on the voucher.</summary>
    ProductBlocklisted,

    PaymentModeOutOfScope,
}
