namespace VoucherFunctions.Domain.Tests.Vouchers;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

public class InvalidationCascadeTests
{
    private static (Voucher TypeII, Voucher TypeIII) Pair(string typeIIIBalance = "100", VoucherStatus typeIIIStatus = VoucherStatus.Active) =>
        (Voucher("v2", VoucherType.TypeII, associatedVoucherId: "v3"),
         Voucher("v3", VoucherType.TypeIII, VoucherPurpose.ProductTrial, balance: typeIIIBalance, status: typeIIIStatus, associatedVoucherId: "v2"));

    [Fact]
    public void Invalidating_a_type_II_withdraws_the_unused_balance_of_its_type_III()
    {
        var (typeII, typeIII) = Pair(typeIIIBalance: "70");
        var result = VoucherInvalidation.Invalidate(typeII, [typeIII], T0.AddDays(2));

        Assert.Equal(VoucherStatus.Invalidated, result.PartnerVoucher.Status);
        var customer = Assert.Single(result.CustomerVouchers);
        Assert.Equal(VoucherStatus.Withdrawn, customer.Status);
        Assert.True(customer.Balance.IsZero);
        Assert.Equal(TestMoney.Usd("30"), customer.UsedAmount);
        Assert.Equal(TestMoney.Usd("70"), customer.WithdrawnAmount);
        Assert.Equal(T0.AddDays(2), customer.StatusChangedAt);
    }

    [Fact]
    public void An_exhausted_type_III_has_nothing_to_withdraw_and_stays_exhausted()
    {
        var (typeII, typeIII) = Pair(typeIIIBalance: "0", typeIIIStatus: VoucherStatus.Exhausted);
        var result = VoucherInvalidation.Invalidate(typeII, [typeIII], T0);
        Assert.Equal(VoucherStatus.Exhausted, Assert.Single(result.CustomerVouchers).Status);
    }

    [Fact]
    public void The_cascade_can_be_rerun_after_a_partial_failure()
    {
        var (typeII, typeIII) = Pair();
        var first = VoucherInvalidation.Invalidate(typeII, [typeIII], T0);
        var again = VoucherInvalidation.Invalidate(first.PartnerVoucher, [typeIII], T0.AddMinutes(1));

        Assert.Equal(first.PartnerVoucher, again.PartnerVoucher);
        Assert.Equal(VoucherStatus.Withdrawn, Assert.Single(again.CustomerVouchers).Status);
    }

    [Fact]
    public void Only_the_associated_type_III_is_touched()
    {
        var (typeII, _) = Pair();
        var stranger = Voucher("v3-other", VoucherType.TypeIII, VoucherPurpose.ProductTrial, associatedVoucherId: "v2-other");
        Expect.Code(ErrorCodes.VoucherNotAssociated, () => VoucherInvalidation.Invalidate(typeII, [stranger], T0));
    }

    [Fact]
    public void Only_a_type_II_starts_the_cascade() =>
        Expect.Code(ErrorCodes.VoucherNotInvalidatable, () => VoucherInvalidation.Invalidate(Voucher("v1", VoucherType.TypeI), [], T0));
}
