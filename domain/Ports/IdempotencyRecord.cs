namespace VoucherFunctions.Domain.Ports;

using System.Collections.Immutable;
using VoucherFunctions.Domain.Ids;

/// <summary>
/// The remembered outcome of a command carrying an idempotency key. Scoped by
/// (<see cref="PartnerId"/>, <see cref="Operation"/>, <see cref="Key"/>). <see cref="PartnerId"/> is the
/// partner whose books the effect is written to, so the record can commit in the same atomic write as
/// the effect. <see cref="RequestHash"/> is the caller's hash of the request: a repeat with the same
/// hash gets the stored outcome; the same key with another hash is refused (<c>idempotency.key_reused</c>).
/// A record holds the use case's result as JSON (<see cref="OfResult"/>), which the caller's transport renders;
/// records written by earlier versions hold the HTTP answer itself (<see cref="StatusCode"/> and headers set).
/// </summary>
public sealed record IdempotencyRecord
{
    /// <summary>
    /// The response headers a replay repeats: those describing the resource and the content type. An
    /// allow-list, so nothing else (a token, a cookie, a per-request id) is ever persisted with the record.
    /// </summary>
    public static readonly IReadOnlySet<string> ReplayableHeaders =
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "Content-Type", "ETag", "Location", "Content-Disposition");

    /// <summary>A record of an HTTP answer, as versions before results were stored wrote them (and read back so).</summary>
    public IdempotencyRecord(string partnerId, string operation, string key, string requestHash, int? statusCode, string responseJson, DateTimeOffset createdAt, IReadOnlyDictionary<string, string>? responseHeaders = null)
    {
        PartnerId = Ids.Validate(partnerId, "partner id");
        Operation = Ids.Validate(operation, "idempotency operation");
        Key = Ids.Validate(key, "idempotency key");
        RequestHash = requestHash ?? throw new ArgumentNullException(nameof(requestHash));
        StatusCode = statusCode;
        ResponseJson = responseJson ?? throw new ArgumentNullException(nameof(responseJson));
        CreatedAt = createdAt.ToUniversalTime();
        ResponseHeaders = ValidateHeaders(responseHeaders);
    }

    /// <summary>A record of the use case's result (<paramref name="resultJson"/>): no status and no headers, which the transport derives from it.</summary>
    public static IdempotencyRecord OfResult(string partnerId, string operation, string key, string requestHash, string resultJson, DateTimeOffset createdAt) =>
        new(partnerId, operation, key, requestHash, null, resultJson, createdAt);

    public string PartnerId { get; }

    public string Operation { get; }

    public string Key { get; }

    public string RequestHash { get; }

    /// <summary>The HTTP status of a record written before results were stored; null for a result record.</summary>
    public int? StatusCode { get; }

    /// <summary>True for a record written before results were stored: it holds the HTTP answer, replayed as it is.</summary>
    public bool IsHttpAnswer => StatusCode is not null;

    /// <summary>The use case's result as JSON; for an <see cref="IsHttpAnswer"/> record, the answer's body (the same result JSON for every success).</summary>
    public string ResponseJson { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The first response's <see cref="ReplayableHeaders"/> (names matched case-insensitively); empty for records stored before headers were kept.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; }

    // Compares the header map by content (a record would compare the dictionary by reference).
    public bool Equals(IdempotencyRecord? other) =>
        other is not null
        && PartnerId == other.PartnerId
        && Operation == other.Operation
        && Key == other.Key
        && RequestHash == other.RequestHash
        && StatusCode == other.StatusCode
        && ResponseJson == other.ResponseJson
        && CreatedAt == other.CreatedAt
        && ResponseHeaders.Count == other.ResponseHeaders.Count
        && ResponseHeaders.All(h => other.ResponseHeaders.TryGetValue(h.Key, out var value) && value == h.Value);

    public override int GetHashCode() => HashCode.Combine(PartnerId, Operation, Key, RequestHash, StatusCode, ResponseJson, CreatedAt);

    private static ImmutableSortedDictionary<string, string> ValidateHeaders(IReadOnlyDictionary<string, string>? responseHeaders)
    {
        var valid = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in responseHeaders ?? ImmutableDictionary<string, string>.Empty)
        {
            if (!ReplayableHeaders.Contains(name))
            {
                throw new ArgumentException($"Header '{name}' is not replayable; only {string.Join(", ", ReplayableHeaders)} are stored.", nameof(responseHeaders));
            }

            valid.Add(name, value ?? throw new ArgumentNullException(nameof(responseHeaders), $"Header '{name}' has no value."));
        }

        return valid.ToImmutable();
    }
}

/// <summary>Whether an idempotent write was stored now or found already stored (with the stored record).</summary>
public sealed record IdempotentWrite(bool Stored, IdempotencyRecord Record)
{
    public bool IsDuplicate => !Stored;
}
