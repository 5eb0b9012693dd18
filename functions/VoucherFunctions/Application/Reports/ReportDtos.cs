using System.ComponentModel;
using VoucherFunctions.Domain.Reports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Reports;

public sealed class ReportQuery
{
    [Description("Required. The UTC calendar month of the bills' bill time, as YYYY-MM. \"To date\" means up to the end of this month.")]
    public string? Month { get; set; }
}

/// <summary>The partner's reconciliation of one month.</summary>
public sealed record ReconciliationReportDto(
    string PartnerId,
    string Month,
    [property: Description("Every Type II voucher in effect by the month's end, by id.")] IReadOnlyList<TrialReconciliationDto> TrialVouchers,
    [property: Description("The month's usage of every voucher in the books, by funding party, per currency.")] IReadOnlyList<FundingTotalsDto> Totals,
    [property: Description("Distributors only: per second-level reseller, its quota, the trial pairs whose Type III it holds, and its book's totals.")] IReadOnlyList<ResellerReconciliationDto>? SecondLevelResellers);

/// <summary>A Type II voucher and its associated Type III, partner side against customer side.</summary>
public sealed record TrialReconciliationDto(
    string PartnerVoucherId,
    string CustomerUin,
    string Currency,
    string Amount,
    VoucherStatus Status,
    DateTimeOffset ExpiresAt,
    [property: Description("When the Type II was invalidated, if it was.")] DateTimeOffset? InvalidatedAt,
    [property: Description("Used on partner bills (the vendor's offset of the partner) in the month.")] string PartnerUsedThisMonth,
    [property: Description("Used on partner bills up to the month's end.")] string PartnerUsedToDate,
    string? CustomerVoucherId,
    [property: Description("Whose books hold the Type III: the partner, or the second-level reseller it was applied for.")] string? CustomerVoucherBooks,
    [property: Description("Used on customer bills (the partner's offset of its customer) in the month.")] string CustomerUsedThisMonth,
    string CustomerUsedToDate,
    [property: Description("Customer side − partner side, in the month.")] string DifferenceThisMonth,
    [property: Description("Customer side − partner side, to date.")] string DifferenceToDate,
    [property: Description("customerUsedMore, usedAfterInvalidation, usedAfterExpiry.")] IReadOnlyList<ReconciliationFlag> Flags)
{
    public static TrialReconciliationDto From(TrialReconciliation t) => new(
        t.PartnerVoucher.VoucherId,
        t.PartnerVoucher.CustomerUin ?? "",
        t.PartnerVoucher.Currency.Code,
        t.PartnerVoucher.Amount.ToString(),
        t.PartnerVoucher.Status,
        t.PartnerVoucher.ExpiresAt,
        t.PartnerVoucher.Status == VoucherStatus.Invalidated ? t.PartnerVoucher.StatusChangedAt : null,
        t.PartnerUsedThisMonth.ToString(),
        t.PartnerUsedToDate.ToString(),
        t.CustomerVoucher?.VoucherId,
        t.CustomerVoucher?.PartnerId,
        t.CustomerUsedThisMonth.ToString(),
        t.CustomerUsedToDate.ToString(),
        t.DifferenceThisMonth.ToString(),
        t.DifferenceToDate.ToString(),
        t.Flags);
}

/// <summary>The month's usage in one currency by who bears its cost.</summary>
public sealed record FundingTotalsDto(
    string Currency,
    [property: Description("Type I + Type II: the vendor's cost.")] string VendorFunded,
    string VendorTypeI,
    string VendorTypeII,
    [property: Description("The partner's own Type III (customer discounts and product-trial customer vouchers).")] string PartnerFunded,
    [property: Description("Second-level resellers' Type III, borne by their distributor.")] string DistributorFunded)
{
    public static FundingTotalsDto From(FundingTotals t) =>
        new(t.Currency.Code, t.Vendor.ToString(), t.VendorTypeI.ToString(), t.VendorTypeII.ToString(), t.Partner.ToString(), t.Distributor.ToString());
}

public sealed record ResellerReconciliationDto(
    string ResellerId,
    string Currency,
    string QuotaAllocated,
    string QuotaIssued,
    int IssuedCount,
    string QuotaRemaining,
    IReadOnlyList<TrialReconciliationDto> TrialVouchers,
    IReadOnlyList<FundingTotalsDto> Totals)
{
    public static ResellerReconciliationDto From(ResellerReconciliation r) => new(
        r.Quota.ResellerId,
        r.Quota.Total.Currency.Code,
        r.Quota.Total.ToString(),
        r.Quota.Issued.ToString(),
        r.Quota.IssuedCount,
        r.Quota.Remaining.ToString(),
        r.TrialVouchers.Select(TrialReconciliationDto.From).ToArray(),
        r.Totals.Select(FundingTotalsDto.From).ToArray());
}
