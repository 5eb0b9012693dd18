namespace VoucherFunctions.Domain.Tests.Deduction;

using FsCheck;
using FsCheck.Fluent;
using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Scopes;
using VoucherFunctions.Domain.Vouchers;

/// <summary>A random bill, random candidate vouchers (many of them ineligible on purpose), and the switch.</summary>
public sealed record DeductionScenario(Bill Bill, Voucher[] Vouchers, bool AssociatedFirst, Voucher[] ShuffledVouchers, BillLine[] ShuffledLines)
{
    public PartnerSettings Settings => PartnerSettings.Default(Bill.PartnerId) with { AssociatedVouchersDeductedFirst = AssociatedFirst };

    public override string ToString() =>
        $"Bill {Bill.PayerKind} at {Bill.BillTime:O}: " + string.Join("; ", Bill.Lines.Select(l => $"{l.LineId} {l.ProductCode}/{l.SubProductCode} {l.PaymentMode} {l.Amount}"))
        + $" | switch {AssociatedFirst} | " + string.Join("; ", Vouchers.Select(v => $"{v.VoucherId} {v.Type} {v.Purpose} {v.PartnerId}/{v.CustomerUin} {v.Balance}/{v.Amount} {v.Currency} {v.Status} {v.EffectiveFrom:MM-dd HH}..{v.ExpiresAt:MM-dd HH} {v.ProductScope} {v.PaymentModeScope} bl{v.FrozenBlocklist}"));
}

