namespace VoucherFunctions.Billing;

/// <summary>
/// What the bill function puts on <c>bills-poison</c> for a bill refused for good: the reason, when and on
/// which delivery it was received, and the original body (text). A body too long to fit one queue message
/// beside the envelope is cut, and <see cref="OriginalBodyTruncated"/> says so.
/// </summary>
public sealed record BillPoisonEnvelope(
    string ReasonCode,
    string Message,
    DateTimeOffset ReceivedAt,
    long DequeueCount,
    string MessageId,
    string? BillId,
    string? PartnerId,
    string OriginalBody,
    bool OriginalBodyTruncated)
{
    /// <summary>Queue messages hold 64 KiB of base64, i.e. 48 KiB of text; leave room for the envelope and JSON escaping.</summary>
    public const int MaxOriginalBodyChars = 20_000;

    public static BillPoisonEnvelope Of(string code, string message, DateTimeOffset receivedAt, long dequeueCount, string messageId, BillIdentity? identity, string body) =>
        new(code, message, receivedAt, dequeueCount, messageId, identity?.BillId, identity?.PartnerId,
            body.Length <= MaxOriginalBodyChars ? body : body[..MaxOriginalBodyChars],
            body.Length > MaxOriginalBodyChars);
}
