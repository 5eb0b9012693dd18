using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Storage.Tests.Support;

/// <summary>Test data. Times carry sub-millisecond ticks on purpose, to prove they round-trip exactly.</summary>
public static class Make
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 10, 8, 30, 0, TimeSpan.Zero).AddTicks(1234567);

    public static Money Usd(long minorUnits) => Money.FromMinorUnits(minorUnits, Currency.USD);

    public static Voucher Voucher(string partnerId, string voucherId, VoucherType type = VoucherType.TypeIII, string? uin = "c1", long amount = 100_00000000, VoucherPurpose? purpose = null) => new()
    {
        VoucherId = voucherId,
        PartnerId = partnerId,
        Type = type,
        Purpose = purpose ?? (type switch { VoucherType.TypeI => VoucherPurpose.General, VoucherType.TypeII => VoucherPurpose.ProductTrial, _ => VoucherPurpose.CustomerDiscount }),
        FundingParty = type == VoucherType.TypeIII ? FundingParty.Partner : FundingParty.Vendor,
        CustomerUin = type == VoucherType.TypeI ? null : uin,
        TemplateId = "tmpl-1",
        Name = "Voucher " + voucherId,
        Amount = Usd(amount),
        Balance = Usd(amount),
        WithdrawnAmount = Usd(0),
        ProductScope = ProductScope.AllProducts,
        PaymentModeScope = PaymentModeScope.All,
        FrozenBlocklist = ProductSet.Empty,
        IssuedAt = T0,
        EffectiveFrom = T0,
        ExpiresAt = T0.AddDays(30),
        Status = VoucherStatus.Active,
        StatusChangedAt = T0,
    };

    public static Bill Bill(string partnerId, string billId, string uin, long amount, PayerKind payer = PayerKind.Customer, string lineId = "l1", DateTimeOffset? at = null) =>
        Domain.Deduction.Bill.Create(billId, partnerId, payer, uin, Currency.USD, at ?? T0.AddDays(1), [new BillLine(lineId, "cvm", null, PaymentMode.Postpaid, Usd(amount))]);

    public static VoucherTemplate Template(string partnerId, string templateId, string name = "Spring promo", TemplateFamily family = TemplateFamily.CustomerVoucher) =>
        VoucherTemplate.Create(
            templateId,
            partnerId,
            family,
            new TemplateContent(name, "note", family == TemplateFamily.CustomerVoucher ? VoucherPurpose.CustomerDiscount : VoucherPurpose.ProductTrial, Usd(50_00000000), ProductScope.AllowList("cvm", "cbs"), PaymentModeScope.Prepaid, Validity.DaysFromEffect(30)),
            T0);

    public static Customer Customer(string partnerId, string uin, bool organization = false) => new(uin, partnerId, $"Customer {uin}", GroupModeRole.None, organization);
}
