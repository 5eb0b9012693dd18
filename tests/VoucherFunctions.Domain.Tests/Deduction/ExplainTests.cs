namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestBills;
using static VoucherFunctions.Domain.Tests.Support.TestData;

/// <summary>
/// What <see cref="DeductionEngine.Explain"/> says, one reason and one ordering rule at a time: each test has an
/// eligible voucher ("ok") beside one that differs from it in the rule under test.
/// </summary>
public class ExplainTests
{
    private static readonly BillLine CvmLine = Line("l1", "10", "cvm", "cvm-gpu", PaymentMode.Postpaid);

    private static LineExplanation Explain(Bill bill, bool associatedFirst, params Voucher[] vouchers) =>
        DeductionEngine.Explain(bill, vouchers, Settings(associatedFirst), AppliedAt).Lines[0];

    private static UnusedVoucher Unused(Voucher voucher, Bill? bill = null)
    {
        var line = Explain(bill ?? CustomerBill(null, CvmLine), true, voucher, Voucher("ok", amount: "1000"));
        Assert.Equal("ok", Assert.Single(line.Allocations).VoucherId);
        return Assert.Single(line.Unused);
    }

    [Fact]
    public void Not_yet_in_effect() =>
        Assert.Equal(Ineligibility.NotYetEffective, Unused(Voucher("v", effectiveFrom: T0.AddDays(2))).Ineligible);

    [Fact]
    public void Expired_at_the_bill_time_even_if_still_active_in_storage() =>
        Assert.Equal(Ineligibility.Expired, Unused(Voucher("v", expiresAt: T0.AddDays(1))).Ineligible);

    [Fact]
    public void Withdrawn() =>
        Assert.Equal(Ineligibility.Withdrawn, Unused(Voucher("v", balance: "0", status: VoucherStatus.Withdrawn)).Ineligible);

    [Fact]
    public void Invalidated() =>
        Assert.Equal(Ineligibility.Invalidated, Unused(Voucher("v", VoucherType.TypeIII, VoucherPurpose.ProductTrial, balance: "0", status: VoucherStatus.Invalidated)).Ineligible);

    [Fact]
    public void Exhausted_before_the_bill() =>
        Assert.Equal(Ineligibility.Exhausted, Unused(Voucher("v", balance: "0", status: VoucherStatus.Exhausted)).Ineligible);

    [Fact]
    public void Exhausted_by_an_earlier_line_of_the_same_bill()
    {
        var bill = CustomerBill(null, Line("l1", "10"), Line("l2", "5"));
        var explained = DeductionEngine.Explain(bill, [Voucher("v", amount: "10")], Settings(), AppliedAt);

        Assert.Equal("v", Assert.Single(explained.Lines[0].Allocations).VoucherId);
        Assert.Equal(Ineligibility.Exhausted, Assert.Single(explained.Lines[1].Unused).Ineligible);
        Assert.Equal(TestMoneyOf("5"), explained.Lines[1].RemainingPayable);
    }

    [Fact]
    public void Product_not_in_scope() =>
        Assert.Equal(Ineligibility.ProductOutOfScope, Unused(Voucher("v", productScope: ProductScope.AllowList("cos"))).Ineligible);

    [Fact]
    public void Product_on_the_frozen_blocklist() =>
        Assert.Equal(Ineligibility.ProductBlocklisted, Unused(Voucher("v", blocklist: ProductSet.Of("cvm-gpu"))).Ineligible);

    [Fact]
    public void Payment_mode_not_covered() =>
        Assert.Equal(Ineligibility.PaymentModeOutOfScope, Unused(Voucher("v", paymentModeScope: PaymentModeScope.Prepaid)).Ineligible);

    [Fact]
    public void Other_currency() =>
        Assert.Equal(Ineligibility.CurrencyMismatch, Unused(Voucher("v", currency: Currency.Of("CNY"))).Ineligible);

    [Fact]
    public void Another_customers_type_II_on_a_partner_bill()
    {
        var bill = PartnerBill(null, CvmLine);
        var line = Explain(bill, true, Voucher("v", VoucherType.TypeII, customerUin: "other"), Voucher("ok", VoucherType.TypeI, amount: "1000"));
        Assert.Equal(Ineligibility.OtherCustomer, Assert.Single(line.Unused).Ineligible);
    }

    [Fact]
    public void Wrong_type_for_this_payer()
    {
        Assert.Equal(Ineligibility.WrongType, Unused(Voucher("v", VoucherType.TypeI)).Ineligible);
        var partnerBill = PartnerBill(null, CvmLine);
        var line = Explain(partnerBill, true, Voucher("v", VoucherType.TypeIII), Voucher("ok", VoucherType.TypeI, amount: "1000"));
        Assert.Equal(Ineligibility.WrongType, Assert.Single(line.Unused).Ineligible);
    }

