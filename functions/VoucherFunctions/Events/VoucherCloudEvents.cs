using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Serialization;

namespace VoucherFunctions.Events;

/// <summary>
/// The one place events become CloudEvents 1.0 (structured JSON, <c>CloudNative.CloudEvents.SystemTextJson</c>) and
/// back: what the outbox stores and puts on <c>voucher-events</c>, and what webhook delivery reads from it. Each queue
/// message is exactly one structured event: <c>id</c> deterministic from the change, <c>source</c> the partner's
/// books (<c>/partners/{partnerId}</c>), <c>type</c> from the catalogue (<see cref="EventTypes"/>), <c>subject</c> the
/// resource, <c>time</c> the change's time, the <c>partnerid</c> extension the partner it concerns, and <c>data</c>
/// JSON in the API's shape (camelCase, enums as camelCase strings, amounts as decimal strings, nulls left out).
/// </summary>
public static class VoucherCloudEvents
{
    public const string PartnerIdName = "partnerid";

    public const string SourcePrefix = "/partners/";

    /// <summary>The media type of one structured CloudEvent, as webhook deliveries send it.</summary>
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The <c>source</c> of events about the vendor's own subscriptions (a vendor webhook's test event).</summary>
    public const string VendorSource = "/vendor";

    /// <summary>The <c>partnerid</c> extension attribute: pass it when decoding with the SDK yourself, or use <see cref="Parse(BinaryData)"/>.</summary>
    public static CloudEventAttribute PartnerIdAttribute { get; } = CloudEventAttribute.CreateExtension(PartnerIdName, CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new(ApiJson.Options, default);

    public static Uri SourceOf(string partnerId) => new(SourcePrefix + Uri.EscapeDataString(partnerId), UriKind.Relative);

    public static CloudEvent ToCloudEvent(DomainEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [PartnerIdAttribute])
        {
            Id = change.Id,
            Source = SourceOf(change.PartnerId),
            Type = change.Type.Name,
            Subject = change.Subject,
            Time = change.Time,
            DataContentType = "application/json",
            Data = change.Data,
        };
        cloudEvent[PartnerIdAttribute] = change.PartnerId;
        return cloudEvent;
    }

    /// <summary>The structured JSON document of the event (UTF-8 text), as it goes on the queue.</summary>
    public static string Format(DomainEvent change) => Format(ToCloudEvent(change));

    public static string Format(CloudEvent cloudEvent) =>
        Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);

    /// <summary>
    /// A <c>webhook.test</c> event for one webhook, in the same format as every other event: of its partner, or of the
    /// vendor (source <see cref="VendorSource"/>, no <c>partnerid</c>) for a vendor-level webhook.
    /// </summary>
    public static string FormatWebhookTest(string eventId, string? partnerId, string webhookId, DateTimeOffset now)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [PartnerIdAttribute])
        {
            Id = eventId,
            Type = EventTypes.WebhookTest.Name,
            Source = partnerId is null ? new Uri(VendorSource, UriKind.Relative) : SourceOf(partnerId),
            Subject = "webhooks/" + webhookId,
            Time = now,
            DataContentType = "application/json",
            Data = new WebhookTestData(webhookId, "A test delivery sent by POST /api/webhooks/{id}/test."),
        };
        if (partnerId is not null)
        {
            cloudEvent[PartnerIdAttribute] = partnerId;
        }

        return Format(cloudEvent);
    }

    public static CloudEvent Parse(string json) => Parse(BinaryData.FromString(json));

    /// <summary>
    /// Reads one structured event (a queue message's decoded body). Refuses, with <see cref="FormatException"/>, a
    /// document that is not a valid CloudEvent, a type outside the catalogue, or one without its <c>partnerid</c>.
    /// <c>data</c> comes back as a <see cref="System.Text.Json.JsonElement"/>.
    /// </summary>
    public static CloudEvent Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Formatter.DecodeStructuredModeMessage(body.ToMemory(), null, [PartnerIdAttribute]);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new FormatException("Not a structured CloudEvent: " + e.Message, e);
        }

        if (cloudEvent.Type is not { } type || EventTypes.Find(type) is null)
        {
            throw new FormatException($"Event type '{cloudEvent.Type}' is not in the catalogue.");
        }

        if (string.IsNullOrEmpty(PartnerIdOf(cloudEvent)))
        {
            throw new FormatException($"Event '{cloudEvent.Id}' has no '{PartnerIdName}' attribute.");
        }

        return cloudEvent;
    }

    /// <summary>The partner the event concerns (its <c>partnerid</c>), or null when the event has none.</summary>
    public static string? PartnerIdOf(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return cloudEvent[PartnerIdAttribute] as string;
    }

    private sealed record WebhookTestData(string WebhookId, string Message);
}
