using System.Text.Json;
using Azure.Data.Tables;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Outbox;

/// <summary>
/// The outbox: one row per transaction that carries events, in the partner partition the transaction writes,
/// <c>outbox|{id of its first event}</c>, holding the formatted CloudEvents (a JSON array of documents, split over
/// properties). The index of partitions that may hold such rows is in <c>sys|outbox</c>: <c>{minute ticks}|{partition}</c>.
/// </summary>
internal static class OutboxRows
{
    public const string Prefix = "outbox|";

    public const string IndexPartition = "sys|outbox";

    // 15 chunks of 30,000 characters stay under Azure's 1 MiB entity; a full bill group needs a few.
    private const int MaxChunks = 15;

    public static string RowKey(string firstEventId) => Prefix + Keys.Segment(firstEventId, "event id");

    public static TableEntity ToEntity(string partitionKey, string rowKey, IReadOnlyList<string> cloudEvents, DateTimeOffset createdAt)
    {
        var e = New(partitionKey, rowKey, "outbox");
        e["Count"] = cloudEvents.Count;
        SetTime(e, "CreatedAt", createdAt);
        try
        {
            SetChunked(e, "Events", JsonSerializer.Serialize(cloudEvents), MaxChunks);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new TransactionRefusedException($"The events of one transaction do not fit one outbox row: {ex.Message}");
        }

        return e;
    }

    public static IReadOnlyList<string> Events(TableEntity e) => JsonSerializer.Deserialize<string[]>(GetChunked(e, "Events")) ?? [];

    public static DateTimeOffset CreatedAt(TableEntity e) => GetTime(e, "CreatedAt");

    /// <summary>Index rows sort by the minute their writer started in, so the sweep reads the minutes long enough ago as one range.</summary>
    public static string IndexRowKey(long bucketTicks, string partitionKey) =>
        bucketTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "|" + partitionKey;

    public static TableEntity IndexEntity(long bucketTicks, string partitionKey)
    {
        var e = New(IndexPartition, IndexRowKey(bucketTicks, partitionKey), "outboxindex");
        e["Partition"] = partitionKey;
        return e;
    }
}
