using System.Collections.Concurrent;
using Azure.Data.Tables;
using VoucherFunctions.Domain.Webhooks;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Webhooks;

/// <summary>
/// Which webhooks' logs got deliveries on which day, so the retention sweep (<see cref="DeliveryLogSweeper"/>) reads
/// the logs that hold something old enough instead of every owner's webhooks. Partition <c>sys|whlog</c>, one row
/// <c>{day ticks}|{owner partition}|{webhookId}</c> per webhook and day with new deliveries (a pure function of its
/// key, so an upsert), written before the delivery row — at most once a day per webhook and process — so no delivery
/// is ever outside the index; a row left by a delivery whose own write failed costs the sweep one empty read.
/// The day is that of the later of the delivery's creation and its event's time: the sweep reads the log by event
/// time, so every delivery of a day's row is in the range it reads once that day is past the retention.
/// </summary>
public sealed class DeliveryLogIndex(LedgerTable table)
{
    public const string Partition = "sys|whlog";

    private static readonly long Day = TimeSpan.FromDays(1).Ticks;

    // (owner partition, webhook) -> the day this process has marked for it.
    private readonly ConcurrentDictionary<(string Partition, string WebhookId), long> _marked = new();

    /// <summary>Enters a new delivery (before its row is written).</summary>
    public Task MarkAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var eventTime = DeliveryIds.EventTimeOf(delivery.DeliveryId) ?? DateTimeOffset.MinValue;
        return MarkAsync(WebhookRows.Partition(delivery.Owner), delivery.WebhookId, eventTime > delivery.CreatedAt ? eventTime : delivery.CreatedAt, cancellationToken);
    }

    /// <summary>Marks the webhook's log for the day of <paramref name="at"/>, unless this process did already.</summary>
    public async Task MarkAsync(string partitionKey, string webhookId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var day = DayOf(at);
        if (_marked.TryGetValue((partitionKey, webhookId), out var marked) && marked == day)
        {
            return;
        }

        await RemarkAsync(partitionKey, webhookId, at, cancellationToken);
        _marked[(partitionKey, webhookId)] = day;
    }

    /// <summary>Marks the webhook's log for the day of <paramref name="at"/> whatever this process remembers (the sweep, for what it keeps).</summary>
    public Task RemarkAsync(string partitionKey, string webhookId, DateTimeOffset at, CancellationToken cancellationToken) =>
        table.UpsertIndexRowAsync(Entity(DayOf(at), partitionKey, webhookId), cancellationToken);

    /// <summary>The index rows of days that ended at or before <paramref name="cutoff"/>.</summary>
    public static string DaysEndedBy(DateTimeOffset cutoff) =>
        TableClient.CreateQueryFilter($"RowKey lt {Keys.Ticks(new DateTimeOffset(DayOf(cutoff), TimeSpan.Zero))} and PartitionKey eq {Partition}");

    public static string PartitionOf(TableEntity indexRow) => GetString(indexRow, "Partition");

    public static string WebhookIdOf(TableEntity indexRow) => GetString(indexRow, "WebhookId");

    public static TableEntity Entity(long dayTicks, string partitionKey, string webhookId)
    {
        var e = New(Partition, Keys.Ticks(new DateTimeOffset(dayTicks, TimeSpan.Zero)) + "|" + partitionKey + "|" + Keys.Segment(webhookId, "webhook id"), "whlogindex");
        e["Partition"] = partitionKey;
        e["WebhookId"] = webhookId;
        return e;
    }

    public static long DayOf(DateTimeOffset instant) => instant.UtcTicks - (instant.UtcTicks % Day);
}
