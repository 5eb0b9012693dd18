namespace VoucherFunctions.Domain.Tests.Money;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VoucherFunctions.Domain.Money;

public class MoneyProperties
{
    [Property(MaxTest = 1000)]
    public bool Any_amount_round_trips_through_formatting_and_parsing(long minorUnits)
    {
        var money = Money.FromMinorUnits(minorUnits, Currency.USD);
        return Money.Parse(money.ToString(), Currency.USD) == money;
    }

    [Property(MaxTest = 500)]
    public Property Extreme_amounts_round_trip()
    {
        var extremes = Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue, 99_999_999L, 100_000_000L);
        return Prop.ForAll(extremes.ToArbitrary(), m => Money.Parse(Money.FromMinorUnits(m, Currency.USD).ToString(), Currency.USD).MinorUnits == m);
    }

    [Property(MaxTest = 500)]
    public bool Any_text_of_up_to_eight_fraction_digits_parses_to_its_value(uint units, uint fraction, byte digits)
    {
        var scale = digits % 9; // 0..8 fraction digits
        var max = Pow10(scale);
        var frac = scale == 0 ? 0 : fraction % max;
        var text = scale == 0 ? units.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{units}.{frac.ToString("D" + scale, System.Globalization.CultureInfo.InvariantCulture)}";
        var expected = (units * Money.MinorUnitsPerUnit) + (frac * Pow10(8 - scale));
        return Money.Parse(text, Currency.USD).MinorUnits == expected;
    }

    private static long Pow10(int n)
    {
        var p = 1L;
        for (var i = 0; i < n; i++)
        {
            p *= 10;
        }

        return p;
    }
}
