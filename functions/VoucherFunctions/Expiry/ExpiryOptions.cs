using System.ComponentModel.DataAnnotations;

namespace VoucherFunctions.Expiry;

/// <summary>Settings of the expiry sweep (section <c>Expiry</c>), validated at start.</summary>
public sealed class ExpiryOptions
{
    public const string SectionName = "Expiry";

    /// <summary>How long before its end a voucher's <c>voucher.expiring_soon</c> is announced (once per voucher).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00", ErrorMessage = "Expiry:NoticeBefore must be between 1 hour and 90 days.")]
    public TimeSpan NoticeBefore { get; set; } = TimeSpan.FromDays(7);
}
