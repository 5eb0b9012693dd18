namespace VoucherFunctions.Domain.Ports;

using VoucherFunctions.Domain.Ids;

/// <summary>
/// The remembered answer to an HTTP request carrying an Idempotency-Key. Scoped by
/// (<see cref="PartnerId"/>, <see cref="Operation"/>, <see cref="Key"/>). <see cref="PartnerId"/> is the
/// partner whose books the effect is written to, so the record can commit in the same atomic write as
/// the effect. <see cref="RequestHash"/> is the caller's hash of the request: a repeat with the same
/// hash gets the stored response; the same key with another hash is refused (<c>idempotency.key_reused</c>).
/// </summary>
public sealed record IdempotencyRecord
{
    public IdempotencyRecord(string partnerId, string operation, string key, string requestHash, int statusCode, string responseJson, DateTimeOffset createdAt)
    {
        PartnerId = Ids.Validate(partnerId, "partner id");
        Operation = Ids.Validate(operation, "idempotency operation");
        Key = Ids.Validate(key, "idempotency key");
        RequestHash = requestHash ?? throw new ArgumentNullException(nameof(requestHash));
        StatusCode = statusCode;
        ResponseJson = responseJson ?? throw new ArgumentNullException(nameof(responseJson));
        CreatedAt = createdAt.ToUniversalTime();
    }

    public string PartnerId { get; }

    public string Operation { get; }

    public string Key { get; }

    public string RequestHash { get; }

    public int StatusCode { get; }

    public string ResponseJson { get; }

    public DateTimeOffset CreatedAt { get; }
}

/// <summary>Whether an idempotent write was stored now or found already stored (with the stored record).</summary>
public sealed record IdempotentWrite(bool Stored, IdempotencyRecord Record)
{
    public bool IsDuplicate => !Stored;
}
