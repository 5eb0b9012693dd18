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
    private const string ContentTypeHeader = "Content-Type";

    public string PartnerId { get; } = partnerId;

    public string Operation { get; } = operation;

    public string Key { get; } = key;

    public string RequestHash { get; } = requestHash;

    /// <summary>Set when the service stored the record itself, in its own atomic commit.</summary>
    public bool StoredWithEffect { get; private set; }

    /// <summary>
    /// The record of <paramref name="response"/>: status, body, content type and the headers that describe
    /// the resource (<see cref="IdempotencyRecord.ReplayableHeaders"/>), so a replay answers exactly as the
    /// first time. Other headers (Idempotent-Replayed among them) are not kept. The record goes in the
    /// caller's books unless <paramref name="books"/> names the partner whose books the effect is written to.
    /// </summary>
    public IdempotencyRecord RecordFor(ApiResponse response, string? books = null)
    {
        var headers = response.Headers
            .Where(h => IdempotencyRecord.ReplayableHeaders.Contains(h.Key) && !IsContentType(h.Key))
            .Append(KeyValuePair.Create(ContentTypeHeader, response.ContentType))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);
        return new(books ?? PartnerId, Operation, Key, RequestHash, response.Status, response.BodyText(), clock.GetUtcNow(), headers);
    }

    /// <summary>Call when the record was added to the effect's commit.</summary>
    public void MarkStoredWithEffect() => StoredWithEffect = true;

    /// <summary>The stored first answer (status, body, content type, headers), returned unchanged to a replay.</summary>
    public static ApiResponse Replay(IdempotencyRecord record)
    {
        // Records stored before headers were kept have no content type; they were always replayed as JSON.
        var contentType = record.ResponseHeaders.GetValueOrDefault(ContentTypeHeader, "application/json");
        var headers = record.ResponseHeaders.Where(h => !IsContentType(h.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        headers["Idempotent-Replayed"] = "true";
        return new ApiResponse(record.StatusCode, new RawJson(record.ResponseJson), contentType) { Headers = headers };
    }

    // The content type travels as ApiResponse.ContentType, not in its header map.
    private static bool IsContentType(string name) => string.Equals(name, ContentTypeHeader, StringComparison.OrdinalIgnoreCase);
}
