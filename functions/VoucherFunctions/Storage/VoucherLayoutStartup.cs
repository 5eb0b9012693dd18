using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VoucherFunctions.Storage;

/// <summary>
/// At start, in the background, moves every partition's old-layout vouchers (<see cref="VoucherLayoutMigration"/>).
/// The app does not wait for it: a partner's first voucher read migrates that partner on demand, so this only
/// gets the work done before it is needed. A failure is logged; the on-demand path still covers it.
/// </summary>
public sealed partial class VoucherLayoutStartup(VoucherLayoutMigration migration, ILogger<VoucherLayoutStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var partition in await migration.PartitionsToMigrateAsync(stoppingToken))
            {
                await migration.MigratePartitionAsync(partition, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the migration resumes at the next start or on demand.
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The voucher layout migration at start failed; partners are migrated on first use instead")]
    private partial void LogFailed(Exception exception);
}
