using Azure.Data.Tables;
using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Storage.ApiKeys;

/// <summary>
/// Used signatures, one row per signature in the key's own partition "sys|tc3seen|{secretId}": the insert
/// is the check (409 = seen before), so it holds across instances. Rows past their keep-until time are
/// removed now and then by the requests of the same key (one in <see cref="SweepEvery"/>), a bounded
/// one-partition query, so the partition stays about one timestamp window of requests large.
/// </summary>
public sealed class TableSignatureReplayGuard(LedgerTable table) : ISignatureReplayGuard
{
    public const int SweepEvery = 64;

    public async Task<bool> TryRecordAsync(string secretId, string signature, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        var partition = "sys|tc3seen|" + Keys.Segment(secretId, "SecretId");
        var row = new TableEntity(partition, Keys.Segment(signature, "signature")) { ["Kind"] = "tc3seen", ["KeepUntil"] = keepUntil.ToUniversalTime() };
        try
        {
            await table.AddAsync(row, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }

        if (Random.Shared.Next(SweepEvery) == 0)
        {
            await SweepAsync(partition, cancellationToken);
        }

        return true;
    }

    private async Task SweepAsync(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and KeepUntil lt {DateTimeOffset.UtcNow}");
        var stale = await PagedQuery.ReadAllAsync(table, filter, cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var chunk in stale.Chunk(EntityGroupTransaction.MaxOperations))
        {
            var delete = new EntityGroupTransaction(partition);
            foreach (var e in chunk)
            {
                delete.Delete(e, Azure.ETag.All);
            }

            try
            {
                await table.SubmitAsync(delete, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // Another request swept some of them first; the rest go next time.
            }
        }
    }
}
