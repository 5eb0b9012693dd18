namespace VoucherFunctions.Domain.Reports;

using System.Globalization;
using VoucherFunctions.Domain.Distribution;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Vouchers;

/// <summary>Why a trial voucher's line of the reconciliation needs a look.</summary>
public enum ReconciliationFlag
{
    /// <summary>The customer side (Type III) used more to date than the partner side (Type II): the partner offset its customer by more than the vendor offset the partner.</summary>
    CustomerUsedMore,

    /// <summary>Either side was used for consumption at or after the Type II's invalidation (or the Type III's own withdrawal).</summary>
    UsedAfterInvalidation,

    /// <summary>Either side was used for consumption at or after its expiry.</summary>
    UsedAfterExpiry,
}

/// <summary>One Type II voucher and its associated Type III: what each side used this month and to date (at the month's end), customer − partner.</summary>
public sealed record TrialReconciliation(
    Voucher PartnerVoucher,
    Money PartnerUsedThisMonth,
    Money PartnerUsedToDate,
    Voucher? CustomerVoucher,
    Money CustomerUsedThisMonth,
    Money CustomerUsedToDate,
    Money DifferenceThisMonth,
    Money DifferenceToDate,
    IReadOnlyList<ReconciliationFlag> Flags);

/// <summary>Usage in the month by who bears its cost, in one currency: the vendor (Type I, Type II), the partner (its Type III), a distributor (its second-level resellers' Type III).</summary>
public sealed record FundingTotals(Currency Currency, Money VendorTypeI, Money VendorTypeII, Money Partner, Money Distributor)
{
    public Money Vendor => VendorTypeI + VendorTypeII;
}

/// <summary>A distributor's second-level reseller: its quota pool, the trial pairs whose Type III it holds, and its book's totals.</summary>
public sealed record ResellerReconciliation(QuotaPool Quota, IReadOnlyList<TrialReconciliation> TrialVouchers, IReadOnlyList<FundingTotals> Totals);

public sealed record ReconciliationReport(string PartnerId, string Month, IReadOnlyList<TrialReconciliation> TrialVouchers, IReadOnlyList<FundingTotals> Totals, IReadOnlyList<ResellerReconciliation> SecondLevelResellers);

/// <summary>One reseller's book as the report reads it.</summary>
public sealed record ResellerBook(QuotaPool Quota, IReadOnlyCollection<Voucher> Vouchers);

