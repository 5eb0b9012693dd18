using Microsoft.Extensions.DependencyInjection;
using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

[Collection(BillingCollection.Name)]
public sealed class PoisonTests(BillingFixture fixture)
{
    public static TheoryData<string> Cases => new()
    {
        BillRejectionCodes.Malformed,
        BillRejectionCodes.Invalid,
        BillRejectionCodes.UnknownPartner,
        BillRejectionCodes.UnknownCustomer,
        BillRejectionCodes.CurrencyMismatch,
        BillRejectionCodes.ConflictingDuplicate,
        BillRejectionCodes.TooLarge,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bill_refused_for_good_goes_to_poison_with_its_reason_and_changes_nothing(string code)
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c1");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 1_000));
        var good = Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30));
        if (code == BillRejectionCodes.ConflictingDuplicate)
        {
            await world.HandleAsync(good);
            await world.OutcomesAsync();
        }

        var before = await world.BalanceAsync(p, "v1");
        var usagesBefore = (await world.UsagesAsync(p, "v1")).Count;
        var body = code switch
        {
            BillRejectionCodes.Malformed => "{\"version\":1,",
            BillRejectionCodes.Invalid => Json(good).Replace("\"postpaid\"", "\"sometimes\"", StringComparison.Ordinal),
            BillRejectionCodes.UnknownPartner => Json(Bill(world.Partner("nobody"), "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30))),
            BillRejectionCodes.UnknownCustomer => Json(Bill(p, "b1", "c9", PayerKind.Partner, T0.AddDays(1), ("cvm", 30))),
            BillRejectionCodes.CurrencyMismatch => Json(good).Replace("\"amount\":", "\"currency\":\"EUR\",\"amount\":", StringComparison.Ordinal),
            BillRejectionCodes.ConflictingDuplicate => Json(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 31))),
            _ => Json( // 100 lines: 1 marker + 100 usage rows + 1 voucher > 100 operations
Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), Enumerable.Range(0, 100).Select(_ => ("cvm", 1L)).ToArray())),
        };
        var message = await world.MessageAsync(body);
        await world.HandleAsync(message); // returns normally: the message is deleted, not retried

        var envelope = Assert.Single(await world.PoisonAsync());
        Assert.Equal(code, envelope.ReasonCode);
        Assert.Equal(body, envelope.OriginalBody);
        Assert.Equal(1, envelope.DequeueCount);
        Assert.NotEmpty(envelope.Message);
        Assert.Equal(before, await world.BalanceAsync(p, "v1"));
        Assert.Equal(usagesBefore, (await world.UsagesAsync(p, "v1")).Count);
        var outcomes = await world.OutcomesAsync();
        if (code != BillRejectionCodes.Malformed)
        {
            var rejected = Assert.Single(outcomes);
            Assert.Equal(("rejected", code), (rejected.Status, rejected.Reason!.Code));
        }
        else
        {
            Assert.Empty(outcomes);
        }
    }

    [Fact]
    public async Task A_rejected_bill_can_still_apply_once_corrected()
    {
        var world = fixture.NewWorld();
        var p = world.Partner();
        await world.CustomerAsync(p, "c0");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));
        var bill = Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30));

        await world.HandleAsync(bill);
        Assert.Equal(BillRejectionCodes.UnknownCustomer, (await world.Get<IBillRejectionStore>().GetAsync(p, PayerKind.Customer, "c1", "b1"))!.Code);
        await world.CustomerAsync(p, "c1");
        await world.HandleAsync(bill);

        Assert.Equal(70, await world.BalanceAsync(p, "v1"));
        Assert.Equal(["rejected", "applied"], (await world.OutcomesAsync()).Select(o => o.Status));
        Assert.Single(await world.PoisonAsync());
    }

    [Fact]
    public async Task Without_coalescing_a_bill_of_an_unknown_customer_is_still_refused_and_changes_nothing()
    {
        var world = fixture.NewWorld(services => services.AddSingleton(new BillingOptions { Coalesce = false }));
        var p = world.Partner();
        await world.CustomerAsync(p, "c0");
        await world.VoucherAsync(Voucher(p, "v1", VoucherType.TypeIII, "c1", 100));

        await world.HandleAsync(Bill(p, "b1", "c1", PayerKind.Customer, T0.AddDays(1), ("cvm", 30)));

        Assert.Equal(100, await world.BalanceAsync(p, "v1"));
        Assert.Empty(await world.UsagesAsync(p, "v1"));
        Assert.Equal(BillRejectionCodes.UnknownCustomer, Assert.Single(await world.PoisonAsync()).ReasonCode);
        Assert.Equal(["rejected"], (await world.OutcomesAsync()).Select(o => o.Status));
    }
}
