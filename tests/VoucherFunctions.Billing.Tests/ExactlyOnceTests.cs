using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class ExactlyOnceTests(BillingFixture fixture)
{
    [Fact]
    public async Task The_same_bill_delivered_again_later_is_applied_once_and_its_outcome_resent_unchanged()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var bill = Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30));

        await world.HandleAsync(bill);
        await world.HandleAsync(bill);

        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Single(await world.UsagesAsync(p, "v1"));
        var outcomes = await world.OutcomesAsync();
        Assert.Equal(2, outcomes.Count);
        Assert.Equivalent(outcomes[0], outcomes[1], strict: true);
        Assert.Equal("applied", outcomes[0].Status);
    }

    [Fact]
    public async Task The_same_bill_delivered_concurrently_is_applied_once()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var json = Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));
        var messages = new List<Azure.Storage.Queues.Models.QueueMessage>();
        for (var i = 0; i < 12; i++)
        {
            messages.Add(await world.MessageAsync(json));
        }

        await Task.WhenAll(messages.Select(m => Task.Run(() => world.HandleAsync(m))));

        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Single(await world.UsagesAsync(p, "v1"));
        var outcomes = await world.OutcomesAsync();
        Assert.Equal(12, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equivalent(outcomes[0], o, strict: true));
    }

    [Fact]
    public async Task A_crash_after_commit_before_the_delete_redelivers_and_finds_the_bill_applied()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var message = await world.MessageAsync(Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30))));

        await world.HandleAsync(message); // processed, then the worker "dies": the message is never deleted
        var redelivered = await world.RedeliverAsync(message);
        await world.HandleAsync(redelivered);

        Assert.Equal(2, redelivered.DequeueCount);
        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Single(await world.UsagesAsync(p, "v1"));
        var outcomes = await world.OutcomesAsync();
        Assert.Equal(2, outcomes.Count);
        Assert.Equivalent(outcomes[0], outcomes[1], strict: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_inside_the_commit_is_retried_by_redelivery_and_never_deducts_twice(bool afterWrite)
    {
        // FaultInjector is a fault injector at the ledger port: it fails the next commit, before or after the real write.
        var injector = new FaultInjector(afterWrite);
        var world = fixture.NewWorld(injector.Install);
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var message = await world.MessageAsync(Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30))));

        await Assert.ThrowsAsync<BillDeferredException>(() => world.HandleAsync(message));
        Assert.Equal(afterWrite ? 70 : 100, await world.BalanceAsync(p, "v1"));
        Assert.Empty(await world.OutcomesAsync());

        await world.HandleAsync(await world.RedeliverAsync(message));

        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Single(await world.UsagesAsync(p, "v1"));
        var outcome = Assert.Single(await world.OutcomesAsync());
        Assert.Equal("0.0000003", outcome.TotalAllocated);
        Assert.Empty(await world.PoisonAsync());
    }
}
