namespace VoucherFunctions.Domain.Distribution;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Ids;
using VoucherFunctions.Domain.Money;

/// <summary>
/// A distributor's voucher quota for one second-level reseller: the total face value of customer
/// vouchers the reseller may have outstanding. Allocation (positive) and reclaim (negative) take
/// effect at once but never push the total below what is already issued. Issuing takes quota; a
/// withdrawal gives the withdrawn voucher's amount back (and decrements the issued count).
/// </summary>
public sealed record QuotaPool
{
    public required string DistributorId { get; init; }

    public required string ResellerId { get; init; }

    public required Money Total { get; init; }

    /// <summary>Face value of the vouchers currently counted against the pool.</summary>
    public required Money Issued { get; init; }

    public required int IssuedCount { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public Money Remaining => Total - Issued;

    public static QuotaPool Create(string distributorId, string resellerId, Currency currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Ids.Validate(distributorId, "distributor id");
        Ids.Validate(resellerId, "reseller id");
        Guard.That(distributorId != resellerId, ErrorCodes.QuotaInvalid, "A distributor cannot hold a quota pool for itself.");
        return new QuotaPool
        {
            DistributorId = distributorId,
            ResellerId = resellerId,
            Total = Money.Zero(currency),
            Issued = Money.Zero(currency),
            IssuedCount = 0,
            UpdatedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>Allocates (positive <paramref name="delta"/>) or reclaims (negative) quota.</summary>
    public QuotaPool Adjust(Money delta, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delta);
        delta.EnsureCurrency(Total.Currency, "quota adjustment");
        Guard.That(!delta.IsZero, ErrorCodes.QuotaInvalid, "A quota adjustment must not be zero.");
        var total = Total + delta;
        Guard.That(total >= Issued, ErrorCodes.QuotaBelowIssued, $"Reclaiming {-delta} would leave {total}, below the {Issued} already issued.");
        return this with { Total = total, UpdatedAt = now.ToUniversalTime() };
    }

    /// <summary>Takes quota for one issued voucher of face value <paramref name="amount"/>.</summary>
    public QuotaPool Take(Money amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(amount);
        amount.EnsureCurrency(Total.Currency).EnsurePositive();
        Guard.That(amount <= Remaining, ErrorCodes.QuotaInsufficient, $"The quota has {Remaining} left, less than {amount}.");
        return this with { Issued = Issued + amount, IssuedCount = checked(IssuedCount + 1), UpdatedAt = now.ToUniversalTime() };
    }

    /// <summary>Gives back the quota of one withdrawn voucher of face value <paramref name="amount"/>.</summary>
    public QuotaPool Return(Money amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(amount);
        amount.EnsureCurrency(Total.Currency).EnsurePositive();
        Guard.That(amount <= Issued && IssuedCount > 0, ErrorCodes.QuotaInvalid, $"Cannot return {amount}: only {Issued} is issued.");
        return this with { Issued = Issued - amount, IssuedCount = IssuedCount - 1, UpdatedAt = now.ToUniversalTime() };
    }
}
