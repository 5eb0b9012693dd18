namespace VoucherFunctions.Domain.Tests.Support;

using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;

/// <summary>Ready-made domain objects with sensible defaults; tests override only what they are about.</summary>
internal static class TestData
{
    public const string PartnerId = "partner-1";
    public const string CustomerUin = "100001";

    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2025-03-03T09:00:00Z"); // a Monday

    public static TemplateContent PartnerTemplateContent(string amount = "100") =>
        new("Trial CVM", "for trials", VoucherPurpose.ProductTrial, TestMoney.Usd(amount), ProductScope.AllProducts, PaymentModeScope.All, Validity.DaysFromEffect(30));

    public static TemplateContent CustomerTemplateContent(string amount = "50") =>
        new("Discount", null, VoucherPurpose.CustomerDiscount, TestMoney.Usd(amount), ProductScope.AllowList("cvm"), PaymentModeScope.All, Validity.DaysFromEffect(30));

    public static VoucherTemplate PartnerTemplate(string id = "tpl-p") =>
        VoucherTemplate.Create(id, PartnerId, TemplateFamily.PartnerVoucher, PartnerTemplateContent(), T0);

    public static VoucherTemplate CustomerTemplate(string id = "tpl-c") =>
        VoucherTemplate.Create(id, PartnerId, TemplateFamily.CustomerVoucher, CustomerTemplateContent(), T0);

    public static Customer Customer(string uin = CustomerUin, GroupModeRole role = GroupModeRole.None, bool organizationMode = false, string partnerId = PartnerId) =>
        new(uin, partnerId, $"Customer {uin}", role, organizationMode);

    /// <summary>An active voucher of any type, built directly (as storage would rehydrate it).</summary>
    public static Voucher Voucher(
        string id,
        VoucherType type = VoucherType.TypeIII,
        VoucherPurpose? purpose = null,
        string amount = "100",
        string? balance = null,
        DateTimeOffset? effectiveFrom = null,
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? issuedAt = null,
        string partnerId = PartnerId,
        string? customerUin = CustomerUin,
        ProductScope? productScope = null,
        PaymentModeScope paymentModeScope = PaymentModeScope.All,
        ProductSet? blocklist = null,
        VoucherStatus status = VoucherStatus.Active,
        Currency? currency = null,
        string? associatedVoucherId = null)
    {
        var cur = currency ?? Currency.USD;
        var face = Money.Parse(amount, cur);
        var from = effectiveFrom ?? T0;
        return new Voucher
        {
            VoucherId = id,
            PartnerId = partnerId,
            Type = type,
            Purpose = purpose ?? (type switch
            {
                VoucherType.TypeI => VoucherPurpose.General,
                VoucherType.TypeII => VoucherPurpose.ProductTrial,
                _ => VoucherPurpose.CustomerDiscount,
            }),
            FundingParty = type == VoucherType.TypeIII ? FundingParty.Partner : FundingParty.Vendor,
            CustomerUin = type == VoucherType.TypeI ? null : customerUin,
            AssociatedVoucherId = associatedVoucherId,
            Name = id,
            Amount = face,
            Balance = balance is null ? face : Money.Parse(balance, cur),
            WithdrawnAmount = Money.Zero(cur),
            ProductScope = productScope ?? ProductScope.AllProducts,
            PaymentModeScope = paymentModeScope,
            FrozenBlocklist = blocklist ?? ProductSet.Empty,
            IssuedAt = issuedAt ?? from,
            EffectiveFrom = from,
            ExpiresAt = expiresAt ?? from.AddDays(30),
            Status = status,
            StatusChangedAt = from,
        };
    }
}
