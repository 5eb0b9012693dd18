using Azure.Data.Tables;
using VoucherFunctions.Domain.Vouchers;
using static VoucherFunctions.Storage.Rows.RowValues;

namespace VoucherFunctions.Storage.Expiry;

/// <summary>
/// The vouchers of all partners by expiry, so the expiry sweep reads a row-key range of what is due instead of every
/// partner's books. Partition <c>sys|expiry</c>, two stages per voucher:
/// <list type="bullet">
/// <item><c>soon|{expiresAt ticks}|{voucher row's partition}|{voucherId}</c>: written before the voucher's own
/// transaction (a pointer row, a pure function of its key, so an upsert); the sweep reads those expiring within the
/// notice time, announces <c>voucher.expiring_soon</c> and moves the row to the second stage;</item>
/// <item><c>end|{expiresAt ticks}|…</c>: the sweep reads those already past, marks the voucher expired and deletes it.</item>
/// </list>
/// It cannot share the voucher's transaction (another partition), so it is kept in step as the reviewer queue is: the
/// pointer is written first (a crash leaves a pointer to nothing, which the sweep removes once it is old), and the
/// sweep always reads the voucher itself (a voucher that ended meanwhile is simply dropped from the index).
/// </summary>
public sealed class ExpiryIndex(LedgerTable table)
{
    public const string Partition = "sys|expiry";

    public const string NoticeStage = "soon|";

    public const string EndStage = "end|";

    /// <summary>Enters new vouchers: one batch per 100 (all rows share the index partition).</summary>
    public async Task RecordAsync(IReadOnlyCollection<Voucher> vouchers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vouchers);
        foreach (var chunk in vouchers.Chunk(EntityGroupTransaction.MaxOperations))
        {
            if (chunk.Length == 1)
            {
                await table.UpsertIndexRowAsync(Entity(NoticeStage, chunk[0]), cancellationToken);
                continue;
            }

            var client = await table.ClientAsync();
            await client.SubmitTransactionAsync(chunk.Select(v => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(NoticeStage, v))), cancellationToken);
        }
    }

    public static TableEntity Entity(string stage, Voucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        var partition = Keys.Partner(voucher.PartnerId);
        var e = New(Partition, RowKey(stage, voucher.ExpiresAt, partition, voucher.VoucherId), "expiryindex");
        e["PartnerId"] = voucher.PartnerId;
        e["VoucherId"] = voucher.VoucherId;
        SetTime(e, "ExpiresAt", voucher.ExpiresAt);
        return e;
    }

    public static string RowKey(string stage, DateTimeOffset expiresAt, string partition, string voucherId) =>
        stage + Keys.Ticks(expiresAt) + "|" + partition + "|" + Keys.Segment(voucherId, "voucher id");

    /// <summary>The rows of a stage whose voucher expires before <paramref name="until"/> (exclusive).</summary>
    public static string Due(string stage, DateTimeOffset until) =>
        Filters.RangeInPartition(Partition, stage, stage + Keys.Ticks(until));
}
