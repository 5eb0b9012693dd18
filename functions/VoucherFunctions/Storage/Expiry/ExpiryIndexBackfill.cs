using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage.Expiry;

/// <summary>
/// Enters into the expiry index the active vouchers written before it existed: once per storage account, in the
/// background at start, one scan of the ledger for active voucher rows, then the marker row <c>backfilled</c> in
/// <c>sys|expiry</c> so later starts skip it. Index rows are pure functions of their key, so instances running it at
/// once, or a rerun after a stop half-way, write the same rows. A failure is logged and retried at the next start.
/// </summary>
public sealed partial class ExpiryIndexBackfill(LedgerTable table, ExpiryIndex index, ILogger<ExpiryIndexBackfill> logger) : BackgroundService
{
    public const string MarkerRow = "backfilled";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await table.GetAsync(ExpiryIndex.Partition, MarkerRow, stoppingToken) is not null)
            {
                return;
            }

            var client = await table.ClientAsync();
            var active = TableClient.CreateQueryFilter($"Kind eq {VoucherRows.Kind} and Status eq {nameof(Domain.Vouchers.VoucherStatus.Active)}");
            var entered = 0;
            await foreach (var page in client.QueryAsync<TableEntity>(active, maxPerPage: 1000, cancellationToken: stoppingToken).AsPages())
            {
                // Old-layout rows ("voucher|{id}") are moved by the layout migration, which reads them as vouchers too.
                var vouchers = page.Values.Select(VoucherRows.FromEntity).ToArray();
                await index.RecordAsync(vouchers, stoppingToken);
                entered += vouchers.Length;
            }

            await table.UpsertIndexRowAsync(new TableEntity(ExpiryIndex.Partition, MarkerRow) { ["Kind"] = "expiryindexmarker", ["Vouchers"] = entered }, stoppingToken);
            LogDone(entered);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start runs it again.
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(EventId = 8221, Level = LogLevel.Information, Message = "Expiry index backfilled with {Vouchers} active vouchers written before it existed")]
    private partial void LogDone(int vouchers);

    [LoggerMessage(EventId = 8222, Level = LogLevel.Warning, Message = "The expiry index backfill failed; it runs again at the next start")]
    private partial void LogFailed(Exception exception);
}
