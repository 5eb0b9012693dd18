using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VoucherFunctions.Application.Bills;
using VoucherFunctions.Billing.Tests.Support;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Billing.Tests.Support.World;

namespace VoucherFunctions.Billing.Tests;

/// <summary>
/// Explain against apply on real storage: random vouchers of every type and state (so they land in live and ended ranges,
/// expired and not yet effective, in scope or not, in another currency) and a random bill. The explanation, read with the
/// explain queries, must name exactly the allocations that applying the same bill through the bills queue then makes,
/// account for every voucher of the payer on every line once (used, or exactly one reason), and change nothing itself.
/// </summary>
[Collection(BillingCollection.Name)]
public sealed class ExplainMatchesApplyProperties(BillingFixture fixture)
{
    public sealed record Case(PayerKind Payer, VoucherSpec[] Vouchers, (string Product, PaymentMode Mode, long Cents)[] Lines, int BillHours, bool? AssociatedFirst)
    {
        public override string ToString() => $"{Payer} +{BillHours}h lines [{string.Join("; ", Lines)}] switch {AssociatedFirst} vouchers [{string.Join("; ", Vouchers.Select(v => v.ToString()))}]";
    }

    public sealed record VoucherSpec(VoucherType Type, bool Trial, string Uin, long Cents, long UsedPercent, VoucherStatus Status, int EffectiveHours, int ValidityHours, int AgeHours, string? AllowOnly, PaymentModeScope Modes, bool Cny);

