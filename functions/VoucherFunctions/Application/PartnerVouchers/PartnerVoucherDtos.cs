using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.PartnerVouchers;

/// <summary>
/// A voucher as the partner that holds or issued it sees it: balance, what was used and withdrawn, and the
/// vendor's status word (Issued/Used/Expired/Invalidated for Type I and II; Unused/Used/Expired for Type III).
/// </summary>
public sealed record PartnerVoucherDto(
    string VoucherId,
    VoucherType Type,
    VoucherPurpose Purpose,
    VoucherStatus Status,
    [property: Description("The vendor's vocabulary: Issued, Used, Expired, Invalidated (Type I and II); Unused, Used, Expired (Type III).")] string VendorStatus,
    string? CustomerUin,
    string? ApplicationId,
    [property: Description("Type II: its associated Type III customer voucher.")] string? AssociatedVoucherId,
    string Name,
    string? Note,
    string Amount,
    string Balance,
    string Used,
    string Withdrawn,
    string Currency,
    ProductScopeDto ProductScope,
    PaymentModeScope PaymentModeScope,
    [property: Description("The vendor blocklist frozen when the voucher took effect.")] IReadOnlyList<string> FrozenBlocklist,
    DateTimeOffset IssuedAt,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ExpiresAt,
    DateTimeOffset StatusChangedAt)
{
    public static PartnerVoucherDto From(Voucher v, DateTimeOffset now) => new(
        v.VoucherId, v.Type, v.Purpose, v.StatusAt(now), VendorStatusOf(v, now), v.CustomerUin, v.ApplicationId, v.AssociatedVoucherId,
        v.Name, v.Note, v.Amount.ToString(), v.Balance.ToString(), v.UsedAmount.ToString(), v.WithdrawnAmount.ToString(), v.Currency.Code,
        ProductScopeDto.From(v.ProductScope), v.PaymentModeScope, v.FrozenBlocklist.Codes, v.IssuedAt, v.EffectiveFrom, v.ExpiresAt, v.StatusChangedAt);

    private static string VendorStatusOf(Voucher v, DateTimeOffset now) => v.Type == VoucherType.TypeIII
        ? VendorStatusViews.ToCustomerVoucherStatus(v, now).ToString()
        : VendorStatusViews.ToPartnerVoucherStatus(v, now).ToString();
}

/// <summary>Filters of the partner-voucher list; every one optional.</summary>
public sealed class PartnerVoucherListQuery
{
    [Description("typeI (general) or typeII (trial); both when absent.")]
    public VoucherType? Type { get; set; }

    public VoucherStatus? Status { get; set; }

    public string? CustomerUin { get; set; }

    public string? ApplicationId { get; set; }

    [Description("Vouchers usable for this payment mode.")]
    public PaymentMode? PaymentMode { get; set; }

    public ProductScopeKind? ProductScope { get; set; }

    [Description("Expiring at or after this instant (ISO 8601).")]
    public DateTimeOffset? ExpiresFrom { get; set; }

    [Description("Expiring before this instant (ISO 8601).")]
    public DateTimeOffset? ExpiresBefore { get; set; }
}

/// <summary>A channel manager's grant of a Type I general voucher to a partner.</summary>
public sealed record GrantGeneralVoucherRequest(
    string? Name,
    string? Note,
    [property: Amount] string? Amount,
    string? Currency,
    ProductScopeDto? ProductScope,
    PaymentModeScope? PaymentModeScope,
    ValidityDto? Validity);

/// <summary>What invalidating a partner voucher did: the voucher, and for a Type II its customer vouchers with their unused balance withdrawn.</summary>
public sealed record InvalidationDto(PartnerVoucherDto PartnerVoucher, IReadOnlyList<PartnerVoucherDto> CustomerVouchers);