    [Fact]
    public void Another_partners_voucher() =>
        Assert.Equal(Ineligibility.OtherPartner, Unused(Voucher("v", partnerId: "partner-2")).Ineligible);

    [Fact]
    public void An_eligible_voucher_the_line_did_not_need_names_the_voucher_and_rule_ahead_of_it()
    {
        var line = Explain(CustomerBill(null, Line("l1", "10")), true, Voucher("later", amount: "50", expiresAt: T0.AddDays(20)), Voucher("sooner", amount: "50", expiresAt: T0.AddDays(10)));

        Assert.Equal("sooner", Assert.Single(line.Allocations).VoucherId);
        Assert.Equal(new UnusedVoucher("later", null, "sooner", OrderRule.EarlierExpiry), Assert.Single(line.Unused));
        Assert.True(line.Unused[0].NotNeeded);
    }

    [Fact]
    public void A_zero_line_needs_no_voucher()
    {
        var line = Explain(CustomerBill(null, Line("l1", "0")), true, Voucher("v"));
        Assert.Empty(line.Allocations);
        Assert.Equal(new UnusedVoucher("v", null, null, null), Assert.Single(line.Unused));
    }

    /// <summary>Two vouchers that each pay part of a 15 line: the first placed before the second by <paramref name="expected"/>.</summary>
    private static ExplainedAllocation First(Bill bill, bool associatedFirst, Voucher a, Voucher b, OrderRule expected, string firstId)
    {
        var line = Explain(bill, associatedFirst, a, b);
        Assert.Equal(2, line.Allocations.Count);
        var first = line.Allocations[0];
        Assert.Equal(firstId, first.VoucherId);
        Assert.Equal(line.Allocations[1].VoucherId, first.PlacedBefore);
        Assert.Equal(expected, first.Rule);
        Assert.Null(line.Allocations[1].Rule);
        return first;
    }

    [Fact]
    public void Rule_associated_first_switch() =>
        First(PartnerBill(null, Line("l", "15")), true, Voucher("v1", VoucherType.TypeI, amount: "10", expiresAt: T0.AddDays(5)), Voucher("v2", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(20)), OrderRule.AssociatedFirst, "v2");

    [Fact]
    public void Rule_earlier_expiry_when_the_switch_is_off() =>
        First(PartnerBill(null, Line("l", "15")), false, Voucher("v1", VoucherType.TypeI, amount: "10", expiresAt: T0.AddDays(5)), Voucher("v2", VoucherType.TypeII, amount: "10", expiresAt: T0.AddDays(20)), OrderRule.EarlierExpiry, "v1");

    [Fact]
    public void Rule_covers_more_of_this_bill()
    {
        // Line 15: "big" (12) covers more than "small" (4); then 3 remain for "small".
        var first = First(CustomerBill(null, Line("l", "15")), true, Voucher("a-small", amount: "4"), Voucher("b-big", amount: "12"), OrderRule.CoversMore, "b-big");
        Assert.Equal(TestMoneyOf("12"), first.Amount);
        Assert.Equal(TestMoneyOf("12"), first.BalanceBefore);
    }

    [Fact]
    public void Rule_smaller_balance_when_both_cover_as_much()
    {
        // Two vouchers that cover a line equally cover all of it, so the first pays it whole: the other is not needed.
        var line = Explain(CustomerBill(null, Line("l", "5")), true, Voucher("a-big", amount: "60"), Voucher("b-small", amount: "5"));
        Assert.Equal("b-small", Assert.Single(line.Allocations).VoucherId);
        Assert.Equal(new UnusedVoucher("a-big", null, "b-small", OrderRule.SmallerBalance), Assert.Single(line.Unused));
    }

    [Fact]
    public void Rule_older() =>
        First(CustomerBill(null, Line("l", "15")), true, Voucher("a-newer", amount: "10", issuedAt: T0.AddHours(1)), Voucher("b-older", amount: "10", issuedAt: T0), OrderRule.Older, "b-older");

    [Fact]
    public void Rule_id() =>
        First(CustomerBill(null, Line("l", "15")), true, Voucher("a", amount: "10"), Voucher("B", amount: "10"), OrderRule.VoucherId, "B");

    [Fact]
    public void Explain_changes_nothing_and_carries_the_deduction_result()
    {
        var voucher = Voucher("v", amount: "10");
        var bill = CustomerBill(null, Line("l1", "4"));
        var explained = DeductionEngine.Explain(bill, [voucher], Settings(), AppliedAt);

        Assert.Equal(TestMoneyOf("10"), voucher.Balance);
        Assert.Equal(TestMoneyOf("6"), explained.Result.NewBalances["v"]);
        Assert.Equal(DeductionEngine.Deduct(bill, [voucher], Settings(), AppliedAt).Allocations, explained.Result.Allocations);
    }

    private static Money TestMoneyOf(string amount) => Money.Parse(amount, Currency.USD);
}
