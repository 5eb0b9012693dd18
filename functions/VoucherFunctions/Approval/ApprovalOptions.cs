using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Approval;

/// <summary>Settings of the Type II review (section <c>Approval</c>), validated at start.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approval";

    public static readonly TimeSpan DefaultRecheckInterval = TimeSpan.FromMinutes(5);

    /// <summary>How long an undecided application waits before it expires (spec default: 30 days).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Approval:HardExpiry must be between 1 hour and 365 days.")]
    public TimeSpan HardExpiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a waiting review re-reads its stored application, so a decision whose wake-up event was lost
    /// (the durable backend dropped it, or the decider stopped before sending it) is acted on within this delay.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Approval:RecheckInterval must be between 1 second and 1 day.")]
    public TimeSpan RecheckInterval { get; set; } = DefaultRecheckInterval;
}
