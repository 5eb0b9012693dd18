namespace VoucherFunctions.Domain.Deduction;

using VoucherFunctions.Domain.Ids;

/// <summary>
/// A partner's deduction settings. "Associated partner and customer vouchers deducted first" is on by
/// default; turning it off is allowed, but product-trial vouchers may then go unused (and the
/// customer may end up with an outstanding balance), which the API should say.
/// </summary>
public sealed record PartnerSettings
{
    public required string PartnerId { get; init; }

    public bool AssociatedVouchersDeductedFirst { get; init; } = true;

    public DateTimeOffset? UpdatedAt { get; init; }

    public static PartnerSettings Default(string partnerId) => new() { PartnerId = Ids.Validate(partnerId, "partner id") };

    public PartnerSettings WithAssociatedVouchersDeductedFirst(bool on, DateTimeOffset now) =>
        this with { AssociatedVouchersDeductedFirst = on, UpdatedAt = now.ToUniversalTime() };
}
