using VoucherFunctions.Domain.Customers;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Templates;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.TestSupport.TestVouchers;

namespace VoucherFunctions.Storage.Tests.Support;

/// <summary>Test data beside <see cref="TestVouchers"/> (whose T0 and amounts these use).</summary>
public static class Make
{
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
