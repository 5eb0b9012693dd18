namespace VoucherFunctions.Domain.Tests.Reports;

using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Reports;
using VoucherFunctions.Domain.Tests.Support;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Domain.Tests.Support.TestData;

/// <summary>The reconciliation's figures and flags from vouchers' monthly usage (the HTTP tests work a full example).</summary>
public class ReconciliationTests
{
    private const string March = "2025-03";

    private static Voucher Used(Voucher v, params (DateTimeOffset At, string Amount)[] uses) =>
        uses.Aggregate(v, (voucher, u) => voucher.Deduct(TestMoney.Usd(u.Amount), u.At, u.At));

    private static (Voucher TypeII, Voucher TypeIII) Pair(string amount = "100") =>
        (Voucher("v2", VoucherType.TypeII, amount: amount, associatedVoucherId: "v3", effectiveFrom: T0.AddDays(-30), expiresAt: T0.AddDays(60)),
         Voucher("v3", VoucherType.TypeIII, VoucherPurpose.ProductTrial, amount: amount, associatedVoucherId: "v2", effectiveFrom: T0.AddDays(-30), expiresAt: T0.AddDays(60)));

    [Fact]
    public void This_month_and_to_date_add_up_month_by_month_and_the_difference_is_customer_minus_partner()
    {
        var (two, three) = Pair();
        two = Used(two, (T0.AddDays(-10), "30"), (T0.AddDays(5), "20"));   // February 30, March 20
        three = Used(three, (T0.AddDays(-9), "10"), (T0.AddDays(6), "25")); // February 10, March 25

        var trial = Assert.Single(Reconciliation.Build(PartnerId, March, [two, three], []).TrialVouchers);

        Assert.Equal(("20", "50", "25", "35", "5", "-15"), (trial.PartnerUsedThisMonth.ToString(), trial.PartnerUsedToDate.ToString(), trial.CustomerUsedThisMonth.ToString(), trial.CustomerUsedToDate.ToString(), trial.DifferenceThisMonth.ToString(), trial.DifferenceToDate.ToString()));
        Assert.Empty(trial.Flags);
    }

    [Fact]
    public void Customer_side_using_more_is_flagged()
    {
        var (two, three) = Pair();
        var trial = Assert.Single(Reconciliation.Build(PartnerId, March, [Used(two, (T0, "10")), Used(three, (T0, "10.00000001"))], []).TrialVouchers);
        Assert.Equal([ReconciliationFlag.CustomerUsedMore], trial.Flags);
    }

    [Fact]
    public void Use_at_or_after_the_invalidation_is_flagged()
    {
        var (two, three) = Pair();
        var invalidated = two.Invalidate(T0.AddDays(3));
        // The customer side kept paying after the partner voucher was invalidated (its withdrawal had not reached it yet).
        var trial = Assert.Single(Reconciliation.Build(PartnerId, March, [invalidated, Used(three, (T0.AddDays(4), "5"))], []).TrialVouchers);
        Assert.Contains(ReconciliationFlag.UsedAfterInvalidation, trial.Flags);
    }

    [Fact]
    public void Use_at_or_after_expiry_is_flagged()
    {
        var (two, three) = Pair();
        // Storage could only hold this through a fault: the engine never lets a bill at or past expiry use a voucher.
        var late = three with { UsageByMonth = MonthlyUsage.Empty.Add(three.ExpiresAt, TestMoney.Usd("1")) };
        var trial = Assert.Single(Reconciliation.Build(PartnerId, "2025-05", [two, late], []).TrialVouchers);
        Assert.Equal([ReconciliationFlag.CustomerUsedMore, ReconciliationFlag.UsedAfterExpiry], trial.Flags);
    }

    [Fact]
    public void Totals_split_the_month_by_funding_party_per_currency()
    {
        var typeI = Used(Voucher("g1", VoucherType.TypeI), (T0, "7"));
        var (two, three) = Pair();
        var discount = Used(Voucher("d3"), (T0, "3"));
        var distributorFunded = Used(Voucher("r3") with { FundingParty = FundingParty.Distributor }, (T0, "4"));
        var yuan = Currency.Of("CNY");
        var cny = Voucher("c3", currency: yuan).Deduct(Money.Parse("9", yuan), T0, T0);

        var totals = Reconciliation.Totals([typeI, Used(two, (T0, "2")), Used(three, (T0, "1")), discount, distributorFunded, cny, Voucher("unused")], March);

        Assert.Equal(["CNY", "USD"], totals.Select(t => t.Currency.Code));
        Assert.Equal(("0", "0", "9", "0"), (totals[0].VendorTypeI.ToString(), totals[0].VendorTypeII.ToString(), totals[0].Partner.ToString(), totals[0].Distributor.ToString()));
        Assert.Equal(("7", "2", "9", "4", "4"), (totals[1].VendorTypeI.ToString(), totals[1].VendorTypeII.ToString(), totals[1].Vendor.ToString(), totals[1].Partner.ToString(), totals[1].Distributor.ToString()));
    }

    [Fact]
    public void Monthly_usage_is_kept_by_deduct_per_bill_time_month()
    {
        var v = Used(Voucher("v", effectiveFrom: T0.AddDays(-30), expiresAt: T0.AddDays(30)), (T0.AddDays(-3), "1"), (T0, "2"), (T0.AddDays(1), "3"));
        Assert.Equal([("2025-02", 100_000_000L), ("2025-03", 500_000_000L)], v.UsageByMonth!.Months.Select(m => (m.Month, m.UsedMinor)));
        Assert.Equal(T0.AddDays(1), v.UsageByMonth.LastBillTime);
        Assert.Equal(v.UsedAmount, v.UsageByMonth.UsedThrough(March, Currency.USD));
    }
}
