using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.TestSupport;

/// <summary>
/// Active vouchers as the stores hold them, for the storage and billing tests; a test names only what it is about.
/// Times carry sub-millisecond ticks on purpose, to prove they round-trip exactly.
/// </summary>
public static class TestVouchers
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 10, 8, 30, 0, TimeSpan.Zero).AddTicks(1234567);

    public static Money Usd(long minorUnits) => Money.FromMinorUnits(minorUnits, Currency.USD);

    /// <summary>
    /// A voucher of <paramref name="amount"/> minor units, untouched, issued and effective at <paramref name="issued"/> (default T0),
    /// expiring at <paramref name="expires"/> (default T0 + 30 days); purpose and funding party follow the type unless given.
    /// </summary>
    public static Voucher Voucher(
        string partnerId,
        string voucherId,
        VoucherType type = VoucherType.TypeIII,
        string? uin = "c1",
        long amount = 100_00000000,
        DateTimeOffset? expires = null,
        VoucherPurpose? purpose = null,
        ProductSet? blocklist = null,
        ProductScope? scope = null,
        DateTimeOffset? issued = null,
        FundingParty? funding = null,
        string? name = null,
        string? templateId = "tmpl-1") => new()
    {
        VoucherId = voucherId,
        PartnerId = partnerId,
        Type = type,
        Purpose = purpose ?? (type switch { VoucherType.TypeI => VoucherPurpose.General, VoucherType.TypeII => VoucherPurpose.ProductTrial, _ => VoucherPurpose.CustomerDiscount }),
        FundingParty = funding ?? (type == VoucherType.TypeIII ? FundingParty.Partner : FundingParty.Vendor),
        CustomerUin = type == VoucherType.TypeI ? null : uin,
        TemplateId = templateId,
        Name = name ?? "Voucher " + voucherId,
        Amount = Usd(amount),
        Balance = Usd(amount),
        WithdrawnAmount = Usd(0),
        ProductScope = scope ?? ProductScope.AllProducts,
        PaymentModeScope = PaymentModeScope.All,
        FrozenBlocklist = blocklist ?? ProductSet.Empty,
        IssuedAt = issued ?? T0,
        EffectiveFrom = issued ?? T0,
        ExpiresAt = expires ?? T0.AddDays(30),
        Status = VoucherStatus.Active,
        StatusChangedAt = issued ?? T0,
    };
}
