using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

/// <summary>
/// The harness hands the function the bill the test gave it, however long the test runs. It once did not: every
/// handled message stayed on the test's input queue under a 60 s lease, and the queue hands out the visible message
/// that became visible first, so once a test ran past a minute (500 random bills on a loaded machine) each new bill
/// was answered by an old message coming back: an old bill ran again as a duplicate and the new one never ran, and
/// RandomBillsTests ended a voucher 224 units richer than the model. These tests run that with a 1 s lease.
/// </summary>
[Collection(BillingCollection.Name)]
public sealed class WorldInputQueueTests(BillingFixture fixture)
{
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_bill_handled_after_an_earlier_bills_lease_ran_out_is_the_bill_sent()
    {
        var world = fixture.NewWorld(lease: ShortLease);
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", amount: 100));

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));
        await Task.Delay(ShortLease * 2);
        await world.HandleAsync(Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));

        Assert.Equal(40, await world.BalanceAsync(p, "v1"));
        Assert.Equal(["b1", "b2"], (await world.OutcomesAsync()).Select(o => o.BillId).Order());
    }

    [Fact]
    public async Task A_message_left_on_the_queue_past_its_lease_is_refused_rather_than_handled_as_the_next_bill()
    {
        var world = fixture.NewWorld(lease: ShortLease);
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", amount: 100));

        // Handled, never deleted: what a worker that died before the delete leaves.
        await world.HandleAsync(await world.MessageAsync(Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)))));
        await Task.Delay(ShortLease * 2);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => world.MessageAsync(Json(Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)))));

        Assert.Contains("instead of", refused.Message, StringComparison.Ordinal);
        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Equal(["b1"], (await world.OutcomesAsync()).Select(o => o.BillId));
    }
}
