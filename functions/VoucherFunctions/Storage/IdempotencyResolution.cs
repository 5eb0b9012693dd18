using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ports;
using VoucherFunctions.Storage.Rows;

namespace VoucherFunctions.Storage;

/// <summary>After an insert of an idempotency row failed: is it a true duplicate, a reused key, or just a race on something else?</summary>
internal static class IdempotencyResolution
{
    /// <summary>The stored record if it matches the request; throws <c>idempotency.key_reused</c> if not; null if no record exists.</summary>
    public static async Task<IdempotencyRecord?> FindDuplicateAsync(LedgerTable table, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var row = await table.GetAsync(Keys.Partner(record.PartnerId), Keys.Idempotency(record.Operation, record.Key), cancellationToken);
        if (row is null)
        {
            return null;
        }

        var stored = IdempotencyRows.FromEntity(row);
        if (!string.Equals(stored.RequestHash, record.RequestHash, StringComparison.Ordinal))
        {
            throw new DomainException(ErrorCodes.IdempotencyKeyReused, $"Idempotency key '{record.Key}' was already used for a different '{record.Operation}' request.");
        }

        return stored;
    }
}
