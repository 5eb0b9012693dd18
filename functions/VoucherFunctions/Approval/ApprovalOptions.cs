using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Approval;

/// <summary>Settings of the Type II review (section <c>Approval</c>), validated at start.</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approval";

    /// <summary>How long an undecided application waits before it expires (spec default: 30 days).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Approval:HardExpiry must be between 1 hour and 365 days.")]
    public TimeSpan HardExpiry { get; set; } = TimeSpan.FromDays(30);
}
