namespace VoucherFunctions.Domain.Tests.Vouchers;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class VoucherLifecycleTests
{
    [Fact]
    public void Deduct_lowers_the_balance_and_keeps_the_voucher_active()
    {
        var voucher = Voucher("v", amount: "100").Deduct(TestMoney.Usd("30.5"), T0.AddHours(1), T0.AddHours(2));

        Assert.Equal(TestMoney.Usd("69.5"), voucher.Balance);
        Assert.Equal(TestMoney.Usd("30.5"), voucher.UsedAmount);
        Assert.Equal(VoucherStatus.Active, voucher.Status);
    }

    [Fact]
    public void Deducting_the_whole_balance_exhausts_the_voucher()
    {
        var voucher = Voucher("v", amount: "100").Deduct(TestMoney.Usd("100"), T0.AddHours(1), T0.AddHours(2));

        Assert.True(voucher.Balance.IsZero);
        Assert.Equal(VoucherStatus.Exhausted, voucher.Status);
        Assert.Equal(T0.AddHours(2), voucher.StatusChangedAt);
    }

    [Fact]
    public void A_voucher_never_goes_negative() =>
        Expect.Code(ErrorCodes.VoucherInsufficientBalance, () => Voucher("v", amount: "10").Deduct(TestMoney.Usd("10.00000001"), T0, T0));

    [Fact]
    public void Validity_window_includes_the_effect_time_and_excludes_the_expiry_time()
    {
        // Chosen boundary: usable while EffectiveFrom <= t < ExpiresAt.
        var voucher = Voucher("v", effectiveFrom: T0, expiresAt: T0.AddDays(1));

        Assert.True(voucher.CanPayAt(T0));
        Assert.True(voucher.CanPayAt(T0.AddDays(1).AddTicks(-1)));
        Assert.False(voucher.CanPayAt(T0.AddDays(1)));
        Assert.False(voucher.CanPayAt(T0.AddTicks(-1)));
        Expect.Code(ErrorCodes.VoucherNotUsable, () => voucher.Deduct(TestMoney.Usd("1"), T0.AddDays(1), T0.AddDays(1)));
    }

    [Fact]
    public void An_active_voucher_past_its_expiry_reads_as_expired_and_can_be_swept()
    {
        var voucher = Voucher("v", expiresAt: T0.AddDays(1));

        Assert.Equal(VoucherStatus.Active, voucher.StatusAt(T0.AddHours(23)));
        Assert.Equal(VoucherStatus.Expired, voucher.StatusAt(T0.AddDays(1)));
        Assert.Same(voucher, voucher.ExpireIfDue(T0));
        var swept = voucher.ExpireIfDue(T0.AddDays(2));
        Assert.Equal(VoucherStatus.Expired, swept.Status);
        Assert.Equal(T0.AddDays(1), swept.StatusChangedAt);
    }

    [Fact]
    public void An_unused_unexpired_customer_discount_voucher_can_be_withdrawn()
    {
        var withdrawn = Voucher("v", VoucherType.TypeIII, VoucherPurpose.CustomerDiscount, amount: "50").Withdraw(T0.AddDays(1));

        Assert.Equal(VoucherStatus.Withdrawn, withdrawn.Status);
        Assert.True(withdrawn.Balance.IsZero);
        Assert.Equal(TestMoney.Usd("50"), withdrawn.WithdrawnAmount);
        Assert.True(withdrawn.UsedAmount.IsZero);
    }

    [Fact]
    public void A_used_customer_discount_voucher_cannot_be_withdrawn() =>
        Expect.Code(ErrorCodes.VoucherNotWithdrawable, () => Voucher("v", amount: "50", balance: "49").Withdraw(T0.AddDays(1)));

    [Fact]
    public void An_expired_customer_discount_voucher_cannot_be_withdrawn() =>
        Expect.Code(ErrorCodes.VoucherNotWithdrawable, () => Voucher("v", expiresAt: T0.AddDays(1)).Withdraw(T0.AddDays(1)));

    [Fact]
    public void Withdrawal_is_irreversible() =>
        Expect.Code(ErrorCodes.VoucherNotWithdrawable, () => Voucher("v").Withdraw(T0).Withdraw(T0));

    [Fact]
    public void A_product_trial_customer_voucher_cannot_be_withdrawn_on_its_own() =>
        Expect.Code(ErrorCodes.VoucherProductTrialNotWithdrawable, () => Voucher("v", VoucherType.TypeIII, VoucherPurpose.ProductTrial).Withdraw(T0));

    [Theory]
    [InlineData(VoucherType.TypeI)]
    [InlineData(VoucherType.TypeII)]
    public void Partner_vouchers_are_not_withdrawn(VoucherType type) =>
        Expect.Code(ErrorCodes.VoucherNotWithdrawable, () => Voucher("v", type).Withdraw(T0));

    [Fact]
    public void Invalidating_keeps_the_used_amount_in_history()
    {
        var used = Voucher("v2", VoucherType.TypeII, amount: "100").Deduct(TestMoney.Usd("40"), T0, T0);
        var invalidated = used.Invalidate(T0.AddDays(1));

        Assert.Equal(VoucherStatus.Invalidated, invalidated.Status);
        Assert.True(invalidated.Balance.IsZero);
        Assert.Equal(TestMoney.Usd("40"), invalidated.UsedAmount);
        Assert.Equal(TestMoney.Usd("60"), invalidated.WithdrawnAmount);
        Assert.False(invalidated.CanPayAt(T0.AddHours(1)));
    }

    [Theory]
    [InlineData(VoucherStatus.Active)]
    [InlineData(VoucherStatus.Exhausted)]
    [InlineData(VoucherStatus.Expired)]
    public void A_partner_voucher_can_be_invalidated_at_any_time(VoucherStatus status) =>
        Assert.Equal(VoucherStatus.Invalidated, Voucher("v2", VoucherType.TypeII, status: status).Invalidate(T0).Status);

    [Fact]
    public void Invalidation_is_idempotent()
    {
        var once = Voucher("v2", VoucherType.TypeII).Invalidate(T0);
        Assert.Same(once, once.Invalidate(T0.AddDays(1)));
    }

    [Fact]
    public void Customer_vouchers_are_withdrawn_not_invalidated() =>
        Expect.Code(ErrorCodes.VoucherNotInvalidatable, () => Voucher("v3", VoucherType.TypeIII).Invalidate(T0));

    [Fact]
    public void Currency_of_a_deduction_must_match() =>
        Expect.Code(ErrorCodes.CurrencyMismatch, () => Voucher("v").Deduct(TestMoney.Cny("1"), T0, T0));
}
