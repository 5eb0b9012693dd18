using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Applications;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Applications;

/// <summary>A Type II application: a partner-voucher template, its own customers, an amount and the acknowledgement.</summary>
public sealed record ApplyRequest(
    string? TemplateId,
    [property: Description("1 to 100 of the partner's customer UINs; more than one only for customers in organization mode.")] IReadOnlyList<string>? CustomerUins,
    [property: Amount, Description("Per customer; may differ from the template's default. Defaults to the template amount.")] string? Amount,
    [property: Description("Must be true: the partner acknowledges the trial voucher terms.")] bool? Acknowledged,
    [property: FreeText(nameof(TextFields.ApplyReason))] string? ApplyReason,
    [property: Description("Distributors only: apply for customers of this second-level reseller of yours; their customer vouchers are funded by you.")] string? SecondLevelResellerId = null);

/// <summary>A reviewer's rejection.</summary>
public sealed record RejectRequest([property: FreeText(nameof(TextFields.RejectReason))] string? Reason);

public sealed record ApplicationEventDto(ApplicationEventKind Kind, DateTimeOffset At, string? Actor, string? Detail);

/// <summary>The vouchers an approved application issues to one customer (Type II and its associated Type III).</summary>
public sealed record IssuedVoucherPairDto(string CustomerUin, string PartnerVoucherId, string CustomerVoucherId);

public sealed record ApplicationDto(
    string ApplicationId,
    string PartnerId,
    [property: Description("Set when a distributor applied for a second-level reseller's customers.")] string? SecondLevelResellerId,
    ApplicationStatus Status,
    [property: Description("True once the review SLA (3 business days) passed without a decision.")] bool Overdue,
    string TemplateId,
    IReadOnlyList<string> CustomerUins,
    string Amount,
    string Currency,
    string? ApplyReason,
    string VoucherName,
    ProductScopeDto ProductScope,
    PaymentModeScope PaymentModeScope,
    ValidityDto Validity,
    DateTimeOffset SubmittedAt,
    [property: Description("When the review SLA runs out.")] DateTimeOffset ReviewDueAt,
    DateTimeOffset? OverdueAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? RejectReason,
    [property: Description("Submitted, overdue, decided by whom and when, vouchers issued.")] IReadOnlyList<ApplicationEventDto> Timeline,
    [property: Description("Approved applications: the Type II and Type III voucher ids per customer.")] IReadOnlyList<IssuedVoucherPairDto> Vouchers)
{
    public static ApplicationDto From(VoucherApplication a) => new(
        a.ApplicationId,
        a.PartnerId,
        a.SecondLevelResellerId,
        a.Status,
        a.IsOverdue,
        a.TemplateId,
        a.CustomerUins,
        a.Amount.ToString(),
        a.Amount.Currency.Code,
        a.ApplyReason,
        a.VoucherName,
        ProductScopeDto.From(a.ProductScope),
        a.PaymentModeScope,
        ValidityDto.From(a.Validity),
        a.SubmittedAt,
        a.OverdueDueAt,
        a.OverdueAt,
        a.DecidedAt,
        a.DecidedBy,
        a.RejectReason,
        a.Timeline.Select(e => new ApplicationEventDto(e.Kind, e.At, e.Actor, e.Detail)).ToList(),
        a.Status == ApplicationStatus.Approved
            ? a.CustomerUins.Select(uin => new IssuedVoucherPairDto(uin, VoucherIds.PartnerTrial(a.ApplicationId, uin), VoucherIds.CustomerTrial(a.ApplicationId, uin))).ToList()
            : []);
}

public sealed class ApplicationListQuery
{
    public ApplicationStatus? Status { get; set; }
}
