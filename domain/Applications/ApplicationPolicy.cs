namespace VoucherFunctions.Domain.Applications;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Time;
using VoucherFunctions.Domain.Vouchers;

/// <summary>The timing and size rules of Type II applications.</summary>
public static class ApplicationPolicy
{
    /// <summary>The vendor promises a decision in 1–3 business days; after 3 the application is overdue.</summary>
    public const int ReviewSlaBusinessDays = 3;

    /// <summary>At most this many customer UINs in one application (organization mode).</summary>
    public const int MaxCustomers = 100;

    /// <summary>Default wait before an undecided application expires; configurable by the host.</summary>
    public static readonly TimeSpan DefaultHardExpiry = TimeSpan.FromDays(30);

    /// <summary>When a still-pending application becomes overdue.</summary>
    public static DateTimeOffset OverdueAt(DateTimeOffset submittedAt) => BusinessDays.AddBusinessDays(submittedAt, ReviewSlaBusinessDays);

    /// <summary>When a still-pending application expires.</summary>
    public static DateTimeOffset HardExpiryAt(DateTimeOffset submittedAt, TimeSpan? hardExpiry = null) =>
        submittedAt.ToUniversalTime() + (hardExpiry ?? DefaultHardExpiry);

    /// <summary>
    /// Second-level resellers issue only customer-discount vouchers; product-trial vouchers for their
    /// customers are applied for by their distributor (passing the reseller as second-level reseller).
    /// </summary>
    public static void EnsureMayApply(PartnerTier applicant, string? secondLevelResellerId = null)
    {
        Guard.That(applicant != PartnerTier.SecondLevelReseller, ErrorCodes.IssuanceNotAllowed, "A second-level reseller cannot apply for partner vouchers; its distributor applies for them.");
        Guard.That(secondLevelResellerId is null || applicant == PartnerTier.Distributor, ErrorCodes.IssuanceNotAllowed, "Only a distributor applies on behalf of a second-level reseller's customers.");
    }
}
