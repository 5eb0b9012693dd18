using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using VoucherFunctions.Domain.Events;

namespace VoucherFunctions.Webhooks.Delivery;

/// <summary>
/// One event from the <c>voucher-events</c> queue: a CloudEvents 1.0 structured JSON document (checked by the
/// CloudEvents SDK) whose type is in the catalogue and whose <c>partnerid</c> extension names the partner whose
/// books changed. Its text is delivered exactly as it was received.
/// </summary>
public sealed record ReceivedEvent(string Id, EventType Type, string PartnerId, DateTimeOffset? Time, string Json, JsonElement Data)
{
    public const string MediaType = "application/cloudevents+json";

    public const int MaxIdLength = 256;

    /// <summary>The <c>partnerid</c> extension attribute every event carries.</summary>
    public static CloudEventAttribute PartnerIdAttribute { get; } = CloudEventAttribute.CreateExtension("partnerid", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The event, or the reason it cannot be delivered.</summary>
    public static (ReceivedEvent? Event, string? Problem) Read(ReadOnlyMemory<byte> body)
    {
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Formatter.DecodeStructuredModeMessage(body, new ContentType(MediaType), [PartnerIdAttribute]);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return (null, "Not a CloudEvents 1.0 structured JSON document: " + ex.Message);
        }

        if (cloudEvent.Type is not { } typeName || EventTypes.Find(typeName) is not { } type)
        {
            return (null, $"The event type '{cloudEvent.Type}' is not in the catalogue.");
        }

        if (cloudEvent[PartnerIdAttribute] is not string partnerId || !Domain.Ids.Ids.IsValid(partnerId))
        {
            return (null, "The event has no valid partnerid extension attribute.");
        }

        // The id travels as the webhook-id header: printable ASCII only.
        if (cloudEvent.Id is not { Length: > 0 and <= MaxIdLength } id || id.Any(c => c is < '!' or > '~'))
        {
            return (null, $"The event id is not 1 to {MaxIdLength} printable ASCII characters.");
        }

        using var document = JsonDocument.Parse(body);
        var data = document.RootElement.TryGetProperty("data", out var d) ? d.Clone() : default;
        return (new ReceivedEvent(cloudEvent.Id!, type, partnerId, cloudEvent.Time, Encoding.UTF8.GetString(body.Span), data), null);
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

    /// <summary>A <c>webhook.test</c> event for one webhook, in the same format as every other event.</summary>
    public static string TestEvent(string eventId, string? partnerId, string webhookId, DateTimeOffset now)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [PartnerIdAttribute])
        {
            Id = eventId,
            Type = EventTypes.WebhookTest.Name,
            Source = new Uri(partnerId is null ? "/vendor" : "/partners/" + Uri.EscapeDataString(partnerId), UriKind.Relative),
            Subject = "/webhooks/" + webhookId,
            Time = now,
            DataContentType = "application/json",
            Data = new TestData(webhookId, "A test delivery sent by POST /api/webhooks/{id}/test."),
        };
        if (partnerId is not null)
        {
            cloudEvent[PartnerIdAttribute] = partnerId;
        }

        var formatter = new JsonEventFormatter(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);
        return Encoding.UTF8.GetString(formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
    }

    private sealed record TestData(string WebhookId, string Message);
}
