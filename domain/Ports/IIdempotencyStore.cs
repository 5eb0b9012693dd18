namespace VoucherFunctions.Domain.Ports;

/// <summary>
/// Idempotency-Key records on their own, for effects that do not live in one partner's partition.
/// When the effect does, put the record in the same <see cref="IPartnerCommit"/> instead.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> GetAsync(string partnerId, string operation, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the record unless one exists for the key. Existing with the same request hash: returns it
    /// (<see cref="IdempotentWrite.IsDuplicate"/>). Existing with another hash: DomainException <c>idempotency.key_reused</c>.
    /// </summary>
    Task<IdempotentWrite> TryAddAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);
}