/// <summary>
/// The reconciliation of one month, from the vouchers' monthly usage (<see cref="MonthlyUsage"/>, kept in the same commit
/// as the usage records, so equal to their sum). Pure: the caller reads the books.
/// </summary>
public static class Reconciliation
{
    /// <summary>Parses "yyyy-MM" to the month's first instant (UTC); false for anything else.</summary>
    public static bool TryParseMonth(string? text, out DateTimeOffset start) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);

    /// <param name="partnerId">Whose report.</param>
    /// <param name="month">"yyyy-MM" (UTC calendar month of the bill time).</param>
    /// <param name="books">Every voucher in the partner's books; each must have <see cref="Voucher.UsageByMonth"/> (the caller fills in older vouchers' from their usage records).</param>
    /// <param name="resellers">For a distributor: each second-level reseller's pool and book.</param>
    public static ReconciliationReport Build(string partnerId, string month, IReadOnlyCollection<Voucher> books, IReadOnlyList<ResellerBook> resellers)
    {
        ArgumentNullException.ThrowIfNull(books);
        ArgumentNullException.ThrowIfNull(resellers);
        if (!TryParseMonth(month, out var start))
        {
            throw new ArgumentException($"'{month}' is not a yyyy-MM month.", nameof(month));
        }

        var end = start.AddMonths(1);
        var customerVouchers = books.Concat(resellers.SelectMany(r => r.Vouchers))
            .Where(v => v.Type == VoucherType.TypeIII && v.AssociatedVoucherId is not null)
            .GroupBy(v => v.AssociatedVoucherId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var trials = books
            .Where(v => v.Type == VoucherType.TypeII && v.EffectiveFrom < end)
            .OrderBy(v => v.VoucherId, StringComparer.Ordinal)
            .Select(v => Trial(v, customerVouchers.GetValueOrDefault(v.VoucherId), month))
            .ToArray();
        var sections = resellers
            .OrderBy(r => r.Quota.ResellerId, StringComparer.Ordinal)
            .Select(r =>
            {
                var held = r.Vouchers.Select(v => v.VoucherId).ToHashSet(StringComparer.Ordinal);
                return new ResellerReconciliation(
                    r.Quota,
                    trials.Where(t => t.CustomerVoucher is { } c && c.PartnerId == r.Quota.ResellerId && held.Contains(c.VoucherId)).ToArray(),
                    Totals(r.Vouchers, month));
            })
            .ToArray();
        return new ReconciliationReport(partnerId, month, trials, Totals(books, month), sections);
    }

    private static TrialReconciliation Trial(Voucher partnerVoucher, Voucher? customerVoucher, string month)
    {
        var currency = partnerVoucher.Currency;
        var partnerUsage = UsageOf(partnerVoucher);
        var partnerMonth = partnerUsage.UsedIn(month, currency);
        var partnerToDate = partnerUsage.UsedThrough(month, currency);
        var customerUsage = customerVoucher is null ? MonthlyUsage.Empty : UsageOf(customerVoucher);
        var customerCurrency = customerVoucher?.Currency ?? currency;
        var customerMonth = customerUsage.UsedIn(month, customerCurrency);
        var customerToDate = customerUsage.UsedThrough(month, customerCurrency);

        var flags = new List<ReconciliationFlag>();
        if (customerToDate.MinorUnits > partnerToDate.MinorUnits)
        {
            flags.Add(ReconciliationFlag.CustomerUsedMore);
        }

        var partnerLast = partnerUsage.LastBillTimeThrough(month);
        var customerLast = customerUsage.LastBillTimeThrough(month);
        DateTimeOffset? invalidatedAt = partnerVoucher.Status == VoucherStatus.Invalidated ? partnerVoucher.StatusChangedAt : null;
        DateTimeOffset? withdrawnAt = customerVoucher is { Status: VoucherStatus.Withdrawn or VoucherStatus.Invalidated } ended ? ended.StatusChangedAt : null;
        if ((invalidatedAt is { } i && (partnerLast >= i || customerLast >= i)) || (withdrawnAt is { } w && customerLast >= w))
        {
            flags.Add(ReconciliationFlag.UsedAfterInvalidation);
        }

        if (partnerLast >= partnerVoucher.ExpiresAt || (customerVoucher is not null && customerLast >= customerVoucher.ExpiresAt))
        {
            flags.Add(ReconciliationFlag.UsedAfterExpiry);
        }

        var sameCurrency = customerCurrency == currency;
        return new TrialReconciliation(
            partnerVoucher,
            partnerMonth,
            partnerToDate,
            customerVoucher,
            customerMonth,
            customerToDate,
            sameCurrency ? customerMonth - partnerMonth : Money.Zero(currency),
            sameCurrency ? customerToDate - partnerToDate : Money.Zero(currency),
            flags);
    }

    /// <summary>The month's usage of a book's vouchers per currency, by funding party; currencies with no usage are left out.</summary>
    public static IReadOnlyList<FundingTotals> Totals(IEnumerable<Voucher> vouchers, string month) =>
        vouchers
            .GroupBy(v => v.Currency.Code, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var currency = g.First().Currency;
                Money Sum(Func<Voucher, bool> which) => g.Where(which).Aggregate(Money.Zero(currency), (sum, v) => sum + UsageOf(v).UsedIn(month, currency));
                return new FundingTotals(
                    currency,
                    Sum(v => v.Type == VoucherType.TypeI),
                    Sum(v => v.Type == VoucherType.TypeII),
                    Sum(v => v.Type == VoucherType.TypeIII && v.FundingParty != FundingParty.Distributor),
                    Sum(v => v.Type == VoucherType.TypeIII && v.FundingParty == FundingParty.Distributor));
            })
            .Where(t => !(t.Vendor + t.Partner + t.Distributor).IsZero)
            .ToArray();

    private static MonthlyUsage UsageOf(Voucher voucher) =>
        voucher.UsageByMonth ?? throw new ArgumentException($"Voucher '{voucher.VoucherId}' has no monthly usage; fill it in from its usage records first.", nameof(voucher));
}
