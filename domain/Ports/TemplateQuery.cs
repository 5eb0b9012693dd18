namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;

/// <summary>Filter for listing one partner's templates. Null fields mean "any"; the created range is half-open.</summary>
public sealed record TemplateQuery
{
    public TemplateQuery(string partnerId) => PartnerId = Ids.Validate(partnerId, "partner id");

    public string PartnerId { get; }

    public TemplateFamily? Family { get; init; }

    /// <summary>Names starting with this text (case-sensitive, ordinal).</summary>
    public string? NamePrefix { get; init; }

    public VoucherPurpose? Purpose { get; init; }

    public ProductScopeKind? ProductScopeKind { get; init; }

    public PaymentModeScope? PaymentModeScope { get; init; }

    /// <summary>True: only locked (used) templates; false: only still-editable ones.</summary>
    public bool? Locked { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedBefore { get; init; }
}
