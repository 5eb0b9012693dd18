namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestBills;
using static VoucherFunctions.Domain.Tests.Support.TestData;

/// <summary>
/// Each ordering criterion on its own: the two vouchers tie on every earlier criterion and differ in
/// the one under test. Each runs with the "associated vouchers deducted first" switch on and off.
/// </summary>
public class DeductionOrderTests
{
    private static string[] UseOrder(Bill bill, bool associatedFirst, params Voucher[] vouchers) =>
        DeductionEngine.Deduct(bill, vouchers, Settings(associatedFirst), AppliedAt).Lines[0].Allocations.Select(a => a.VoucherId).ToArray();

    [Fact]
    public void Switch_on_partner_bill_uses_the_type_II_before_a_type_I_that_expires_sooner()
    {
        var typeI = Voucher("v1", VoucherType.TypeI, amount: "10", expiresAt: T0.AddDays(5));
        var typeII = Voucher("v2", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(20));
        Assert.Equal(["v2", "v1"], UseOrder(PartnerBill(null, Line("l", "15")), true, typeI, typeII));
    }

    [Fact]
    public void Switch_off_partner_bill_lets_the_earlier_expiry_win()
    {
        var typeI = Voucher("v1", VoucherType.TypeI, amount: "10", expiresAt: T0.AddDays(5));
        var typeII = Voucher("v2", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(20));
        Assert.Equal(["v1", "v2"], UseOrder(PartnerBill(null, Line("l", "15")), false, typeI, typeII));
    }

    [Theory]
    [InlineData(true, new[] { "trial", "discount" })]
    [InlineData(false, new[] { "discount", "trial" })]
    public void Customer_bill_promotes_the_product_trial_type_III_only_when_the_switch_is_on(bool associatedFirst, string[] expected)
    {
        var discount = Voucher("discount", VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, amount: "10", expiresAt: T0.AddDays(5));
        var trial = Voucher("trial", VoucherType.TypeIII, VoucherPurpose.ProductTrial, amount: "10", expiresAt: T0.AddDays(20));
        Assert.Equal(expected, UseOrder(CustomerBill(null, Line("l", "15")), associatedFirst, discount, trial));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Earliest_expiry_first(bool associatedFirst)
    {
        var later = Voucher("a-later", amount: "10", expiresAt: T0.AddDays(20));
        var sooner = Voucher("b-sooner", amount: "10", expiresAt: T0.AddDays(10));
        Assert.Equal(["b-sooner", "a-later"], UseOrder(CustomerBill(null, Line("l", "15")), associatedFirst, later, sooner));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Earliest_expiry_first_among_trial_vouchers_too(bool associatedFirst)
    {
        var later = Voucher("a-later", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(20));
        var sooner = Voucher("b-sooner", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(10));
        Assert.Equal(["b-sooner", "a-later"], UseOrder(PartnerBill(null, Line("l", "15")), associatedFirst, later, sooner));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_voucher_that_can_cover_more_of_the_line_first(bool associatedFirst)
    {
        // Line 50: "big" covers all 50, "small" only 30; coverage beats the smaller-balance rule.
        var small = Voucher("a-small", amount: "30");
        var big = Voucher("b-big", amount: "60");
        Assert.Equal(["b-big"], UseOrder(CustomerBill(null, Line("l", "50")), associatedFirst, small, big));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Smaller_balance_first_when_both_cover_the_line(bool associatedFirst)
    {
        var big = Voucher("a-big", amount: "60");
        var small = Voucher("b-small", amount: "30");
        Assert.Equal(["b-small"], UseOrder(CustomerBill(null, Line("l", "10")), associatedFirst, big, small));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Oldest_first_when_everything_else_ties(bool associatedFirst)
    {
        var newer = Voucher("a-newer", amount: "10", issuedAt: T0.AddHours(1), expiresAt: T0.AddDays(30));
        var older = Voucher("b-older", amount: "10", issuedAt: T0, expiresAt: T0.AddDays(30));
        Assert.Equal(["b-older"], UseOrder(CustomerBill(null, Line("l", "5")), associatedFirst, newer, older));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Then_by_id_ordinal(bool associatedFirst)
    {
        var b = Voucher("B", amount: "10");
        var a = Voucher("a", amount: "10");
        // Ordinal: "B" (0x42) sorts before "a" (0x61).
        Assert.Equal(["B"], UseOrder(CustomerBill(null, Line("l", "5")), associatedFirst, a, b));
    }

    [Fact]
    public void Coverage_is_re_evaluated_for_what_remains_of_the_line()
    {
        // Line 100: "c" (80) covers most; then 20 remain, both "a" (25) and "b" (40) cover 20, smaller balance "a" wins.
        var a = Voucher("a", amount: "25");
        var b = Voucher("b", amount: "40");
        var c = Voucher("c", amount: "80");
        Assert.Equal(["c", "a"], UseOrder(CustomerBill(null, Line("l", "100")), true, a, b, c));
    }
}
