using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// A delivery's id: the event's time as inverted ticks (so a webhook's log lists newest first) and a hash of the
/// webhook and event ids. The same event to the same webhook always gets the same id, so a redelivered queue message
/// or a repeated dispatch finds the delivery it made before.
/// </summary>
public static class DeliveryIds
{
    public static string For(string webhookId, string eventId, DateTimeOffset? eventTime)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - (eventTime ?? DateTimeOffset.MinValue).UtcTicks;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId + "\n" + eventId)))[..16];
        return inverted.ToString("D19", CultureInfo.InvariantCulture) + "-" + hash;
    }
}
