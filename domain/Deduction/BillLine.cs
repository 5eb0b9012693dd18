namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;

/// <summary>One line of a bill: what was consumed, how it is paid, and how much.</summary>
public sealed record BillLine(string LineId, string ProductCode, string? SubProductCode, PaymentMode PaymentMode, Money Amount)
{
    public ProductRef Product => new(ProductCode, SubProductCode);
}
