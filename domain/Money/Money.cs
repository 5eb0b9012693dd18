namespace VoucherFunctions.Domain.Money;

// Note for code inside VoucherFunctions.Domain.*: the namespace VoucherFunctions.Domain.Money hides
// the type Money for lookups that start below VoucherFunctions.Domain, so domain files put their
// using directives after the file-scoped namespace line (where they are searched first).
using VoucherFunctions.Domain.Errors;

/// <summary>
/// An exact amount of one currency, stored as a whole number of 10^-8 units (the vendor's billing
/// precision). There is no floating point anywhere: amounts are parsed digit by digit and all
/// arithmetic is checked Int64 arithmetic, so an overflow is an error, never a wrong number.
/// </summary>
public sealed record Money : IComparable<Money>
{
    /// <summary>Number of decimal places the vendor bills with.</summary>
    public const int Scale = 8;

    /// <summary>10^<see cref="Scale"/>: minor units in one whole unit.</summary>
    public const long MinorUnitsPerUnit = 100_000_000;

    private Money(long minorUnits, Currency currency)
    {
        MinorUnits = minorUnits;
        Currency = currency;
    }

    /// <summary>The amount in 10^-8 units of <see cref="Currency"/>.</summary>
    public long MinorUnits { get; }

    public Currency Currency { get; }

    public bool IsZero => MinorUnits == 0;

    public bool IsPositive => MinorUnits > 0;

    public bool IsNegative => MinorUnits < 0;

    public static Money Zero(Currency currency) => new(0, currency ?? throw new ArgumentNullException(nameof(currency)));

    public static Money FromMinorUnits(long minorUnits, Currency currency) =>
        new(minorUnits, currency ?? throw new ArgumentNullException(nameof(currency)));

    /// <summary>Whole units, e.g. <c>Money.FromUnits(100, usd)</c> is 100.00000000 USD.</summary>
    public static Money FromUnits(long units, Currency currency) =>
        FromMinorUnits(Checked(() => checked(units * MinorUnitsPerUnit)), currency);

    /// <summary>
    /// Parses a decimal string or the raw text of a JSON number ("12.5", "-3", "1e2", "0.00000001").
    /// At most 8 fraction digits (counted after applying any exponent); zero and negative values are
    /// allowed here; use <see cref="ParsePositive"/> where the rules require a positive amount.
    /// </summary>
    public static Money Parse(string? amount, Currency currency) => MoneyParser.Parse(amount, currency);

    /// <summary>Like <see cref="Parse"/> but refuses zero and negative amounts (<see cref="ErrorCodes.MoneyNotPositive"/>).</summary>
    public static Money ParsePositive(string? amount, Currency currency) => Parse(amount, currency).EnsurePositive();

    public static bool TryParse(string? amount, Currency currency, out Money? money)
    {
        try
        {
            money = Parse(amount, currency);
            return true;
        }
        catch (DomainException)
        {
            money = null;
            return false;
        }
    }

    public Money EnsurePositive(string what = "amount")
    {
        Guard.That(IsPositive, ErrorCodes.MoneyNotPositive, $"The {what} must be greater than zero (got {this} {Currency}).");
        return this;
    }

    public Money EnsureNotNegative(string what = "amount")
    {
        Guard.That(!IsNegative, ErrorCodes.MoneyNegative, $"The {what} must not be negative (got {this} {Currency}).");
        return this;
    }

    public Money EnsureCurrency(Currency currency, string what = "amount")
    {
        Guard.That(Currency == currency, ErrorCodes.CurrencyMismatch, $"The {what} is in {Currency} but {currency} is required.");
        return this;
    }

    public static Money operator +(Money left, Money right)
    {
        SameCurrency(left, right);
        return new Money(Checked(() => checked(left.MinorUnits + right.MinorUnits)), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        SameCurrency(left, right);
        return new Money(Checked(() => checked(left.MinorUnits - right.MinorUnits)), left.Currency);
    }

    public static Money operator -(Money value) => new(Checked(() => checked(-value.MinorUnits)), value.Currency);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public int CompareTo(Money? other)
    {
        ArgumentNullException.ThrowIfNull(other);
        SameCurrency(this, other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    /// <summary>Canonical decimal text without the currency: "12.5", "0.00000001", "-3", "0".</summary>
    public override string ToString() => MoneyFormatter.Format(MinorUnits);

    private static void SameCurrency(Money left, Money right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Guard.That(left.Currency == right.Currency, ErrorCodes.CurrencyMismatch, $"Cannot combine {left.Currency} and {right.Currency}.");
    }

    private static long Checked(Func<long> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw new DomainException(ErrorCodes.MoneyOverflow, "The amount is outside the range that can be represented exactly.");
        }
    }
}
