using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.CustomerPortal;

/// <summary>A customer's own voucher, without what its partner keeps private (purpose, apply reason, associated voucher, template, funding).</summary>
public sealed record MyVoucherDto(
    string VoucherId,
    string Name,
    string Currency,
    string Amount,
    string Balance,
    string UsedAmount,
    ProductScopeDto ProductScope,
    PaymentModeScope PaymentModeScope,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    [property: Description("Unused, Used or Expired (the vendor's customer vocabulary; a withdrawn voucher reads Expired).")] string Status)
{
    public static MyVoucherDto From(Voucher v, DateTimeOffset now) => new(
        v.VoucherId, v.Name, v.Currency.Code, v.Amount.ToString(), v.Balance.ToString(), v.UsedAmount.ToString(),
        ProductScopeDto.From(v.ProductScope), v.PaymentModeScope, v.EffectiveFrom, v.ExpiresAt, VendorStatusViews.ToCustomerVoucherStatus(v, now).ToString());
}

/// <summary>A customer's own usage row (no payer or partner fields).</summary>
public sealed record MyUsageDto(string VoucherId, string BillId, string LineId, string ProductCode, string? SubProductCode, Domain.Deduction.PaymentMode PaymentMode, string Amount, string Currency, DateTimeOffset BillTime)
{
    public static MyUsageDto From(Usage.UsageDto u) => new(u.VoucherId, u.BillId, u.LineId, u.ProductCode, u.SubProductCode, u.PaymentMode, u.Amount, u.Currency, u.BillTime);
}