internal static class DeductionGenerators
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2025-03-03T00:00:00Z");
    private static readonly Currency Cny = Currency.Of("CNY");


    private static Gen<Money> AmountGen(Currency currency, int maxUnits) =>
        from units in Gen.Choose(0, maxUnits)
        from minor in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 99_999_999)))
        select Money.FromMinorUnits((units * Money.MinorUnitsPerUnit) + minor, currency);

    // Small sets of times and amounts make ties on expiry, balance and age common, so the last
    // ordering criteria are exercised. Mostly vouchers of the kind the payer can use, so that eligibility is often met; the rest test exclusion.
    private static Gen<Voucher> VoucherGen(int index, PayerKind payerKind) =>
        from type in payerKind == PayerKind.Customer
            ? Gen.Frequency((6, Gen.Constant(VoucherType.TypeIII)), (1, Gen.Constant(VoucherType.TypeI)), (1, Gen.Constant(VoucherType.TypeII)))
            : Gen.Frequency((1, Gen.Constant(VoucherType.TypeIII)), (3, Gen.Constant(VoucherType.TypeI)), (3, Gen.Constant(VoucherType.TypeII)))
        from trial in Gen.Elements(true, false)
        from partner in Gen.Frequency((12, Gen.Constant("p1")), (1, Gen.Constant("p2")))
        from customer in Gen.Frequency((8, Gen.Constant("c1")), (1, Gen.Constant("c2")))
        from currency in Gen.Frequency((12, Gen.Constant(Currency.USD)), (1, Gen.Constant(Cny)))
        from face in Gen.Frequency((2, Gen.Elements(10L, 20L, 50L).Select(u => Money.FromUnits(u, currency))), (3, AmountGen(currency, 300).Where(m => m.IsPositive)))
        from usedPercent in Gen.Frequency((3, Gen.Constant(0L)), (1, Gen.Constant(50L)), (3, Gen.Choose(0, 100).Select(p => (long)p)), (1, Gen.Constant(100L)))
        from status in Gen.Frequency((20, Gen.Constant(VoucherStatus.Active)), (1, Gen.Constant(VoucherStatus.Expired)), (1, Gen.Constant(VoucherStatus.Withdrawn)), (1, Gen.Constant(VoucherStatus.Invalidated)))
        from effectiveHours in Gen.Frequency((3, Gen.Elements(-48, -24, 0)), (2, Gen.Choose(-120, 0)), (1, Gen.Choose(0, 72)))
        from validityHours in Gen.Frequency((3, Gen.Elements(96, 168)), (2, Gen.Choose(72, 480)), (1, Gen.Choose(1, 72)))
        from ageHours in Gen.Choose(0, 3)
        from productScope in Gen.Elements(ProductScope.AllProducts, ProductScope.AllProducts, ProductScope.AllProducts, ProductScope.AllowList("cvm"), ProductScope.AllowList("cos", "cdn"), ProductScope.BlockList("cvm"), ProductScope.AllowList("cvm-gpu"), ProductScope.BlockList("cvm-gpu"))
        from paymentModeScope in Gen.Elements(PaymentModeScope.All, PaymentModeScope.All, PaymentModeScope.All, PaymentModeScope.Prepaid, PaymentModeScope.Postpaid)
        from blocklist in Gen.Elements(ProductSet.Empty, ProductSet.Empty, ProductSet.Of("cdn"), ProductSet.Of("cvm-gpu"))
        select Build(index, type, trial, partner, customer, face, usedPercent, status, effectiveHours, validityHours, ageHours, productScope, paymentModeScope, blocklist);

    private static Voucher Build(int index, VoucherType type, bool trial, string partner, string customer, Money face, long usedPercent, VoucherStatus status, int effectiveHours, int validityHours, int ageHours, ProductScope productScope, PaymentModeScope paymentModeScope, ProductSet blocklist)
    {
        var balance = Money.FromMinorUnits(face.MinorUnits / 100 * (100 - usedPercent), face.Currency);
        var effective = T0.AddHours(effectiveHours);
        return new Voucher
        {
            // Mixed-case ids so ordinal ordering matters.
            VoucherId = index % 2 == 0 ? $"v{index}" : $"V{index}",
            PartnerId = partner,
            Type = type,
            Purpose = type switch
            {
                VoucherType.TypeI => VoucherPurpose.General,
                VoucherType.TypeII => VoucherPurpose.ProductTrial,
                _ => trial ? VoucherPurpose.ProductTrial : VoucherPurpose.CustomerDiscount,
            },
            FundingParty = type == VoucherType.TypeIII ? FundingParty.Partner : FundingParty.Vendor,
            CustomerUin = type == VoucherType.TypeI ? null : customer,
            Name = "generated",
            Amount = face,
            Balance = balance,
            WithdrawnAmount = Money.Zero(face.Currency),
            ProductScope = productScope,
            PaymentModeScope = paymentModeScope,
            FrozenBlocklist = blocklist,
            IssuedAt = effective.AddHours(-ageHours),
            EffectiveFrom = effective,
            ExpiresAt = effective.AddHours(validityHours),
            Status = balance.IsZero && status == VoucherStatus.Active ? VoucherStatus.Exhausted : status,
            StatusChangedAt = effective,
        };
    }

    private static Gen<BillLine> LineGen(int index) =>
        from product in Gen.Elements("cvm", "cos", "cdn")
        from gpu in Gen.Elements(true, false)
        from mode in Gen.Elements(PaymentMode.Prepaid, PaymentMode.Postpaid)
        from amount in AmountGen(Currency.USD, 400)
        select new BillLine($"line-{index}", product, product == "cvm" && gpu ? "cvm-gpu" : null, mode, amount);

    public static readonly Gen<DeductionScenario> ScenarioGen =
        from payerKind in Gen.Elements(PayerKind.Customer, PayerKind.Partner)
        from billHours in Gen.Choose(0, 72)
        from lineCount in Gen.Choose(1, 4)
        from lines in Gen.CollectToArray(Enumerable.Range(0, lineCount), LineGen)
        from voucherCount in Gen.Choose(0, 10)
        from generated in Gen.CollectToArray(Enumerable.Range(0, voucherCount), i => VoucherGen(i, payerKind))
        from twinned in Gen.SubListOf(generated)
        // Twins differ from their original only in the id, so every criterion but the last ties.
        let vouchers = generated.Concat(twinned.Select(v => v with { VoucherId = v.VoucherId + "t" })).ToArray()
        from associatedFirst in Gen.Elements(true, false)
        from shuffledVouchers in Gen.Shuffle(vouchers)
        from shuffledLines in Gen.Shuffle(lines)
        select new DeductionScenario(
            Bill.Create("bill", "p1", payerKind, "c1", Currency.USD, T0.AddHours(billHours), lines),
            vouchers,
            associatedFirst,
            shuffledVouchers,
            shuffledLines);

    public static Arbitrary<DeductionScenario> Scenarios() => ScenarioGen.ToArbitrary();
}
