namespace VoucherFunctions.Domain.Tests.Deduction;

using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestBills;
using static VoucherFunctions.Domain.Tests.Support.TestData;

/// <summary>One test per eligibility rule: the voucher differs from an eligible one in that rule only.</summary>
public class EligibilityTests
{
    private static readonly BillLine CvmLine = Line("l1", "10", "cvm", "cvm-gpu", PaymentMode.Postpaid);

    private static Ineligibility? Check(Voucher voucher, Bill bill) => Eligibility.Check(voucher, bill, bill.Lines[0]);

    [Fact]
    public void Customer_bill_uses_that_customers_type_III_only()
    {
        var bill = CustomerBill(null, CvmLine);
        Assert.Null(Check(Voucher("v3", VoucherType.TypeIII), bill));
        Assert.Null(Check(Voucher("v3t", VoucherType.TypeIII, VoucherPurpose.ProductTrial), bill));
        Assert.Equal(Ineligibility.OtherCustomer, Check(Voucher("v3x", VoucherType.TypeIII, customerUin: "other"), bill));
        Assert.Equal(Ineligibility.WrongType, Check(Voucher("v2", VoucherType.TypeII), bill));
        Assert.Equal(Ineligibility.WrongType, Check(Voucher("v1", VoucherType.TypeI), bill));
    }

    [Fact]
    public void Partner_bill_uses_type_II_of_that_customer_and_type_I_of_the_partner()
    {
        var bill = PartnerBill(null, CvmLine);
        Assert.Null(Check(Voucher("v2", VoucherType.TypeII), bill));
        Assert.Null(Check(Voucher("v1", VoucherType.TypeI), bill));
        Assert.Equal(Ineligibility.OtherCustomer, Check(Voucher("v2x", VoucherType.TypeII, customerUin: "other"), bill));
        Assert.Equal(Ineligibility.WrongType, Check(Voucher("v3", VoucherType.TypeIII), bill));
    }

    [Fact]
    public void Another_partners_voucher_is_not_eligible() =>
        Assert.Equal(Ineligibility.OtherPartner, Check(Voucher("v", partnerId: "partner-2"), CustomerBill(null, CvmLine)));

    [Fact]
    public void Currency_must_match() =>
        Assert.Equal(Ineligibility.CurrencyMismatch, Check(Voucher("v", currency: Currency.Of("CNY")), CustomerBill(null, CvmLine)));

    [Theory]
    [InlineData(VoucherStatus.Withdrawn, Ineligibility.Withdrawn)]
    [InlineData(VoucherStatus.Invalidated, Ineligibility.Invalidated)]
    public void Withdrawn_or_invalidated_vouchers_are_not_eligible(VoucherStatus status, Ineligibility reason) =>
        Assert.Equal(reason, Check(Voucher("v", status: status), CustomerBill(null, CvmLine)));

    [Fact]
    public void Bill_time_before_the_effect_time_is_not_covered() =>
        Assert.Equal(Ineligibility.NotYetEffective, Check(Voucher("v", effectiveFrom: T0), CustomerBill(T0.AddTicks(-1), CvmLine)));

    [Fact]
    public void Bill_time_at_exactly_the_expiry_is_not_covered()
    {
        var voucher = Voucher("v", expiresAt: T0.AddDays(5));
        Assert.Equal(Ineligibility.Expired, Check(voucher, CustomerBill(T0.AddDays(5), CvmLine)));
        Assert.Null(Check(voucher, CustomerBill(T0.AddDays(5).AddTicks(-1), CvmLine)));
    }

    [Fact]
    public void A_late_bill_from_before_expiry_can_still_use_a_voucher_marked_expired() =>
        Assert.Null(Check(Voucher("v", status: VoucherStatus.Expired, expiresAt: T0.AddDays(5)), CustomerBill(T0.AddDays(4), CvmLine)));

    [Fact]
    public void No_balance_no_eligibility() =>
        Assert.Equal(Ineligibility.Exhausted, Check(Voucher("v", balance: "0", status: VoucherStatus.Exhausted), CustomerBill(null, CvmLine)));

    [Fact]
    public void Product_scope_must_admit_the_product()
    {
        Assert.Equal(Ineligibility.ProductOutOfScope, Check(Voucher("v", productScope: ProductScope.AllowList("cos")), CustomerBill(null, CvmLine)));
        Assert.Equal(Ineligibility.ProductOutOfScope, Check(Voucher("v", productScope: ProductScope.BlockList("cvm-gpu")), CustomerBill(null, CvmLine)));
        Assert.Null(Check(Voucher("v", productScope: ProductScope.AllowList("cvm")), CustomerBill(null, CvmLine)));
    }

    [Fact]
    public void The_frozen_blocklist_excludes_products_even_from_an_all_products_scope()
    {
        Assert.Equal(Ineligibility.ProductBlocklisted, Check(Voucher("v", blocklist: ProductSet.Of("cvm")), CustomerBill(null, CvmLine)));
        Assert.Equal(Ineligibility.ProductBlocklisted, Check(Voucher("v", blocklist: ProductSet.Of("cvm-gpu")), CustomerBill(null, CvmLine)));
    }

    [Fact]
    public void Payment_mode_must_be_in_scope()
    {
        Assert.Equal(Ineligibility.PaymentModeOutOfScope, Check(Voucher("v", paymentModeScope: PaymentModeScope.Prepaid), CustomerBill(null, CvmLine)));
        Assert.Null(Check(Voucher("v", paymentModeScope: PaymentModeScope.Postpaid), CustomerBill(null, CvmLine)));
    }

    [Fact]
    public void An_ineligible_voucher_is_never_used_by_the_engine()
    {
        var bill = CustomerBill(null, CvmLine);
        var result = DeductionEngine.Deduct(bill, [Voucher("v", paymentModeScope: PaymentModeScope.Prepaid)], Settings(), AppliedAt);

        Assert.Empty(result.Usages);
        Assert.Equal(TestMoney.Usd("10"), result.Lines[0].RemainingPayable);
        Assert.Empty(result.UpdatedVouchers);
    }
}
