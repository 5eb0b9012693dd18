using VoucherFunctions.Domain.Deduction;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Usage rows "usage|{voucherId}|{billTime ticks}|…": a voucher is a prefix, a month a tick range inside it.</summary>
public sealed class TableUsageStore(LedgerTable table) : IUsageStore
{
    public Task<Page<VoucherUsage>> ListByVoucherAsync(string partnerId, string voucherId, DateTimeOffset? month, PageRequest page, CancellationToken cancellationToken = default)
    {
        var partition = Keys.Partner(partnerId);
        string filter;
        if (month is { } instant)
        {
            var utc = instant.ToUniversalTime();
            var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
            filter = Filters.RangeInPartition(partition, Keys.UsageMonthStart(voucherId, start), Keys.UsageMonthStart(voucherId, start.AddMonths(1)));
        }
        else
        {
            filter = Filters.PrefixInPartition(partition, Keys.UsagePrefixOf(voucherId));
        }

        return PagedQuery.ReadAsync(table, filter, page, UsageRows.FromEntity, cancellationToken);
    }
}
