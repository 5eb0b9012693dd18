using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>Idempotency rows "idem|{operation}|{key}" in the partner's partition, inserted as a lock.</summary>
public sealed class TableIdempotencyStore(LedgerTable table) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> GetAsync(string partnerId, string operation, string key, CancellationToken cancellationToken = default)
    {
        var row = await table.GetAsync(Keys.Partner(partnerId), Keys.Idempotency(operation, key), cancellationToken);
        return row is null ? null : IdempotencyRows.FromEntity(row);
    }

    public async Task<IdempotentWrite> TryAddAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await table.AddAsync(IdempotencyRows.ToEntity(record), cancellationToken);
            return new IdempotentWrite(true, record);
        }
        catch (ConcurrencyConflictException)
        {
            var stored = await IdempotencyResolution.FindDuplicateAsync(table, record, cancellationToken);
            return stored is null ? throw new ConcurrencyConflictException($"Idempotency key '{record.Key}' is being written concurrently.") : new IdempotentWrite(false, stored);
        }
    }
}
