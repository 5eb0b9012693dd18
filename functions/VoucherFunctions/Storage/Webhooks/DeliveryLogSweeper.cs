using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using VoucherFunctions.Domain.Webhooks;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Webhooks;

/// <summary>
/// Keeps webhook delivery logs to their retention. One sweep reads the rows of <see cref="DeliveryLogIndex"/> whose day
/// ended more than the retention ago — only the webhooks that got deliveries then, never every owner's — and for each
/// such webhook one key range of its log: the deliveries of events older than the cutoff (delivery ids start with
/// the event time). Of those it deletes, in entity-group transactions of 100 at the ETag it read, the ones unchanged
/// since the cutoff that are finished (succeeded, dead-lettered) or pending with no attempt due since the cutoff (a
/// lost attempt). A delivery changed since (a redelivery, a late event) or still waiting for an attempt is kept, and
/// its webhook marked again for the day of that change, so a later sweep comes back to it. The index rows are deleted
/// last, at their ETag. Safe on several instances at once: every delete is conditional.
/// </summary>
public sealed partial class DeliveryLogSweeper(LedgerTable table, DeliveryLogIndex index, TimeProvider clock, ILogger<DeliveryLogSweeper> logger)
{
    private const int Parallelism = 8;
    private const int PageSize = 1000;

    private static readonly string Pending = nameof(WebhookDeliveryStatus.Pending);

    // What deciding needs: never the event body or the attempts.
    private static readonly string[] Columns = ["PartitionKey", "RowKey", "Timestamp", "Status", "NextAttemptAt"];

    public Task<DeliveryLogSweepResult> SweepAsync(TimeSpan retention, CancellationToken cancellationToken) => SweepAsync(retention, clock.GetUtcNow(), cancellationToken);

    public async Task<DeliveryLogSweepResult> SweepAsync(TimeSpan retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - retention;
        var due = await PagedQuery.ReadAllAsync(table, DeliveryLogIndex.DaysEndedBy(cutoff), cancellationToken);
        int read = 0, deleted = 0, kept = 0, failed = 0;
        await Parallel.ForEachAsync(
            due.GroupBy(row => (Partition: DeliveryLogIndex.PartitionOf(row), WebhookId: DeliveryLogIndex.WebhookIdOf(row))),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (log, ct) =>
            {
                try
                {
                    var swept = await SweepLogAsync(log.Key.Partition, log.Key.WebhookId, cutoff, now, ct);
                    Interlocked.Add(ref read, swept.Read);
                    Interlocked.Add(ref deleted, swept.Deleted);
                    Interlocked.Add(ref kept, swept.Kept);
                    foreach (var indexRow in log)
                    {
                        await table.DeleteIfUnchangedAsync(indexRow, ct);
                    }
                }
                catch (Exception e) when (e is RequestFailedException or TimeoutException or HttpRequestException)
                {
                    // The index rows stay: the next sweep tries this log again.
                    LogLogFailed(logger, e, log.Key.Partition, log.Key.WebhookId);
                    Interlocked.Increment(ref failed);
                }
            });
        return new DeliveryLogSweepResult(due.Count, read, deleted, kept, failed);
    }

    private async Task<(int Read, int Deleted, int Kept)> SweepLogAsync(string partition, string webhookId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var log = WebhookRows.DeliveriesOf(webhookId);
        var olderEvents = Filters.RangeInPartition(partition, log + DeliveryIds.FirstBefore(cutoff), Keys.PrefixEnd(log));
        var client = await table.ClientAsync();
        int read = 0, deleted = 0, kept = 0;
        // Page by page: deleting rows behind the query's cursor does not disturb it.
        await foreach (var page in client.QueryAsync<TableEntity>(olderEvents, PageSize, Columns, cancellationToken).AsPages())
        {
            read += page.Values.Count;
            var expired = new List<TableEntity>();
            foreach (var row in page.Values)
            {
                if (RetainedFrom(row, cutoff) is { } changedAt)
                {
                    kept++;
                    await index.RemarkAsync(partition, webhookId, changedAt, cancellationToken);
                }
                else
                {
                    expired.Add(row);
                }
            }

            deleted += await DeleteAsync(client, expired, partition, webhookId, now, cancellationToken);
        }

        return (read, deleted, kept);
    }

    /// <summary>Null when the delivery is past its retention; else the time its retention counts from.</summary>
    private static DateTimeOffset? RetainedFrom(TableEntity row, DateTimeOffset cutoff)
    {
        var changedAt = row.Timestamp ?? DateTimeOffset.MaxValue;
        if (row.GetString("Status") == Pending && GetTimeOrNull(row, "NextAttemptAt") is { } next && next > changedAt)
        {
            changedAt = next;
        }

        return changedAt < cutoff ? null : changedAt;
    }

    private async Task<int> DeleteAsync(TableClient client, List<TableEntity> rows, string partition, string webhookId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in rows.Chunk(EntityGroupTransaction.MaxOperations))
        {
            try
            {
                await client.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)), cancellationToken);
                deleted += chunk.Length;
                continue;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                // One of them was deleted or changed meanwhile: the others one by one.
            }

            foreach (var row in chunk)
            {
                if (await table.DeleteIfUnchangedAsync(row, cancellationToken))
                {
                    deleted++;
                }
                else
                {
                    // Changed since it was read (a redelivery): its retention starts again.
                    await index.RemarkAsync(partition, webhookId, now, cancellationToken);
                }
            }
        }

        return deleted;
    }

    [LoggerMessage(EventId = 5331, Level = LogLevel.Warning, Message = "Delivery log sweep could not finish the log of webhook {WebhookId} in {Partition}; the next sweep tries again")]
    private static partial void LogLogFailed(ILogger logger, Exception exception, string partition, string webhookId);
}

/// <summary>What one sweep did: index rows due, deliveries read (all of events older than the cutoff), deleted, kept (changed since, or an attempt still due), logs left for the next sweep.</summary>
public sealed record DeliveryLogSweepResult(int IndexRows, int Read, int Deleted, int Kept, int Failed);
