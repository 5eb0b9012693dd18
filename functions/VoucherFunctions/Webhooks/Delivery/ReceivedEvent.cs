using System.Text;
using System.Text.Json;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Events;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// One event from the <c>voucher-events</c> queue, read by <see cref="VoucherCloudEvents.Parse(BinaryData)"/> (a
/// CloudEvents 1.0 structured JSON document of the catalogue with its <c>partnerid</c>), and deliverable: a valid
/// partner id, and an id that can travel as the <c>webhook-id</c> header. Its text is delivered exactly as it was
/// received.
/// </summary>
public sealed record ReceivedEvent(string Id, EventType Type, string PartnerId, DateTimeOffset? Time, string Json, JsonElement Data)
{
    public const int MaxIdLength = 256;

    /// <summary>The event, or the reason it cannot be delivered.</summary>
    public static (ReceivedEvent? Event, string? Problem) Read(ReadOnlyMemory<byte> body)
    {
        CloudNative.CloudEvents.CloudEvent cloudEvent;
        try
        {
            cloudEvent = VoucherCloudEvents.Parse(new BinaryData(body));
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }

        var partnerId = VoucherCloudEvents.PartnerIdOf(cloudEvent)!;
        if (!Domain.Ids.Ids.IsValid(partnerId))
        {
            return (null, "The event's partnerid is not a valid partner id.");
        }

        // The id travels as the webhook-id header: printable ASCII only.
        if (cloudEvent.Id is not { Length: > 0 and <= MaxIdLength } id || id.Any(c => c is < '!' or > '~'))
        {
            return (null, $"The event id is not 1 to {MaxIdLength} printable ASCII characters.");
        }

        var data = cloudEvent.Data is JsonElement element ? element : default;
        return (new ReceivedEvent(id, EventTypes.Find(cloudEvent.Type!)!, partnerId, cloudEvent.Time, Encoding.UTF8.GetString(body.Span), data), null);
    }

    /// <summary>
    /// Whether the vendor's subscriptions receive this event: its audience includes the vendor, and a voucher.issued
    /// only for a Type I (general) voucher, which the channel manager granted.
    /// </summary>
    public bool ReachesVendor =>
        Type.Audience == EventAudience.PartnerAndVendor && (Type != EventTypes.VoucherIssued || IsGeneralVoucher(Data));

    // voucher.* data is the voucher in the API's shape: its "type" is typeI, typeII or typeIII.
    private static bool IsGeneralVoucher(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "typeI";
}
