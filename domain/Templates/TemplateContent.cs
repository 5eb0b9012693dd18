namespace VoucherFunctions.Domain.Templates;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

/// <summary>The editable part of a template: what a create or edit request carries.</summary>
public sealed record TemplateContent(
    string Name,
    string? Note,
    VoucherPurpose Purpose,
    Money DefaultAmount,
    ProductScope ProductScope,
    PaymentModeScope PaymentModeScope,
    Validity Validity);
