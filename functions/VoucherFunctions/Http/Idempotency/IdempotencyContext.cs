using VoucherFunctions.Domain.Ports;

namespace VoucherFunctions.Http.Idempotency;

/// <summary>
/// The Idempotency-Key of one request and the hash of what it asked for. An application service whose
/// effect is one atomic commit adds <see cref="RecordFor"/> to that commit (so effect and record land
/// together) and answers <see cref="Replay"/> when the commit reports a duplicate; otherwise the gate
/// stores the record after the effect.
/// </summary>
public sealed class IdempotencyContext(string partnerId, string operation, string key, string requestHash, TimeProvider clock)
{
    public string PartnerId { get; } = partnerId;

    public string Operation { get; } = operation;

    public string Key { get; } = key;

    public string RequestHash { get; } = requestHash;

    /// <summary>Set when the service stored the record itself, in its own atomic commit.</summary>
    public bool StoredWithEffect { get; private set; }

    public IdempotencyRecord RecordFor(ApiResponse response) =>
        new(PartnerId, Operation, Key, RequestHash, response.Status, response.BodyText(), clock.GetUtcNow());

    /// <summary>Call when the record was added to the effect's commit.</summary>
    public void MarkStoredWithEffect() => StoredWithEffect = true;

    /// <summary>The stored first answer, returned unchanged to a replay.</summary>
    public static ApiResponse Replay(IdempotencyRecord record) =>
        new ApiResponse(record.StatusCode, new RawJson(record.ResponseJson)).WithHeader("Idempotent-Replayed", "true");
}
