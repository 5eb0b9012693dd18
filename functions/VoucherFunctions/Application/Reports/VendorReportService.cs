using System.ComponentModel;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Reports;

namespace VoucherFunctions.Application.Reports;

/// <summary>What the vendor's vouchers cost in a month: per partner and currency, Type I and Type II used on its bills.</summary>
public sealed record VendorReportDto(
    string Month,
    [property: Description("Partners with vendor-funded usage in the month, by id, one row per currency.")] IReadOnlyList<VendorPartnerUsageDto> Partners,
    [property: Description("All partners together, per currency.")] IReadOnlyList<VendorTotalDto> Totals);

public sealed record VendorPartnerUsageDto(string PartnerId, string Currency, string TypeI, string TypeII, string VendorFunded);

public sealed record VendorTotalDto(string Currency, string TypeI, string TypeII, string VendorFunded);

/// <summary>
/// The vendor report: the partners noted in <see cref="IVendorUsageIndex"/> for the month (one range read), then each
/// one's Type I + II range (one range read per partner, in parallel), with the same monthly usage as the reconciliation.
/// </summary>
public sealed class VendorReportService(IVendorUsageIndex index, IVoucherBook books, ReconciliationService reconciliation)
{
    public async Task<VendorReportDto> ReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var month = ReconciliationService.Month(query.Month);
        var partners = await index.PartnersAsync(month, cancellationToken);
        var rows = (await Task.WhenAll(partners.Select(async partnerId =>
            {
                var vouchers = await reconciliation.WithMonthlyUsageAsync(partnerId, await books.VendorFundedAsync(partnerId, cancellationToken), cancellationToken);
                return Reconciliation.Totals(vouchers, month).Select(t => new VendorPartnerUsageDto(partnerId, t.Currency.Code, t.VendorTypeI.ToString(), t.VendorTypeII.ToString(), t.Vendor.ToString()));
            })))
            .SelectMany(r => r)
            .ToArray();
        var byCurrency = rows
            .GroupBy(r => r.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var currency = Domain.Money.Currency.Of(g.Key);
                Domain.Money.Money Sum(Func<VendorPartnerUsageDto, string> column) =>
                    g.Aggregate(Domain.Money.Money.Zero(currency), (sum, r) => sum + Domain.Money.Money.Parse(column(r), currency));
                return new VendorTotalDto(g.Key, Sum(r => r.TypeI).ToString(), Sum(r => r.TypeII).ToString(), Sum(r => r.VendorFunded).ToString());
            })
            .ToArray();
        return new VendorReportDto(month, rows, byCurrency);
    }
}