    private static readonly Gen<VoucherSpec> VoucherGen =
        from type in Gen.Elements(VoucherType.TypeI, VoucherType.TypeII, VoucherType.TypeIII)
        from trial in Gen.Elements(true, false)
        from uin in Gen.Frequency((4, Gen.Constant("c1")), (1, Gen.Constant("c2")))
        from cents in Gen.Frequency((2, Gen.Elements(1000L, 2000L)), (3, Gen.Choose(1, 30_000).Select(c => (long)c)))
        from used in Gen.Frequency((4, Gen.Constant(0L)), (2, Gen.Choose(0, 99).Select(p => (long)p)), (1, Gen.Constant(100L)))
        from status in Gen.Frequency((12, Gen.Constant(VoucherStatus.Active)), (1, Gen.Constant(VoucherStatus.Expired)), (1, Gen.Constant(VoucherStatus.Withdrawn)), (1, Gen.Constant(VoucherStatus.Invalidated)))
        from effective in Gen.Frequency((4, Gen.Elements(-48, -24)), (1, Gen.Choose(0, 48)))
        from validity in Gen.Frequency((4, Gen.Elements(96, 168)), (1, Gen.Choose(1, 72)))
        from age in Gen.Choose(0, 2)
        from allow in Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("cvm", "cos")))
        from modes in Gen.Frequency((4, Gen.Constant(PaymentModeScope.All)), (1, Gen.Elements(PaymentModeScope.Prepaid, PaymentModeScope.Postpaid)))
        from cny in Gen.Frequency((10, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new VoucherSpec(type, trial, uin, cents, used, status, effective, validity, age, allow, modes, cny);

    private static readonly Gen<Case> CaseGen =
        from payer in Gen.Elements(PayerKind.Customer, PayerKind.Partner)
        from count in Gen.Choose(1, 8)
        from vouchers in Gen.CollectToArray(Enumerable.Range(0, count), _ => VoucherGen)
        from lineCount in Gen.Choose(1, 3)
        from lines in Gen.CollectToArray(Enumerable.Range(0, lineCount), _ =>
            from product in Gen.Elements("cvm", "cos")
            from mode in Gen.Elements(PaymentMode.Prepaid, PaymentMode.Postpaid)
            from cents in Gen.Choose(0, 25_000)
            select (product, mode, (long)cents))
        from hours in Gen.Choose(0, 60)
        from associatedFirst in Gen.Elements<bool?>(null, true, false)
        select new Case(payer, vouchers, lines, hours, associatedFirst);

    [Property(MaxTest = 40, EndSize = 40)]
    public Property Explains_allocations_are_what_applying_the_bill_does_and_every_voucher_has_one_account_per_line() =>
        Prop.ForAll(CaseGen.ToArbitrary(), c => Task.Run(() => CheckAsync(c)).GetAwaiter().GetResult());

    private async Task<bool> CheckAsync(Case c)
    {
        var world = fixture.NewWorld();
        var p = world.Partner("ex");
        await world.CustomerAsync(p, "c1", "c2");
        if (c.AssociatedFirst is { } on)
        {
            var store = world.Get<IPartnerSettingsStore>();
            var (current, version) = await store.GetAsync(p);
            await store.SaveAsync(current.WithAssociatedVouchersDeductedFirst(on, T0), version);
        }

        var seeded = new List<Voucher>();
        for (var i = 0; i < c.Vouchers.Length; i++)
        {
            seeded.Add(await world.VoucherAsync(Build(p, $"v{i}", c.Vouchers[i])));
        }

        var bill = Domain.Deduction.Bill.Create("b1", p, c.Payer, "c1", Currency.USD, T0.AddHours(c.BillHours), c.Lines.Select((l, i) => new BillLine($"l{i}", l.Product, null, l.Mode, Usd(l.Cents * 1_000_000))).ToArray());
        var explainer = world.Get<BillExplainService>();
        var explained = await explainer.ExplainForPartnerAsync(p, BinaryData.FromString(Json(bill)).ToMemory(), CancellationToken.None);
        var balancesAfterExplain = await Task.WhenAll(seeded.Select(v => world.BalanceAsync(p, v.VoucherId)));

        await world.HandleAsync(bill);
        var stored = await world.Get<IBillLedger>().GetOutcomeAsync(p, bill.PayerKind, bill.PayerId, bill.BillId)
            ?? throw new InvalidOperationException("The bill was not applied: " + string.Join(", ", (await world.PoisonAsync()).Select(e => e.ReasonCode)));
        await world.OutcomesAsync();

        // The payer's vouchers: a customer bill reads its customer's Type III, a partner bill Type I and its customer's Type II.
        var payers = seeded.Where(v => c.Payer == PayerKind.Customer ? v.Type == VoucherType.TypeIII && v.CustomerUin == "c1" : v.Type == VoucherType.TypeI || (v.Type == VoucherType.TypeII && v.CustomerUin == "c1"))
            .Select(v => v.VoucherId).Order(StringComparer.Ordinal).ToArray();
        var unchanged = seeded.Select((v, i) => balancesAfterExplain[i] == v.Balance.MinorUnits).All(x => x);
        var sameAllocations = explained.Lines!.Zip(stored.Lines).All(pair =>
            pair.First.LineId == pair.Second.LineId
            && pair.First.RemainingPayable == pair.Second.RemainingPayable.ToString()
            && pair.First.Allocations.Select(a => (a.VoucherId, a.Amount)).SequenceEqual(pair.Second.Allocations.Select(a => (a.VoucherId, a.Amount.ToString()))));
        var accounted = explained.Lines!.All(line =>
            line.Allocations.Select(a => a.VoucherId).Concat(line.NotUsed.Select(u => u.VoucherId)).Order(StringComparer.Ordinal).SequenceEqual(payers)
            && line.NotUsed.All(u => u.Reason.Length > 0 && (u.Reason == BillExplanationWords.NotNeeded || (u.OutrankedBy is null && u.Rule is null))));
        var again = await explainer.ExplainForPartnerAsync(p, BinaryData.FromString(Json(bill)).ToMemory(), CancellationToken.None);
        return unchanged && sameAllocations && accounted && again.Status == BillExplanationDto.StatusAlreadyApplied && again.SameContent == true;
    }

    private static Voucher Build(string partnerId, string id, VoucherSpec s)
    {
        var currency = s.Cny ? Currency.Of("CNY") : Currency.USD;
        var amount = Money.FromMinorUnits(s.Cents * 1_000_000, currency);
        var balance = Money.FromMinorUnits(amount.MinorUnits / 100 * (100 - s.UsedPercent), currency);
        var ended = s.Status is VoucherStatus.Withdrawn or VoucherStatus.Invalidated;
        var effective = T0.AddHours(s.EffectiveHours);
        var voucher = Voucher(partnerId, id, s.Type, s.Uin, 1, expires: effective.AddHours(s.ValidityHours),
            purpose: s.Type == VoucherType.TypeIII && s.Trial ? VoucherPurpose.ProductTrial : null,
            scope: s.AllowOnly is null ? null : ProductScope.AllowList(s.AllowOnly), issued: effective) with
        {
            Amount = amount,
            Balance = ended ? Money.Zero(currency) : balance,
            WithdrawnAmount = ended ? balance : Money.Zero(currency),
            PaymentModeScope = s.Modes,
            IssuedAt = effective.AddHours(-s.AgeHours),
            Status = ended ? (s.Type == VoucherType.TypeIII ? VoucherStatus.Withdrawn : s.Status) : balance.IsZero ? VoucherStatus.Exhausted : s.Status,
        };
        return voucher;
    }
}
