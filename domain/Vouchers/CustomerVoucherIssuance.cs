namespace VoucherFunctions.Domain.Vouchers;

using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Templates;

/// <summary>A newly issued customer voucher, its template (now locked) and, for a second-level reseller, the pool after taking the amount.</summary>
public sealed record CustomerVoucherIssuance(Voucher Voucher, VoucherTemplate Template, QuotaPool? QuotaPool);
