using System.ComponentModel.DataAnnotations;
using VoucherFunctions.Domain.Webhooks;

namespace VoucherFunctions.Webhooks;

/// <summary>Webhook delivery (section <c>Webhooks</c>), validated at start.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>How long a delivery is retried before it is dead-lettered (counted from its first attempt or its redelivery).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Webhooks:RetryWindow must be between 1 second and 7 days.")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>. Whole seconds count: a queue message is delayed by whole seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Webhooks:FirstRetryDelay must be between 1 second and 1 hour.")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts, before jitter (+25%); a queue message can be delayed by at most 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "5.00:00:00", ErrorMessage = "Webhooks:MaxRetryDelay must be between 1 second and 5 days.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>An attempt succeeds when a 2xx arrives within this time (connect, send and headers).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:30", ErrorMessage = "Webhooks:AttemptTimeout must be between 1 and 30 seconds.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the previous secret keeps signing after a rotation (0: not at all).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Webhooks:SecretOverlap must be between 0 and 7 days.")]
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long fan-out keeps an owner's list of webhooks before reading it again (0: every event reads it). A change
    /// made on this instance takes effect at once; one made on another instance within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Webhooks:SubscribersCacheFor must be between 0 and 5 minutes.")]
    public TimeSpan SubscribersCacheFor { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a delivery stays in its webhook's log after its last change (creation, an attempt, a redelivery); the
    /// hourly <c>DeliveryLogSweep</c> removes older ones. A pending delivery stays while an attempt is still due.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00", ErrorMessage = "Webhooks:DeliveryRetention must be between 1 day and 365 days.")]
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Allows http:// endpoints. Never in Azure; the local host allows them for test receivers.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Allows endpoints on loopback addresses (127.0.0.0/8, ::1). The local host allows them for test receivers.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allows endpoints on private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), e.g. a receiver inside the app's VNet.</summary>
    public bool AllowPrivateNetworks { get; set; }

    public RetrySchedule Schedule => new(FirstRetryDelay, MaxRetryDelay, RetryWindow);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult("Webhooks:MaxRetryDelay must not be shorter than Webhooks:FirstRetryDelay.", [nameof(MaxRetryDelay)]);
        }

        // WEBSITE_INSTANCE_ID is set on every App Service / Functions instance in Azure.
        if (AllowHttp && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID")))
        {
            yield return new ValidationResult("Webhooks:AllowHttp is for local runs only: in Azure webhooks are delivered over https.", [nameof(AllowHttp)]);
        }
    }
}
