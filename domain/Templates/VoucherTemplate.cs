namespace VoucherFunctions.Domain.Templates;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Text;
using VoucherFunctions.Domain.Vouchers;

/// <summary>
/// A partner's voucher template. Editable until first used (an application submitted or a voucher
/// issued from it); from then on it is locked, because vouchers and applications refer to it and
/// must keep meaning what they meant when created.
/// </summary>
public sealed record VoucherTemplate
{
    public required string TemplateId { get; init; }

    /// <summary>The partner that owns the template.</summary>
    public required string PartnerId { get; init; }

    public required TemplateFamily Family { get; init; }

    public required VoucherPurpose Purpose { get; init; }

    public required string Name { get; init; }

    public string? Note { get; init; }

    /// <summary>Suggested amount; an application or issuance may use a different one in the same currency.</summary>
    public required Money DefaultAmount { get; init; }

    public Currency Currency => DefaultAmount.Currency;

    public required ProductScope ProductScope { get; init; }

    public required PaymentModeScope PaymentModeScope { get; init; }

    public required Validity Validity { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the template was first used; null while it is still editable.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    public bool IsLocked => UsedAt is not null;

    /// <summary>Whether vouchers may still be issued or applied for from this template (legacy product-trial customer templates may not).</summary>
    public bool IsIssuable => Family == TemplateFamily.PartnerVoucher || Purpose == VoucherPurpose.CustomerDiscount;

    public static VoucherTemplate Create(string templateId, string partnerId, TemplateFamily family, TemplateContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        Validate(family, content, now);
        var at = now.ToUniversalTime();
        return new VoucherTemplate
        {
            TemplateId = Ids.Validate(templateId, "template id"),
            PartnerId = Ids.Validate(partnerId, "partner id"),
            Family = family,
            Purpose = content.Purpose,
            Name = TextFields.TemplateName.Required(content.Name),
            Note = TextFields.TemplateNote.Optional(content.Note),
            DefaultAmount = content.DefaultAmount,
            ProductScope = content.ProductScope,
            PaymentModeScope = content.PaymentModeScope,
            Validity = content.Validity,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>Replaces the editable content. Refused with <see cref="ErrorCodes.TemplateLocked"/> once the template has been used.</summary>
    public VoucherTemplate Edit(TemplateContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        Guard.That(!IsLocked, ErrorCodes.TemplateLocked, $"Template '{TemplateId}' has been used (at {UsedAt:O}) and can no longer be edited.");
        Validate(Family, content, now);
        return this with
        {
            Purpose = content.Purpose,
            Name = TextFields.TemplateName.Required(content.Name),
            Note = TextFields.TemplateNote.Optional(content.Note),
            DefaultAmount = content.DefaultAmount,
            ProductScope = content.ProductScope,
            PaymentModeScope = content.PaymentModeScope,
            Validity = content.Validity,
            UpdatedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>Locks the template. Idempotent: the first use time is kept.</summary>
    public VoucherTemplate MarkUsed(DateTimeOffset now) => IsLocked ? this : this with { UsedAt = now.ToUniversalTime() };

    public TemplateContent Content => new(Name, Note, Purpose, DefaultAmount, ProductScope, PaymentModeScope, Validity);

    /// <summary>
    /// The content's rules, on creation and on every edit: texts as <see cref="TextFields"/> says, a positive amount,
    /// and a validity that would still give a voucher issued <paramref name="now"/> some time to be used (an absolute
    /// end in the past is refused here, not only later at issuance).
    /// </summary>
    private static void Validate(TemplateFamily family, TemplateContent content, DateTimeOffset now)
    {
        TextFields.TemplateName.Required(content.Name);
        TextFields.TemplateNote.Optional(content.Note);
        ArgumentNullException.ThrowIfNull(content.DefaultAmount);
        ArgumentNullException.ThrowIfNull(content.ProductScope);
        ArgumentNullException.ThrowIfNull(content.Validity);
        content.Validity.ExpiryFor(now);
        content.DefaultAmount.EnsurePositive("default amount");
        Guard.That(Enum.IsDefined(content.PaymentModeScope), ErrorCodes.TemplateInvalid, "Unknown payment mode scope.");

        // Partner-voucher templates apply for Type II trial vouchers; new customer-voucher templates
        // are for "customer discount" only (product-trial customer vouchers come from an approved Type II).
        var allowed = family switch
        {
            TemplateFamily.PartnerVoucher => content.Purpose == VoucherPurpose.ProductTrial,
            TemplateFamily.CustomerVoucher => content.Purpose == VoucherPurpose.CustomerDiscount,
            _ => false,
        };
        Guard.That(allowed, ErrorCodes.TemplatePurposeNotAllowed, $"Purpose {content.Purpose} is not allowed for a {family} template.");
    }
}
