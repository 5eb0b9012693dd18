using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.CustomerVouchers;

public sealed record IssueCustomerVouchersRequest(
    string? TemplateId,
    [property: Description("1 to 48 UINs of the caller's own customers.")] IReadOnlyList<string>? CustomerUins,
    [property: Amount, Description("Defaults to the template's default amount; same currency as the template.")] string? Amount,
    [property: FreeText(nameof(TextFields.VoucherNote)), Description("Replaces the template's note on these vouchers.")] string? Note);

public sealed record IssuedVouchersDto(IReadOnlyList<VoucherDto> Vouchers);

/// <summary>A voucher as its partner sees it: balances, scope, validity, status in the internal lifecycle and the vendor's vocabulary, associations.</summary>
public sealed record VoucherDto(
    string VoucherId,
    VoucherType Type,
    VoucherPurpose Purpose,
    string? CustomerUin,
    string? TemplateId,
    string? ApplicationId,
    string? AssociatedVoucherId,
    string Name,
    string? Note,
    string? ApplyReason,
    string Currency,
    string Amount,
    string Balance,
    string UsedAmount,
    string WithdrawnAmount,
    ProductScopeDto ProductScope,
    PaymentModeScope PaymentModeScope,
    IReadOnlyList<string> FrozenBlocklist,
    FundingParty FundingParty,
    string? DistributorId,
    DateTimeOffset IssuedAt,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    [property: Description("The internal lifecycle status now (an active voucher past its expiry reads expired).")] VoucherStatus Status,
    [property: Description("The vendor API's word: Issued/Used/Expired/Invalidated for partner vouchers, Unused/Used/Expired for customer vouchers.")] string VendorStatus)
{
    public static VoucherDto From(Voucher v, DateTimeOffset now) => new(
        v.VoucherId, v.Type, v.Purpose, v.CustomerUin, v.TemplateId, v.ApplicationId, v.AssociatedVoucherId, v.Name, v.Note, v.ApplyReason,
        v.Currency.Code, v.Amount.ToString(), v.Balance.ToString(), v.UsedAmount.ToString(), v.WithdrawnAmount.ToString(),
        ProductScopeDto.From(v.ProductScope), v.PaymentModeScope, v.FrozenBlocklist.Codes, v.FundingParty, v.DistributorId,
        v.IssuedAt, v.EffectiveFrom, v.ExpiresAt, v.StatusAt(now),
        v.Type == VoucherType.TypeIII ? VendorStatusViews.ToCustomerVoucherStatus(v, now).ToString() : VendorStatusViews.ToPartnerVoucherStatus(v, now).ToString());
}

/// <summary>Filters of the customer-voucher list (the spec's: status, purpose, customer, product scope, payment mode, expiry range).</summary>
public sealed class CustomerVoucherListQuery
{
    [Description("Status as seen now: active excludes vouchers past their expiry; expired includes them.")]
    public VoucherStatus? Status { get; set; }

    public VoucherPurpose? Purpose { get; set; }

    public string? CustomerUin { get; set; }

    [Description("Product scope kind.")]
    public ProductScopeKind? ProductScope { get; set; }

    [Description("Vouchers whose payment mode scope admits this mode.")]
    public PaymentMode? PaymentMode { get; set; }

    [Description("Expiring at or after this instant (ISO 8601).")]
    public DateTimeOffset? ExpiresFrom { get; set; }

    [Description("Expiring before this instant (ISO 8601).")]
    public DateTimeOffset? ExpiresBefore { get; set; }
}

public sealed class SummaryQuery
{
    [Description("1 to 20 customer UINs, comma-separated or repeated.")]
    public IReadOnlyList<string>? CustomerUins { get; set; }
}

/// <summary>One customer's customer vouchers in one currency; a customer without any has count 0 and no currency.</summary>
public sealed record CustomerSummaryDto(string CustomerUin, string? Currency, int Count, string Total, string Remaining);

public sealed record SummaryDto(IReadOnlyList<CustomerSummaryDto> Customers);
