using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Domain.Vouchers;
using VoucherFunctions.Storage;
using VoucherFunctions.Storage.Expiry;

namespace VoucherFunctions.Expiry;

/// <summary>
/// Announces and records the ends of vouchers from <see cref="ExpiryIndex"/>. One sweep reads two row-key ranges of the
/// index: notices due (vouchers ending within <see cref="ExpiryOptions.NoticeBefore"/>) and ends due (vouchers past
/// their end), so its cost follows the vouchers that fall due, not the books. For each it reads the voucher itself:
/// an active one gets its notice recorded (<c>voucher.expiring_soon</c>) or its status set to expired
/// (<c>voucher.expired</c>) in one transaction with the event; one that ended meanwhile leaves the index.
/// A voucher announces each once: the notice is a field of the voucher, the expiry its status, so a sweep run twice
/// (or two at once: every write is conditional) finds nothing left to say.
/// </summary>
public sealed partial class ExpirySweeper(
    LedgerTable table,
    IVoucherStore vouchers,
    IPartnerCommitFactory commits,
    OptimisticRetry retry,
    IOptions<ExpiryOptions> options,
    TimeProvider clock,
    ILogger<ExpirySweeper> logger)
{
    /// <summary>An index row naming no voucher this long after it was written is left from an issuance that failed.</summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);

    private const int Parallelism = 8;

    private enum Step
    {
        Noticed,
        Expired,
        Moved,
        Dropped,
        Pending,
    }

    public Task<ExpirySweepResult> SweepAsync(CancellationToken cancellationToken) => SweepAsync(clock.GetUtcNow(), cancellationToken);

    public async Task<ExpirySweepResult> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var steps = new System.Collections.Concurrent.ConcurrentBag<Step>();
        // Notices first: a voucher whose notice falls due after its end moves straight to the end stage, read next.
        await ForEachDueAsync(ExpiryIndex.NoticeStage, now + options.Value.NoticeBefore, row => NoticeAsync(row, now, cancellationToken), steps, cancellationToken);
        await ForEachDueAsync(ExpiryIndex.EndStage, now.AddTicks(1), row => EndAsync(row, now, cancellationToken), steps, cancellationToken);
        return new ExpirySweepResult(
            steps.Count(s => s == Step.Noticed),
            steps.Count(s => s == Step.Expired),
            steps.Count(s => s == Step.Dropped),
            steps.Count(s => s == Step.Pending));
    }

    private async Task ForEachDueAsync(string stage, DateTimeOffset until, Func<TableEntity, Task<Step>> handle, System.Collections.Concurrent.ConcurrentBag<Step> steps, CancellationToken cancellationToken)
    {
        var client = await table.ClientAsync();
        // Page by page: handling a row removes it from this stage's range, behind the query's cursor.
        await foreach (var page in client.QueryAsync<TableEntity>(ExpiryIndex.Due(stage, until), maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            await Parallel.ForEachAsync(page.Values, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (row, _) =>
            {
                try
                {
                    steps.Add(await handle(row));
                }
                catch (Exception e) when (e is RequestFailedException or ConcurrencyConflictException or TimeoutException or HttpRequestException)
                {
                    // Left in the index: the next sweep tries again.
                    LogStepFailed(logger, e, row.RowKey);
                    steps.Add(Step.Pending);
                }
            });
        }
    }

    private async Task<Step> NoticeAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = await retry.RunAsync(
            async ct =>
            {
                var stored = await ReadAsync(row, ct);
                if (stored is null || VoucherKeys.LifeOf(stored.Value.Status) == VoucherKeys.Ended || !Names(row, stored.Value))
                {
                    return stored is null && !IsOrphan(row, now) ? Step.Pending : Step.Dropped;
                }

                var announced = stored.Value.AnnounceExpiry(now);
                if (ReferenceEquals(announced, stored.Value))
                {
                    // Announced already, or past its end without a notice (the sweep ran late): nothing to say now.
                    return Step.Moved;
                }

                await commits.Begin(announced.PartnerId).UpdateVoucher(stored, announced).CommitAsync(ct);
                return Step.Noticed;
            },
            cancellationToken);
        if (step is Step.Noticed or Step.Moved)
        {
            await MoveToEndStageAsync(row, cancellationToken);
        }
        else if (step == Step.Dropped)
        {
            await table.DeleteIfUnchangedAsync(row, cancellationToken);
        }

        return step;
    }

    private async Task<Step> EndAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = await retry.RunAsync(
            async ct =>
            {
                var stored = await ReadAsync(row, ct);
                if (stored is null)
                {
                    return IsOrphan(row, now) ? Step.Dropped : Step.Pending;
                }

                if (!Names(row, stored.Value))
                {
                    return Step.Dropped;
                }

                var expired = stored.Value.ExpireIfDue(now);
                if (ReferenceEquals(expired, stored.Value))
                {
                    // Ended otherwise (exhausted, withdrawn, invalidated) or marked expired already.
                    return Step.Dropped;
                }

                await commits.Begin(expired.PartnerId).UpdateVoucher(stored, expired).CommitAsync(ct);
                return Step.Expired;
            },
            cancellationToken);
        if (step != Step.Pending)
        {
            await table.DeleteIfUnchangedAsync(row, cancellationToken);
        }

        return step;
    }

    private Task<Versioned<Voucher>?> ReadAsync(TableEntity row, CancellationToken cancellationToken) =>
        vouchers.GetAsync(row.GetString("PartnerId")!, row.GetString("VoucherId")!, cancellationToken);

    // A replayed issuance whose commit was refused (the vouchers existed) wrote index rows with its own, later expiry:
    // only the row of the voucher's real expiry counts.
    private static bool Names(TableEntity row, Voucher voucher) => row.GetDateTimeOffset("ExpiresAt") == voucher.ExpiresAt;

    private static bool IsOrphan(TableEntity row, DateTimeOffset now) => row.Timestamp is { } written && written < now - OrphanAge;

    private async Task MoveToEndStageAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var end = new TableEntity(ExpiryIndex.Partition, ExpiryIndex.EndStage + row.RowKey[ExpiryIndex.NoticeStage.Length..])
        {
            ["Kind"] = row.GetString("Kind"),
            ["PartnerId"] = row.GetString("PartnerId"),
            ["VoucherId"] = row.GetString("VoucherId"),
            ["ExpiresAt"] = row.GetDateTimeOffset("ExpiresAt"),
        };
        var client = await table.ClientAsync();
        try
        {
            await client.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, end),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            // Another sweep moved it first.
        }
    }

    [LoggerMessage(EventId = 8211, Level = LogLevel.Warning, Message = "Expiry sweep could not handle index row {RowKey}; the next sweep tries again")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string rowKey);
}

/// <summary>What one sweep did: notices announced, vouchers expired, index rows dropped (voucher ended or gone), rows left for the next sweep.</summary>
public sealed record ExpirySweepResult(int Noticed, int Expired, int Dropped, int Pending);
