namespace VoucherFunctions.Domain.Templates;

using VoucherFunctions.Domain.Errors;

public enum ValidityKind
{
    /// <summary>A number of days from the moment the voucher takes effect.</summary>
    DaysFromEffect,

    /// <summary>A fixed end instant, whatever the effect time.</summary>
    AbsoluteEnd,
}

/// <summary>How long a voucher issued from a template stays usable.</summary>
public sealed record Validity
{
    /// <summary>Ten years: longer validities are almost certainly a typo and would outlive any contract.</summary>
    public const int MaxDays = 3650;

    private Validity(ValidityKind kind, int? days, DateTimeOffset? end)
    {
        Kind = kind;
        Days = days;
        End = end;
    }

    public ValidityKind Kind { get; }

    /// <summary>Set for <see cref="ValidityKind.DaysFromEffect"/>.</summary>
    public int? Days { get; }

    /// <summary>Set for <see cref="ValidityKind.AbsoluteEnd"/>, in UTC.</summary>
    public DateTimeOffset? End { get; }

    public static Validity DaysFromEffect(int days)
    {
        Guard.That(days is >= 1 and <= MaxDays, ErrorCodes.ValidityInvalid, $"Validity must be between 1 and {MaxDays} days (got {days}).");
        return new Validity(ValidityKind.DaysFromEffect, days, null);
    }

    public static Validity AbsoluteEnd(DateTimeOffset end) => new(ValidityKind.AbsoluteEnd, null, end.ToUniversalTime());

    /// <summary>
    /// The expiry of a voucher taking effect at <paramref name="effectiveFrom"/>. The voucher is usable
    /// while effectiveFrom &lt;= t &lt; expiry. Refuses an absolute end that is not after the effect time,
    /// since such a voucher could never be used.
    /// </summary>
    public DateTimeOffset ExpiryFor(DateTimeOffset effectiveFrom)
    {
        var from = effectiveFrom.ToUniversalTime();
        var expiry = Kind == ValidityKind.DaysFromEffect ? from.AddDays(Days!.Value) : End!.Value;
        Guard.That(expiry > from, ErrorCodes.ValidityAlreadyEnded, $"The validity ends at {expiry:O}, not after the effect time {from:O}.");
        return expiry;
    }

    public override string ToString() => Kind == ValidityKind.DaysFromEffect ? $"{Days} days from effect" : $"until {End:O}";
}
