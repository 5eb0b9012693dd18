using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Application.CustomerVouchers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.PartnerVouchers;

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
    [property: FreeText(nameof(TextFields.VoucherName))] string? Name,
    [property: FreeText(nameof(TextFields.VoucherNote))] string? Note,
    [property: Amount] string? Amount,
    string? Currency,
    ProductScopeDto? ProductScope,
    PaymentModeScope? PaymentModeScope,
    ValidityDto? Validity);

/// <summary>What invalidating a Type II voucher did: the voucher, and its customer vouchers with their unused balance withdrawn.</summary>
public sealed record InvalidationDto(VoucherDto PartnerVoucher, IReadOnlyList<VoucherDto> CustomerVouchers);
