namespace VoucherFunctions.Domain.Tests.Support;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using static VoucherFunctions.Domain.Tests.Support.TestData;

internal static class TestBills
{
    public static BillLine Line(string lineId, string amount, string product = "cvm", string? subProduct = null, PaymentMode mode = PaymentMode.Postpaid) =>
        new(lineId, product, subProduct, mode, TestMoney.Usd(amount));

    public static Bill CustomerBill(DateTimeOffset? billTime = null, params BillLine[] lines) =>
        Bill.Create("bill-1", PartnerId, PayerKind.Customer, CustomerUin, Currency.USD, billTime ?? T0.AddDays(1), lines);

    public static Bill PartnerBill(DateTimeOffset? billTime = null, params BillLine[] lines) =>
        Bill.Create("bill-1", PartnerId, PayerKind.Partner, CustomerUin, Currency.USD, billTime ?? T0.AddDays(1), lines);

    public static PartnerSettings Settings(bool associatedFirst = true) =>
        PartnerSettings.Default(PartnerId).WithAssociatedVouchersDeductedFirst(associatedFirst, T0);

    public static readonly DateTimeOffset AppliedAt = T0.AddDays(2);
}
