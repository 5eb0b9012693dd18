using System.ComponentModel;
using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Templates;

/// <summary>Create: every field; edit: the same without <see cref="Family"/> (a template does not change family).</summary>
public sealed record TemplateRequest(
    TemplateFamily? Family,
    [property: FreeText(nameof(TextFields.TemplateName))] string? Name,
    [property: FreeText(nameof(TextFields.TemplateNote))] string? Note,
    [property: Description("Defaults to productTrial for partner-voucher templates and customerDiscount for customer-voucher templates.")] VoucherPurpose? Purpose,
    [property: Amount] string? DefaultAmount,
    string? Currency,
    ProductScopeDto? ProductScope,
    PaymentModeScope? PaymentModeScope,
    ValidityDto? Validity);

public sealed record TemplateDto(
    string TemplateId,
    TemplateFamily Family,
    VoucherPurpose Purpose,
    string Name,
    string? Note,
    string DefaultAmount,
    string Currency,
    ProductScopeDto ProductScope,
    PaymentModeScope PaymentModeScope,
    ValidityDto Validity,
    bool Locked,
    DateTimeOffset? UsedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TemplateDto From(VoucherTemplate t) => new(
        t.TemplateId, t.Family, t.Purpose, t.Name, t.Note, t.DefaultAmount.ToString(), t.Currency.Code,
        ProductScopeDto.From(t.ProductScope), t.PaymentModeScope, ValidityDto.From(t.Validity), t.IsLocked, t.UsedAt, t.CreatedAt, t.UpdatedAt);
}

/// <summary>Query by condition; every filter optional.</summary>
public sealed class TemplateListQuery
{
    public TemplateFamily? Family { get; set; }

    [Description("Templates whose name starts with this text.")]
    public string? Name { get; set; }

    public VoucherPurpose? Purpose { get; set; }

    [Description("Product scope kind.")]
    public ProductScopeKind? ProductScope { get; set; }

    public PaymentModeScope? PaymentModeScope { get; set; }

    [Description("true: only used (locked) templates; false: only still editable ones.")]
    public bool? Locked { get; set; }

    [Description("Created at or after this instant (ISO 8601).")]
    public DateTimeOffset? CreatedFrom { get; set; }

    [Description("Created before this instant (ISO 8601).")]
    public DateTimeOffset? CreatedBefore { get; set; }
}
