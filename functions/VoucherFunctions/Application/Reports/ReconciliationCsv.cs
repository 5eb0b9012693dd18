using System.Text;
using VoucherFunctions.Application.Usage;

namespace VoucherFunctions.Application.Reports;

/// <summary>
/// The reconciliation as one RFC 4180 table (the writer and formula neutralisation of <see cref="UsageCsv"/>): a
/// <c>section</c> column says what a row is — <c>trialVoucher</c> (a Type II and its Type III), <c>total</c> (a book's
/// month by funding party, per currency) or <c>quota</c> (a second-level reseller's pool) — and the columns that do
/// not apply to it are empty.
/// </summary>
public static class ReconciliationCsv
{
    public static readonly string[] Header =
    [
        "section", "books", "currency", "partnerVoucherId", "customerUin", "customerVoucherId", "amount", "status",
        "partnerUsedThisMonth", "partnerUsedToDate", "customerUsedThisMonth", "customerUsedToDate", "differenceThisMonth", "differenceToDate", "flags",
        "vendorFunded", "vendorTypeI", "vendorTypeII", "partnerFunded", "distributorFunded",
        "quotaAllocated", "quotaIssued", "issuedCount", "quotaRemaining",
    ];

    public static string Write(ReconciliationReportDto report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        UsageCsv.AppendRow(text, Header);
        foreach (var t in report.TrialVouchers)
        {
            Row(text, "trialVoucher", t.CustomerVoucherBooks ?? report.PartnerId, t.Currency,
                t.PartnerVoucherId, t.CustomerUin, t.CustomerVoucherId ?? "", t.Amount, UsageCsv.Camel(t.Status.ToString()),
                t.PartnerUsedThisMonth, t.PartnerUsedToDate, t.CustomerUsedThisMonth, t.CustomerUsedToDate, t.DifferenceThisMonth, t.DifferenceToDate,
                string.Join(' ', t.Flags.Select(f => UsageCsv.Camel(f.ToString()))));
        }

        Totals(text, report.PartnerId, report.Totals);
        foreach (var r in report.SecondLevelResellers ?? [])
        {
            Totals(text, r.ResellerId, r.Totals);
            Row(text, "quota", r.ResellerId, r.Currency, Blank(17).Concat([r.QuotaAllocated, r.QuotaIssued, r.IssuedCount.ToString(System.Globalization.CultureInfo.InvariantCulture), r.QuotaRemaining]).ToArray());
        }

        return text.ToString();
    }

    private static void Totals(StringBuilder text, string books, IEnumerable<FundingTotalsDto> totals)
    {
        foreach (var t in totals)
        {
            Row(text, "total", books, t.Currency, Blank(12).Concat([t.VendorFunded, t.VendorTypeI, t.VendorTypeII, t.PartnerFunded, t.DistributorFunded]).ToArray());
        }
    }

    private static IEnumerable<string> Blank(int count) => Enumerable.Repeat("", count);

    private static void Row(StringBuilder text, string section, string books, string currency, params string[] rest)
    {
        var fields = new[] { section, books, currency }.Concat(rest).ToList();
        fields.AddRange(Blank(Header.Length - fields.Count));
        UsageCsv.AppendRow(text, fields);
    }
}
