namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestBills;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class DeductionEngineTests
{
    [Fact]
    public void A_line_may_use_several_vouchers_and_keeps_what_they_cannot_cover()
    {
        var result = DeductionEngine.Deduct(CustomerBill(null, Line("l1", "100")), [Voucher("a", amount: "30"), Voucher("b", amount: "45.5")], Settings(), AppliedAt);

        var line = Assert.Single(result.Lines);
        Assert.Equal(TestMoney.Usd("75.5"), line.Allocated);
        Assert.Equal(TestMoney.Usd("24.5"), line.RemainingPayable);
        Assert.Equal(2, line.Allocations.Count);
        Assert.All(result.UpdatedVouchers, v => Assert.Equal(VoucherStatus.Exhausted, v.Status));
        Assert.All(result.UpdatedVouchers, v => Assert.Equal(AppliedAt, v.StatusChangedAt));
    }

    [Fact]
    public void A_voucher_may_cover_part_of_a_line_and_keeps_the_rest()
    {
        var result = DeductionEngine.Deduct(CustomerBill(null, Line("l1", "12.34567891")), [Voucher("a", amount: "100")], Settings(), AppliedAt);

        Assert.True(result.Lines[0].RemainingPayable.IsZero);
        var voucher = Assert.Single(result.UpdatedVouchers);
        Assert.Equal(TestMoney.Usd("87.65432109"), voucher.Balance);
        Assert.Equal(VoucherStatus.Active, voucher.Status);
        Assert.Equal(TestMoney.Usd("87.65432109"), result.NewBalances["a"]);
    }

    [Fact]
    public void Balances_carry_across_the_lines_of_one_bill()
    {
        var bill = CustomerBill(null, Line("l2", "30"), Line("l1", "50"));
        var result = DeductionEngine.Deduct(bill, [Voucher("a", amount: "60")], Settings(), AppliedAt);

        // Lines are processed in ordinal id order (l1 then l2), reported in bill order.
        Assert.Equal(["l2", "l1"], result.Lines.Select(l => l.LineId));
        Assert.Equal(TestMoney.Usd("50"), result.Lines[1].Allocated);
        Assert.Equal(TestMoney.Usd("10"), result.Lines[0].Allocated);
        Assert.Equal(TestMoney.Usd("20"), result.Lines[0].RemainingPayable);
        Assert.True(result.NewBalances["a"].IsZero);
        Assert.Equal(TestMoney.Usd("20"), result.TotalRemainingPayable);
        Assert.Equal(TestMoney.Usd("60"), result.TotalAllocated);
    }

    [Fact]
    public void Each_voucher_line_use_is_one_usage_record()
    {
        var bill = PartnerBill(T0.AddDays(1), Line("l1", "5", "cvm", "cvm-gpu", PaymentMode.Prepaid));
        var usage = Assert.Single(DeductionEngine.Deduct(bill, [Voucher("v2", VoucherType.TypeII)], Settings(), AppliedAt).Usages);

        Assert.Equal(new VoucherUsage("v2", "bill-1", "l1", "cvm", "cvm-gpu", PaymentMode.Prepaid, TestMoney.Usd("5"), T0.AddDays(1), AppliedAt, PayerKind.Partner, PartnerId, PartnerId, CustomerUin), usage);
    }

    [Fact]
    public void A_customer_bills_payer_is_the_customer() =>
        Assert.Equal(CustomerUin, DeductionEngine.Deduct(CustomerBill(null, Line("l1", "5")), [Voucher("v3")], Settings(), AppliedAt).Usages[0].PayerId);

    [Fact]
    public void Lines_for_different_products_use_only_the_vouchers_that_cover_them()
    {
        var bill = CustomerBill(null, Line("l1", "10", "cvm"), Line("l2", "10", "cos"));
        var result = DeductionEngine.Deduct(bill, [Voucher("cvm-only", productScope: ProductScope.AllowList("cvm"))], Settings(), AppliedAt);

        Assert.True(result.Lines[0].RemainingPayable.IsZero);
        Assert.Equal(TestMoney.Usd("10"), result.Lines[1].RemainingPayable);
    }

    [Fact]
    public void Zero_amount_lines_are_accepted_and_use_nothing()
    {
        var result = DeductionEngine.Deduct(CustomerBill(null, Line("l1", "0")), [Voucher("a")], Settings(), AppliedAt);
        Assert.Empty(result.Usages);
        Assert.True(result.Lines[0].RemainingPayable.IsZero);
    }

    [Fact]
    public void No_candidates_leave_everything_payable()
    {
        var result = DeductionEngine.Deduct(CustomerBill(null, Line("l1", "7")), [], Settings(), AppliedAt);
        Assert.Equal(TestMoney.Usd("7"), result.TotalRemainingPayable);
    }

    [Fact]
    public void The_same_voucher_twice_among_the_candidates_is_refused() =>
        Expect.Code(ErrorCodes.DeductionDuplicateVoucher, () => DeductionEngine.Deduct(CustomerBill(null, Line("l1", "7")), [Voucher("a"), Voucher("a")], Settings(), AppliedAt));

    [Fact]
    public void Settings_of_another_partner_are_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => DeductionEngine.Deduct(CustomerBill(null, Line("l1", "7")), [], PartnerSettings.Default("partner-2"), AppliedAt));

    [Fact]
    public void Malformed_bills_are_refused_as_a_whole()
    {
        Expect.Code(ErrorCodes.BillInvalid, () => CustomerBill(null));
        Expect.Code(ErrorCodes.BillInvalid, () => CustomerBill(null, Line("l1", "1"), Line("l1", "2")));
        Expect.Code(ErrorCodes.MoneyNegative, () => CustomerBill(null, Line("l1", "-1")));
        Expect.Code(ErrorCodes.CurrencyMismatch, () => Bill.Create("b", PartnerId, PayerKind.Customer, CustomerUin, Currency.USD, T0, [new BillLine("l1", "cvm", null, PaymentMode.Postpaid, TestMoney.Cny("1"))]));
        Expect.Code(ErrorCodes.IdInvalid, () => Bill.Create("b/1", PartnerId, PayerKind.Customer, CustomerUin, Currency.USD, T0, [Line("l1", "1")]));
        Expect.Code(ErrorCodes.BillInvalid, () => Bill.Create("b", PartnerId, (PayerKind)7, CustomerUin, Currency.USD, T0, [Line("l1", "1")]));
        Expect.Code(ErrorCodes.MoneyOverflow, () => CustomerBill(null, new BillLine("l1", "cvm", null, PaymentMode.Postpaid, Money.FromMinorUnits(long.MaxValue, Currency.USD)), Line("l2", "1")));
    }

    [Fact]
    public void Deduction_is_pure_and_leaves_the_inputs_unchanged()
    {
        var voucher = Voucher("a", amount: "10");
        _ = DeductionEngine.Deduct(CustomerBill(null, Line("l1", "7")), [voucher], Settings(), AppliedAt);
        Assert.Equal(TestMoney.Usd("10"), voucher.Balance);
    }

    [Fact]
    public void Product_trial_pair_works_end_to_end_on_both_bills()
    {
        var application = Domain.Applications.VoucherApplication.Submit("app", PartnerId, PartnerTemplate(), [Customer()], TestMoney.Usd("40"), true, T0).Application;
        var pair = application.Approve("reviewer", T0, ProductSet.Of("mining")).Vouchers[0];
        var discount = Voucher("disc", VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, amount: "100", expiresAt: T0.AddDays(2));

        var customer = DeductionEngine.Deduct(CustomerBill(T0.AddDays(1), Line("l1", "50"), Line("l2", "5", "mining")), [discount, pair.CustomerVoucher], Settings(), AppliedAt);
        var partner = DeductionEngine.Deduct(PartnerBill(T0.AddDays(1), Line("l1", "50")), [pair.PartnerVoucher], Settings(), AppliedAt);

        Assert.Equal(["v3-app-100001", "disc"], customer.Lines[0].Allocations.Select(a => a.VoucherId));
        Assert.Equal(["disc"], customer.Lines[1].Allocations.Select(a => a.VoucherId));
        Assert.Equal(TestMoney.Usd("10"), partner.Lines[0].RemainingPayable);
    }
}
