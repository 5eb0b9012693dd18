namespace VoucherFunctions.Domain.Events;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// One announced change, committed with the change itself (the outbox) and delivered as a CloudEvent.
/// <paramref name="PartnerId"/> is the partner whose books changed (the event's <c>source</c> and
/// <c>partnerid</c>), <paramref name="Subject"/> the resource (<c>vouchers/{id}</c>, ...), <paramref name="Id"/>
/// deterministic from the change (<see cref="EventIds"/>), so a retried write or a redelivery carries the same id,
/// <paramref name="Time"/> when the change happened, and <paramref name="Data"/> the payload (one of the
/// records in EventPayloads.cs), carrying ids and amounts as the API writes them.
/// </summary>
public sealed record DomainEvent(EventType Type, string PartnerId, string Subject, string Id, DateTimeOffset Time, object Data);

/// <summary>Deterministic event ids: the same change always yields the same id, different changes different ids.</summary>
public static class EventIds
{
    /// <summary>
    /// "evt_" and 32 hex digits of SHA-256 over the type, the partner and what identifies the change (a voucher id for
    /// a voucher's one-time transition, a bill's payer and id, an idempotency key): 128 bits, so two changes never share one.
    /// </summary>
    public static string For(EventType type, string partnerId, string change)
    {
        ArgumentNullException.ThrowIfNull(type);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(type.Name + "\n" + partnerId + "\n" + change));
        return "evt_" + Convert.ToHexStringLower(hash)[..32];
    }

    public static DomainEvent Create(EventType type, string partnerId, string subject, string change, DateTimeOffset time, object data) =>
        new(type, partnerId, subject, For(type, partnerId, change), time.ToUniversalTime(), data);
}
