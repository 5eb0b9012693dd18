namespace VoucherFunctions.Domain.Deduction;

/// <summary>Who a bill is addressed to.</summary>
public enum PayerKind
{
    /// <summary>An end customer paying its partner; offset by Type III vouchers.</summary>
    Customer,

    /// <summary>A partner paying the vendor for one customer's consumption; offset by Type II and Type I vouchers.</summary>
    Partner,
}
