namespace VoucherFunctions.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: an attempt is due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx in time.</summary>
    Succeeded,

    /// <summary>Every attempt of the retry window failed; the delivery went to the dead-letter queue.</summary>
    DeadLettered,
}

/// <summary>One attempt: when it started, how long it took, the HTTP status (null when no answer came) or why it failed, and the start of the answer.</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error, string? ResponseExcerpt)
{
    public bool Succeeded => StatusCode is >= 200 and < 300 && Error is null;
}

/// <summary>
/// One event on its way to one webhook, with every attempt made. Its id derives from the webhook and the event,
/// so the same event (a redelivered queue message, a repeated dispatch) never makes a second delivery.
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>Attempts kept in the log; older ones are dropped (the count stays in <see cref="AttemptCount"/>).</summary>
    public const int MaxLoggedAttempts = 50;

    public required string DeliveryId { get; init; }

    public required WebhookOwner Owner { get; init; }

    public required string WebhookId { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The CloudEvent exactly as it is sent (structured JSON).</summary>
    public required string Event { get; init; }

    public required WebhookDeliveryStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the current run of attempts began (creation, or the last redelivery): the retry window counts from here.</summary>
    public required DateTimeOffset WindowStartedAt { get; init; }

    public required int AttemptCount { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>An attempt is being sent until this time (a claim, so two copies of one queue message never both send).</summary>
    public DateTimeOffset? SendingUntil { get; init; }

    public required IReadOnlyList<WebhookAttempt> Attempts { get; init; }

    public DateTimeOffset? SucceededAt { get; init; }

    public DateTimeOffset? DeadLetteredAt { get; init; }

    /// <summary>The Idempotency-Key of the last redelivery, so its repeat does not send again.</summary>
    public string? LastRedeliveryKey { get; init; }

    public static WebhookDelivery New(string deliveryId, WebhookOwner owner, string webhookId, string eventId, string eventType, string cloudEvent, DateTimeOffset now) => new()
    {
        DeliveryId = deliveryId,
        Owner = owner,
        WebhookId = webhookId,
        EventId = eventId,
        EventType = eventType,
        Event = cloudEvent,
        Status = WebhookDeliveryStatus.Pending,
        CreatedAt = now,
        WindowStartedAt = now,
        AttemptCount = 0,
        NextAttemptAt = now,
        Attempts = [],
    };

    public WebhookDelivery Claim(DateTimeOffset now, TimeSpan hold) => this with { SendingUntil = now + hold };

    /// <summary>Records a 2xx: delivered, nothing more is sent.</summary>
    public WebhookDelivery RecordSuccess(WebhookAttempt attempt) => Record(attempt) with
    {
        Status = WebhookDeliveryStatus.Succeeded,
        SucceededAt = attempt.StartedAt,
        NextAttemptAt = null,
    };

    /// <summary>Records a failed attempt and the next one's time.</summary>
    public WebhookDelivery RecordRetry(WebhookAttempt attempt, DateTimeOffset nextAttemptAt) => Record(attempt) with { NextAttemptAt = nextAttemptAt };

    /// <summary>Records the last failed attempt of the window: dead-lettered.</summary>
    public WebhookDelivery RecordDeadLetter(WebhookAttempt attempt, DateTimeOffset now) => Record(attempt) with
    {
        Status = WebhookDeliveryStatus.DeadLettered,
        DeadLetteredAt = now,
        NextAttemptAt = null,
    };

    /// <summary>Starts a new run of attempts now (a new retry window), whatever the delivery's state; the log is kept.</summary>
    public WebhookDelivery Redeliver(string redeliveryKey, DateTimeOffset now) => this with
    {
        Status = WebhookDeliveryStatus.Pending,
        WindowStartedAt = now,
        NextAttemptAt = now,
        SendingUntil = null,
        DeadLetteredAt = null,
        LastRedeliveryKey = redeliveryKey,
    };

    private WebhookDelivery Record(WebhookAttempt attempt) => this with
    {
        AttemptCount = AttemptCount + 1,
        SendingUntil = null,
        Attempts = Attempts.Append(attempt).TakeLast(MaxLoggedAttempts).ToArray(),
    };
}

/// <summary>How an endpoint has been doing: a dead-lettered delivery marks it failing, the next success heals it.</summary>
public sealed record WebhookHealth(bool Failing, int ConsecutiveFailures, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, DateTimeOffset? FailingSince)
{
    public static WebhookHealth New { get; } = new(false, 0, null, null, null);

    public WebhookHealth Succeeded(DateTimeOffset at) => new(false, 0, at, LastFailureAt, null);

    public WebhookHealth AttemptFailed(DateTimeOffset at) => this with { ConsecutiveFailures = ConsecutiveFailures + 1, LastFailureAt = at };

    public WebhookHealth DeadLettered(DateTimeOffset at) => this with { Failing = true, FailingSince = FailingSince ?? at };
}
