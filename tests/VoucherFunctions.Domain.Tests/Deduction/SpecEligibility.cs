namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// The spec's eligibility rule restated independently of the domain's <see cref="Eligibility"/>, as
/// the oracle for property tests (a shared implementation could not catch its own mistakes).
/// </summary>
internal static class SpecEligibility
{
    public static bool IsEligible(Voucher v, Bill bill, BillLine line)
    {
        var forPayer = bill.PayerKind == PayerKind.Customer
            ? v.Type == VoucherType.TypeIII && v.CustomerUin == bill.CustomerUin
            : v.Type == VoucherType.TypeI || (v.Type == VoucherType.TypeII && v.CustomerUin == bill.CustomerUin);
        var codes = new[] { line.ProductCode, line.SubProductCode }.Where(c => c is not null).ToArray();
        var listed = codes.Any(c => v.ProductScope.Products.Codes.Contains(c));
        var inScope = v.ProductScope.Kind switch
        {
            ProductScopeKind.AllProducts => true,
            ProductScopeKind.AllowList => listed,
            _ => !listed,
        };
        var blocked = codes.Any(c => v.FrozenBlocklist.Codes.Contains(c));
        var modeOk = v.PaymentModeScope == PaymentModeScope.All
            || (v.PaymentModeScope == PaymentModeScope.Prepaid && line.PaymentMode == PaymentMode.Prepaid)
            || (v.PaymentModeScope == PaymentModeScope.Postpaid && line.PaymentMode == PaymentMode.Postpaid);

        return v.PartnerId == bill.PartnerId
            && forPayer
            && v.Amount.Currency == bill.Currency
            && v.Status is not (VoucherStatus.Withdrawn or VoucherStatus.Invalidated)
            && v.EffectiveFrom <= bill.BillTime && bill.BillTime < v.ExpiresAt
            && v.Balance.MinorUnits > 0
            && inScope
            && !blocked
            && modeOk;
    }
}
