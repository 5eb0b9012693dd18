using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

/// <summary>What <c>bill-outcomes</c> says when one bill id arrives twice with different content.</summary>
[Collection(BillingCollection.Name)]
public sealed class DuplicateOutcomeTests(BillingFixture fixture)
{
    [Fact]
    public async Task The_rejected_outcome_of_a_conflicting_duplicate_names_the_applied_outcome_that_stands()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 1_000));
        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));
        var applied = Assert.Single(await world.OutcomesAsync());

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 31)));

        var rejected = Assert.Single(await world.OutcomesAsync());
        Assert.Equal(("rejected", "b1", BillRejectionCodes.ConflictingDuplicate), (rejected.Status, rejected.BillId, rejected.Reason!.Code));
        Assert.NotNull(rejected.DuplicateOf);
        Assert.Equal(applied.ContentHash, rejected.DuplicateOf.ContentHash);
        Assert.Equal(applied.AppliedAt, rejected.DuplicateOf.AppliedAt);
        Assert.NotEqual(applied.ContentHash, rejected.ContentHash);
        Assert.Equal(970, await world.BalanceAsync(p, "v1"));
    }

    [Fact]
    public async Task Other_rejections_and_applied_outcomes_carry_no_duplicate_reference()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 1_000));

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));
        await world.HandleAsync(Bill(p, "b2", "c9", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));

        Assert.All(await world.OutcomesAsync(), o => Assert.Null(o.DuplicateOf));
    }
}
