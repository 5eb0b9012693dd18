namespace VoucherFunctions.Domain.Scopes;

using VoucherFunctions.Domain.Deduction;

/// <summary>Which payment modes a template or voucher may pay for.</summary>
public enum PaymentModeScope
{
    All,
    Prepaid,
    Postpaid,
}

public static class PaymentModeScopeExtensions
{
    public static bool Admits(this PaymentModeScope scope, PaymentMode mode) => scope switch
    {
        PaymentModeScope.All => mode is PaymentMode.Prepaid or PaymentMode.Postpaid,
        PaymentModeScope.Prepaid => mode == PaymentMode.Prepaid,
        PaymentModeScope.Postpaid => mode == PaymentMode.Postpaid,
        _ => false,
    };
}
