namespace VoucherFunctions.Domain.Webhooks;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// A delivery's id: the event's time as inverted ticks (so a webhook's log lists newest first) and a hash of the
/// webhook and event ids. The same event to the same webhook always gets the same id, so a redelivered queue message
/// or a repeated dispatch finds the delivery it made before. Because the id starts with the event's time, the
/// deliveries of events older than an instant are one key range of a webhook's log (<see cref="FirstBefore"/>).
/// </summary>
public static class DeliveryIds
{
    private const int TimeDigits = 19;

    public static string For(string webhookId, string eventId, DateTimeOffset? eventTime)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId + "\n" + eventId)))[..16];
        return Inverted((eventTime ?? DateTimeOffset.MinValue).UtcTicks) + "-" + hash;
    }

    /// <summary>The event time a delivery id begins with (<see cref="DateTimeOffset.MinValue"/> for an event without one); null when it is not a delivery id.</summary>
    public static DateTimeOffset? EventTimeOf(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        return deliveryId.Length > TimeDigits && long.TryParse(deliveryId.AsSpan(0, TimeDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            && inverted <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - inverted, TimeSpan.Zero)
            : null;
    }

    /// <summary>
    /// The lower bound of the ids of events before <paramref name="instant"/> (exclusive): every such id sorts at or
    /// after it, every id of a later event before it.
    /// </summary>
    public static string FirstBefore(DateTimeOffset instant) => Inverted(instant.UtcTicks - 1);

    private static string Inverted(long ticks) => (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);
}
