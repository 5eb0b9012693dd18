using System.Collections.Concurrent;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage;

/// <summary>
/// The vendor usage index: partition <c>sys|vendorusage</c>, one pointer row <c>{yyyy-MM}|{partnerId}</c> per partner and
/// month (upserted: its content is a function of its key), so a month is one prefix range. A process remembers the
/// entries it wrote, so a partner's month costs one upsert per process, not one per bill.
/// </summary>
public sealed class TableVendorUsageIndex(LedgerTable table) : IVendorUsageIndex
{
    public const string Partition = "sys|vendorusage";
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);

    public async Task NoteAsync(string partnerId, IEnumerable<DateTimeOffset> billTimes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(billTimes);
        foreach (var month in billTimes.Select(MonthlyUsage.MonthOf).Distinct(StringComparer.Ordinal))
        {
            var row = month + "|" + Keys.Segment(partnerId, "partner id");
            if (_written.ContainsKey(row))
            {
                continue;
            }

            var entity = New(Partition, row, "vendorusage");
            entity["PartnerId"] = partnerId;
            await table.UpsertIndexRowAsync(entity, cancellationToken);
            if (_written.Count > MaxRemembered)
            {
                _written.Clear();
            }

            _written[row] = true;
        }
    }

    public async Task<IReadOnlyList<string>> PartnersAsync(string month, CancellationToken cancellationToken = default)
    {
        var rows = await PagedQuery.ReadAllAsync(table, Filters.PrefixInPartition(Partition, month + "|"), cancellationToken, ["PartnerId"]);
        return rows.Select(r => r.GetString("PartnerId")!).Order(StringComparer.Ordinal).ToArray();
    }
}
