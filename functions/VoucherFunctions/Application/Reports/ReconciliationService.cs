using VoucherFunctions.Application.Common;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Reports;
using VoucherFunctions.Domain.Vouchers;

namespace VoucherFunctions.Application.Reports;

/// <summary>
/// The month's reconciliation of a partner (and, for a distributor, of each second-level reseller): read the books (one
/// row-key range per partition), fill in the monthly usage of vouchers stored before it was kept from their usage
/// records, and let <see cref="Reconciliation"/> compute it.
/// </summary>
public sealed class ReconciliationService(IVoucherBook books, IUsageStore usage, IQuotaPoolStore pools)
{
    public async Task<ReconciliationReportDto> ReportAsync(Actor actor, ReportQuery query, CancellationToken cancellationToken)
    {
        var month = Month(query.Month);
        var partnerId = actor.RequirePartnerId();
        var own = BookAsync(partnerId, cancellationToken);
        var resellers = actor.Has(ActorRoles.Distributor) ? await ResellersAsync(partnerId, cancellationToken) : Array.Empty<ResellerBook>();
        var report = Reconciliation.Build(partnerId, month, await own, resellers);
        return new ReconciliationReportDto(
            report.PartnerId,
            report.Month,
            report.TrialVouchers.Select(TrialReconciliationDto.From).ToArray(),
            report.Totals.Select(FundingTotalsDto.From).ToArray(),
            actor.Has(ActorRoles.Distributor) ? report.SecondLevelResellers.Select(ResellerReconciliationDto.From).ToArray() : null);
    }

    public static string Month(string? text) =>
        Reconciliation.TryParseMonth(text, out _)
            ? text!
            : throw (string.IsNullOrEmpty(text) ? UseCaseException.Required("month") : UseCaseException.InvalidInput(UseCaseErrorCodes.QueryInvalid, "month must be YYYY-MM.", "month"));

    private async Task<IReadOnlyList<ResellerBook>> ResellersAsync(string distributorId, CancellationToken cancellationToken)
    {
        var all = new List<Domain.Distribution.QuotaPool>();
        var page = PageRequest.First(PageRequest.MaxPageSize);
        while (true)
        {
            var found = await pools.ListByDistributorAsync(distributorId, page, cancellationToken);
            all.AddRange(found.Items.Select(p => p.Value));
            if (!found.HasMore)
            {
                break;
            }

            page = new PageRequest(PageRequest.MaxPageSize, found.ContinuationToken);
        }

        return await Task.WhenAll(all.Select(async pool => new ResellerBook(pool, await BookAsync(pool.ResellerId, cancellationToken))));
    }

    /// <summary>A partner's vouchers, each with its monthly usage (from the usage records for one stored before that was kept).</summary>
    public async Task<IReadOnlyList<Voucher>> BookAsync(string partnerId, CancellationToken cancellationToken) =>
        await WithMonthlyUsageAsync(partnerId, await books.AllAsync(partnerId, cancellationToken), cancellationToken);

    /// <summary>The vouchers, those stored before monthly usage was kept given theirs from their usage records (one range each, only if used).</summary>
    public async Task<IReadOnlyList<Voucher>> WithMonthlyUsageAsync(string partnerId, IReadOnlyList<Voucher> vouchers, CancellationToken cancellationToken)
    {
        return await Task.WhenAll(vouchers.Select(async v => v.UsageByMonth is not null
            ? v
            : v with { UsageByMonth = v.UsedAmount.IsZero ? MonthlyUsage.Empty : await FromUsageRecordsAsync(partnerId, v.VoucherId, cancellationToken) }));
    }

    private async Task<MonthlyUsage> FromUsageRecordsAsync(string partnerId, string voucherId, CancellationToken cancellationToken)
    {
        var monthly = MonthlyUsage.Empty;
        var page = PageRequest.First(PageRequest.MaxPageSize);
        while (true)
        {
            var rows = await usage.ListByVoucherAsync(partnerId, voucherId, null, page, cancellationToken);
            foreach (var row in rows.Items)
            {
                monthly = monthly.Add(row.BillTime, row.Amount);
            }

            if (!rows.HasMore)
            {
                return monthly;
            }

            page = new PageRequest(PageRequest.MaxPageSize, rows.ContinuationToken);
        }
    }
}
