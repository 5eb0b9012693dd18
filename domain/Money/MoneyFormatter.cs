namespace VoucherFunctions.Domain.Money;

using System.Globalization;

/// <summary>Formats minor units as the canonical decimal string that <see cref="MoneyParser"/> reads back exactly.</summary>
internal static class MoneyFormatter
{
    public static string Format(long minorUnits)
    {
        // Work on the magnitude as ulong so long.MinValue has a magnitude too.
        var negative = minorUnits < 0;
        var magnitude = negative ? (ulong)(-(minorUnits + 1)) + 1UL : (ulong)minorUnits;
        var units = magnitude / (ulong)Money.MinorUnitsPerUnit;
        var fraction = magnitude % (ulong)Money.MinorUnitsPerUnit;

        var text = units.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            text += "." + fraction.ToString("D8", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return negative ? "-" + text : text;
    }
}
