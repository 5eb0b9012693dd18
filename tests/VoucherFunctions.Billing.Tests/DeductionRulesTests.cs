using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class DeductionRulesTests(BillingFixture fixture)
{
    [Fact]
    public async Task A_bill_at_exactly_the_expiry_does_not_use_the_voucher_one_tick_before_does()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        var expiry = T0.AddDays(5);
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100, expires: expiry));

        await world.HandleAsync(Bill(p, "at", "c1", PayerKind.Customer, expiry, ("cvm", 10)));
        await world.HandleAsync(Bill(p, "before", "c1", PayerKind.Customer, expiry.AddTicks(-1), ("cvm", 10)));

        Assert.Equal(90, await world.BalanceAsync(p, "v1"));
        var outcomes = (await world.OutcomesAsync()).ToDictionary(o => o.BillId);
        Assert.Equal("0.0000001", outcomes["at"].TotalRemainingPayable);
        Assert.Equal("0", outcomes["before"].TotalRemainingPayable);
    }

    [Fact]
    public async Task The_frozen_blocklist_of_a_voucher_is_honoured_for_products_and_sub_products()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100, blocklist: ProductSet.Of("gpu", "cbs-ssd")));
        var bill = Domain.Deduction.Bill.Create("b1", p, PayerKind.Customer, "c1", Domain.Money.Currency.USD, T0.AddDays(1),
        [
            new BillLine("a", "gpu", null, PaymentMode.Postpaid, Usd(5)),
            new BillLine("b", "cbs", "cbs-ssd", PaymentMode.Postpaid, Usd(7)),
            new BillLine("c", "cbs", "cbs-hdd", PaymentMode.Postpaid, Usd(11)),
        ]);

        await world.HandleAsync(bill);

        Assert.Equal(89, await world.BalanceAsync(p, "v1"));
        var outcome = Assert.Single(await world.OutcomesAsync());
        Assert.Equal(["0", "0", "0.00000011"], outcome.Lines!.Select(l => l.Allocated));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_partner_bill_uses_the_customers_Type_II_before_Type_I_when_the_switch_is_on(bool associatedFirst)
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1", "c2");
        await world.VoucherAsync(Voucher(p, "general", VoucherType.TypeI, null, 100, expires: T0.AddDays(10)));
        await world.VoucherAsync(Voucher(p, "trial", VoucherType.TypeII, "c1", 100, expires: T0.AddDays(20)));
        await world.VoucherAsync(Voucher(p, "trial-other", VoucherType.TypeII, "c2", 100, expires: T0.AddDays(2)));
        await world.VoucherAsync(Voucher(p, "customer", VoucherType.TypeIII, "c1", 100, expires: T0.AddDays(2)));
        if (!associatedFirst)
        {
            await world.Get<IPartnerSettingsStore>().SaveAsync(PartnerSettings.Default(p).WithAssociatedVouchersDeductedFirst(false, T0), null);
        }

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Partner, T0.AddDays(1), ("cvm", 130)));

        // On: the trial first (though it expires later); off: earliest expiry first (the general one).
        Assert.Equal(associatedFirst ? 70 : 0, await world.BalanceAsync(p, "general"));
        Assert.Equal(associatedFirst ? 0 : 70, await world.BalanceAsync(p, "trial"));
        Assert.Equal(100, await world.BalanceAsync(p, "trial-other"));
        Assert.Equal(100, await world.BalanceAsync(p, "customer"));
        await world.OutcomesAsync();
    }

    [Fact]
    public async Task A_customer_bill_uses_only_that_customers_Type_III_vouchers()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1", "c2");
        await world.VoucherAsync(Voucher(p, "general", VoucherType.TypeI, null, 100));
        await world.VoucherAsync(Voucher(p, "trial", VoucherType.TypeII, "c1", 100));
        await world.VoucherAsync(Voucher(p, "mine", VoucherType.TypeIII, "c1", 50));
        await world.VoucherAsync(Voucher(p, "theirs", VoucherType.TypeIII, "c2", 100));

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 80)));

        long[] balances = [await world.BalanceAsync(p, "general"), await world.BalanceAsync(p, "trial"), await world.BalanceAsync(p, "mine"), await world.BalanceAsync(p, "theirs")];
        Assert.Equal([100L, 100L, 0L, 100L], balances);
        var outcome = Assert.Single(await world.OutcomesAsync());
        Assert.Equal("0.0000003", outcome.TotalRemainingPayable);
        var usage = Assert.Single(await world.UsagesAsync(p, "mine"));
        Assert.Equal((PayerKind.Customer, "c1", "b1", "l0", 50L), (usage.PayerKind, usage.PayerId, usage.BillId, usage.LineId, usage.Amount.MinorUnits));
    }
}
