namespace VoucherFunctions.Domain.Webhooks;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Events;
using VoucherFunctions.Domain.Ids;

/// <summary>
/// Whose subscription a webhook is: a partner's (it receives only that partner's events) or the vendor's, kept by
/// the channel manager (it receives the <see cref="EventAudience.PartnerAndVendor"/> events of every partner).
/// </summary>
public sealed record WebhookOwner
{
    private WebhookOwner(string? partnerId) => PartnerId = partnerId;

    public static WebhookOwner Vendor { get; } = new((string?)null);

    /// <summary>The partner, or null for the vendor's subscriptions.</summary>
    public string? PartnerId { get; }

    public bool IsVendor => PartnerId is null;

    public static WebhookOwner Partner(string partnerId) => new(Ids.Validate(partnerId, "partner id"));

    public override string ToString() => PartnerId is null ? "vendor" : "partner " + PartnerId;
}

/// <summary>
/// A webhook subscription: where to POST (an absolute URL), which event types, a description, and its signing
/// secret, kept only encrypted (<see cref="ProtectedSecret"/>). After a rotation the previous secret also signs
/// until <see cref="PreviousSecretExpiresAt"/>, so a receiver can switch without losing a delivery.
/// </summary>
public sealed record Webhook
{
    public const int MaxUrlLength = 2048;

    /// <summary>At most this many webhooks per owner: every event is fanned out to all of them.</summary>
    public const int MaxPerOwner = 20;

    public required string WebhookId { get; init; }

    public required WebhookOwner Owner { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<string> EventTypes { get; init; }

    public required string Description { get; init; }

    /// <summary>A disabled webhook receives no events (tests and redeliveries still go out).</summary>
    public required bool Enabled { get; init; }

    public required IReadOnlyList<byte> ProtectedSecret { get; init; }

    public IReadOnlyList<byte>? ProtectedPreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>The Idempotency-Key of the last rotation, so its repeat answers the same secret instead of rotating again.</summary>
    public string? LastRotationKey { get; init; }

    public DateTimeOffset? SecretRotatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether an event of <paramref name="type"/> goes to this webhook (the test event goes only through its own endpoint).</summary>
    public bool Wants(string type) => Enabled && type != Events.EventTypes.WebhookTest.Name && EventTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>The previous secret while it still signs, else null.</summary>
    public IReadOnlyList<byte>? PreviousSecretAt(DateTimeOffset now) => PreviousSecretExpiresAt > now ? ProtectedPreviousSecret : null;

    public static Webhook Create(string webhookId, WebhookOwner owner, string url, IEnumerable<string> eventTypes, string? description, bool enabled, IReadOnlyList<byte> protectedSecret, string createdBy, DateTimeOffset now) => new()
    {
        WebhookId = Ids.Validate(webhookId, "webhook id"),
        Owner = owner,
        Url = CheckUrl(url),
        EventTypes = CheckEventTypes(owner, eventTypes),
        Description = CheckDescription(description),
        Enabled = enabled,
        ProtectedSecret = protectedSecret,
        CreatedBy = createdBy,
        CreatedAt = now.ToUniversalTime(),
        UpdatedAt = now.ToUniversalTime(),
    };

    /// <summary>Replaces what the owner edits (URL, event types, description, enabled); the secret is untouched.</summary>
    public Webhook Edit(string url, IEnumerable<string> eventTypes, string? description, bool enabled, DateTimeOffset now) => this with
    {
        Url = CheckUrl(url),
        EventTypes = CheckEventTypes(Owner, eventTypes),
        Description = CheckDescription(description),
        Enabled = enabled,
        UpdatedAt = now.ToUniversalTime(),
    };

    /// <summary>A new secret; the current one keeps signing for <paramref name="overlap"/> (none when zero).</summary>
    public Webhook Rotate(IReadOnlyList<byte> newProtectedSecret, string rotationKey, TimeSpan overlap, DateTimeOffset now) => this with
    {
        ProtectedSecret = newProtectedSecret,
        ProtectedPreviousSecret = overlap > TimeSpan.Zero ? ProtectedSecret : null,
        PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now.ToUniversalTime() + overlap : null,
        LastRotationKey = rotationKey,
        SecretRotatedAt = now.ToUniversalTime(),
        UpdatedAt = now.ToUniversalTime(),
    };

    /// <summary>
    /// The event types an owner may subscribe to: a partner any type of the catalogue, the vendor only those whose
    /// audience includes the vendor (and the test event).
    /// </summary>
    public static bool MaySubscribe(WebhookOwner owner, EventType type) =>
        !owner.IsVendor || type.Audience == EventAudience.PartnerAndVendor || type == Events.EventTypes.WebhookTest;

    private static string CheckUrl(string url)
    {
        Guard.That(!string.IsNullOrWhiteSpace(url) && url.Length <= MaxUrlLength && !url.Any(char.IsControl), ErrorCodes.WebhookUrlInvalid,
            $"The URL is an absolute https URL of at most {MaxUrlLength} characters.");
        return url;
    }

    private static string[] CheckEventTypes(WebhookOwner owner, IEnumerable<string> eventTypes)
    {
        var names = (eventTypes ?? []).ToArray();
        Guard.That(names.Length > 0, ErrorCodes.WebhookEventTypesInvalid, "Subscribe to at least one event type.");
        foreach (var name in names)
        {
            var type = Events.EventTypes.Find(name ?? string.Empty)
                ?? throw Guard.Fail(ErrorCodes.WebhookEventTypesInvalid, $"'{Shorten(name)}' is not an event type of the catalogue.");
            Guard.That(MaySubscribe(owner, type), ErrorCodes.WebhookEventTypesInvalid, $"'{name}' is a partner event: the vendor's subscriptions receive only application.submitted, application.overdue and voucher.issued (Type I).");
        }

        Guard.That(names.Distinct(StringComparer.Ordinal).Count() == names.Length, ErrorCodes.WebhookEventTypesInvalid, "An event type is listed twice.");
        return names;
    }

    private static string CheckDescription(string? description) => Text.TextFields.WebhookDescription.Optional(description) ?? string.Empty;

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 60 ? text : text[..60] + "…";
}
