using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class RandomBillsTests(BillingFixture fixture)
{
    [Fact]
    public async Task Five_hundred_random_bills_leave_exactly_the_balances_and_usage_the_pure_engine_predicts()
    {
        var world = fixture.NewWorld();
        var random = new Random(20250310);
        var p = world.Partner();
        string[] customers = ["c1", "c2", "c3", "c4"];
        string[] products = ["cvm", "cbs", "gpu", "cdn"];
        await world.CustomerAsync(p, customers);
        var vouchers = new Dictionary<string, Voucher>(StringComparer.Ordinal);
        for (var i = 0; i < 24; i++)
        {
            // One of the three types (the enum starts at 1; 0 would be no type at all).
            var type = (VoucherType)(random.Next(3) + 1);
            var uin = customers[random.Next(customers.Length)];
            var voucher = Voucher(
                p,
                $"v{i:D2}",
                type,
                uin,
                random.NextInt64(1, 5_000),
                expires: T0.AddDays(random.Next(1, 40)),
                purpose: type == VoucherType.TypeIII && random.Next(3) == 0 ? VoucherPurpose.ProductTrial : null,
                blocklist: random.Next(4) == 0 ? ProductSet.Of(products[random.Next(products.Length)]) : null,
                scope: random.Next(4) == 0 ? ProductScope.AllowList(products[random.Next(products.Length)]) : null);
            vouchers[voucher.VoucherId] = await world.VoucherAsync(voucher);
        }

        var settings = PartnerSettings.Default(p);
        var expectedUsages = new List<VoucherUsage>();
        var expectedOutcomes = new List<(string BillId, string Status, string? TotalAllocated)>();
        for (var b = 0; b < 500; b++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 4))
                .Select(i => (products[random.Next(products.Length)], random.NextInt64(0, 400)))
                .ToArray();
            var bill = Bill(p, $"b{b:D3}", customers[random.Next(customers.Length)], random.Next(2) == 0 ? PayerKind.Customer : PayerKind.Partner, T0.AddDays(random.Next(0, 45)).AddTicks(random.Next()), lines);

            await world.HandleAsync(bill);

            var predicted = DeductionEngine.Deduct(bill, vouchers.Values.ToArray(), settings, T0);
            foreach (var updated in predicted.UpdatedVouchers)
            {
                vouchers[updated.VoucherId] = updated;
            }

            expectedUsages.AddRange(predicted.Usages);
            expectedOutcomes.Add((bill.BillId, BillOutcomeMessage.StatusApplied, predicted.TotalAllocated.ToString()));
        }

        // First, each bill once, applied as predicted: a bill handled twice or never is named here, before its
        // effect shows only as a balance off by some amount.
        Assert.Equal(expectedOutcomes.Order(), (await world.OutcomesAsync()).Select(o => (o.BillId, o.Status, o.TotalAllocated)).Order().ToArray());
        Assert.Empty(await world.PoisonAsync());

        foreach (var voucher in vouchers.Values)
        {
            var stored = (await world.Get<IVoucherStore>().GetAsync(p, voucher.VoucherId))!.Value;
            Assert.Equal((voucher.VoucherId, voucher.Balance.MinorUnits, voucher.Status), (stored.VoucherId, stored.Balance.MinorUnits, stored.Status));
            var usages = await world.UsagesAsync(p, voucher.VoucherId);
            var expected = expectedUsages.Where(u => u.VoucherId == voucher.VoucherId).Select(u => (u.BillId, u.LineId, u.Amount.MinorUnits)).Order().ToArray();
            Assert.Equal(expected, usages.Select(u => (u.BillId, u.LineId, u.Amount.MinorUnits)).Order().ToArray());
        }
    }
}
