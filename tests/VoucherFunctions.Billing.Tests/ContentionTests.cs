using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class ContentionTests(BillingFixture fixture)
{
    [Fact]
    public async Task Many_concurrent_bills_on_one_hot_voucher_lose_no_update_and_never_overdraw()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1", "c2");
        await world.VoucherAsync(Voucher(p, "hot", VoucherType.TypeI, null, 1_000));
        var messages = new List<Azure.Storage.Queues.Models.QueueMessage>();
        for (var i = 0; i < 80; i++)
        {
            messages.Add(await world.MessageAsync(Json(Bill(p, $"b{i}", i % 2 == 0 ? "c1" : "c2", PayerKind.Partner, T0.AddDays(1), ("cvm", 17)))));
        }

        await Task.WhenAll(messages.Select(m => Task.Run(() => world.HandleAsync(m))));

        Assert.Equal(0, await world.BalanceAsync(p, "hot"));
        var usages = await world.UsagesAsync(p, "hot");
        Assert.Equal(1_000, usages.Sum(u => u.Amount.MinorUnits));
        var outcomes = await world.OutcomesAsync();
        Assert.Equal(80, outcomes.Count);
        Assert.Equal(80, outcomes.Select(o => o.BillId).Distinct().Count());
        Assert.Equal(1_000, outcomes.Sum(o => Domain.Money.Money.Parse(o.TotalAllocated, Domain.Money.Currency.USD).MinorUnits));

        // Grouped, raced and retried, each bill is announced once, and the voucher's exhaustion once.
        var events = await world.EventsAsync(p);
        var applied = events.Where(e => e.Type == "bill.applied").ToList();
        Assert.Equal(80, applied.Count);
        Assert.Equal(
            Enumerable.Range(0, 80).Select(i => Domain.Events.EventIds.For(Domain.Events.EventTypes.BillApplied, p, $"Partner\n{p}\nb{i}")).Order(),
            applied.Select(e => e.Id).Order());
        Assert.Equal("vouchers/hot", Assert.Single(events, e => e.Type == "voucher.exhausted").Subject);
        Assert.Equal("vouchers/hot", Assert.Single(events, e => e.Type == "voucher.issued").Subject);
        Assert.Equal(82, events.Count);
    }

    [Fact]
    public async Task A_group_holding_an_already_applied_bill_falls_back_to_one_by_one_and_applies_each_once()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 1_000));
        var first = Bill(p, "b0", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 10));
        await world.HandleAsync(first);
        var bills = new[] { Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 20)), first, Bill(p, "b0", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 99)), Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)), Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)) };

        var results = await world.Get<BillGroupProcessor>().ProcessAsync(p, bills, CancellationToken.None);

        Assert.IsType<BillDecision.Applied>(results[0].Decision);
        Assert.IsType<BillDecision.Duplicate>(results[1].Decision);
        Assert.Equal(BillRejectionCodes.ConflictingDuplicate, Assert.IsType<BillDecision.Rejected>(results[2].Decision).Code);
        Assert.IsType<BillDecision.Applied>(results[3].Decision);
        Assert.IsType<BillDecision.Duplicate>(results[4].Decision);
        Assert.Equal(940, await world.BalanceAsync(p, "v1"));
        Assert.Equal(3, (await world.UsagesAsync(p, "v1")).Count);
        await world.OutcomesAsync();
    }

    [Fact]
    public async Task A_bill_whose_outcome_does_not_fit_one_row_is_refused_in_a_group_and_the_others_apply()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1", "c2");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 1_000));
        // c2 has no voucher, so its bill is a single operation; but 10,000 line outcomes exceed one row.
        var huge = Bill(p, "huge", "c2", PayerKind.Customer, T0.AddDays(1), Enumerable.Range(0, Domain.Deduction.Bill.MaxLines).Select(_ => ("cvm", 1L)).ToArray());
        var bills = new[] { Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 20)), huge, Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)) };

        var results = await world.Get<BillGroupProcessor>().ProcessAsync(p, bills, CancellationToken.None);

        Assert.IsType<BillDecision.Applied>(results[0].Decision);
        Assert.Equal(BillRejectionCodes.TooLarge, Assert.IsType<BillDecision.Rejected>(results[1].Decision).Code);
        Assert.IsType<BillDecision.Applied>(results[2].Decision);
        Assert.Equal(950, await world.BalanceAsync(p, "v1"));
        Assert.Null(await world.Get<IBillBatchLedger>().GetOutcomeAsync(p, PayerKind.Customer, "c2", "huge"));
    }

    [Fact]
    public async Task The_multi_bill_commit_is_atomic_and_refuses_a_stale_voucher()
    {
        var world = fixture.NewWorld();
        var ledger = world.Get<IBillBatchLedger>();
        var p = world.Partner();
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var bills = new[] { Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 10)), Bill(p, "b2", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 20)) };
        var candidates = await ledger.FindCandidatesAsync(p, bills);
        var current = candidates.Single().Value;
        var effects = new List<BillEffects>();
        foreach (var bill in bills)
        {
            var result = DeductionEngine.Deduct(bill, [current], PartnerSettings.Default(p), T0);
            current = result.UpdatedVouchers.Single();
            effects.Add(new BillEffects(bill, result, BillOutcome.From(bill, result, T0)));
        }

        // Someone else changes the voucher first: the whole batch applies nothing.
        var stored = (await world.Get<IVoucherStore>().GetAsync(p, "v1"))!;
        await world.Get<IVoucherStore>().UpdateAsync(stored, stored.Value with { Name = "renamed" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => ledger.CommitManyAsync(p, candidates, [current], effects));
        Assert.Null(await ledger.GetOutcomeAsync(p, PayerKind.Customer, "c1", "b1"));
        Assert.Equal(100, await world.BalanceAsync(p, "v1"));

        var fresh = await ledger.FindCandidatesAsync(p, bills);
        Assert.Equal(BillBatchCommitStatus.Applied, await ledger.CommitManyAsync(p, fresh, [current], effects));
        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Equal(BillBatchCommitStatus.SomeAlreadyApplied, await ledger.CommitManyAsync(p, await ledger.FindCandidatesAsync(p, bills), [current], effects));
        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Equal(2, (await world.UsagesAsync(p, "v1")).Count);
    }
}
