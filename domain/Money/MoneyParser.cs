namespace VoucherFunctions.Domain.Money;

using VoucherFunctions.Domain.Errors;

/// <summary>
/// Reads a decimal string or the raw text of a JSON number into exact minor units, digit by digit.
/// Grammar: <c>-? digits ( . digits )? ( [eE] [+-]? digits )?</c>. No whitespace, no thousands
/// separators, no leading '+', no culture: one spelling means one amount everywhere.
/// </summary>
public static class MoneyParser
{
    public static Money Parse(string? amount, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (string.IsNullOrEmpty(amount))
        {
            throw Malformed(amount);
        }

        var i = 0;
        var negative = false;
        if (amount[i] == '-')
        {
            negative = true;
            i++;
        }

        var integerStart = i;
        while (i < amount.Length && char.IsAsciiDigit(amount[i]))
        {
            i++;
        }

        var integerDigits = amount[integerStart..i];
        if (integerDigits.Length == 0)
        {
            throw Malformed(amount);
        }

        var fractionDigits = string.Empty;
        if (i < amount.Length && amount[i] == '.')
        {
            i++;
            var fractionStart = i;
            while (i < amount.Length && char.IsAsciiDigit(amount[i]))
            {
                i++;
            }

            fractionDigits = amount[fractionStart..i];
            if (fractionDigits.Length == 0)
            {
                throw Malformed(amount);
            }
        }

        long exponent = 0;
        if (i < amount.Length && amount[i] is 'e' or 'E')
        {
            i++;
            var exponentNegative = false;
            if (i < amount.Length && amount[i] is '+' or '-')
            {
                exponentNegative = amount[i] == '-';
                i++;
            }

            var exponentStart = i;
            while (i < amount.Length && char.IsAsciiDigit(amount[i]))
            {
                // Cap the exponent: anything this large overflows or has too many fraction digits anyway.
                exponent = Math.Min(exponent * 10 + (amount[i] - '0'), 1_000_000);
                i++;
            }

            if (i == exponentStart)
            {
                throw Malformed(amount);
            }

            exponent = exponentNegative ? -exponent : exponent;
        }

        if (i != amount.Length)
        {
            throw Malformed(amount);
        }

        // The literal is mantissa * 10^-scale, with mantissa = integer digits followed by fraction digits.
        var scale = fractionDigits.Length - exponent;
        if (scale > Money.Scale)
        {
            throw new DomainException(
                ErrorCodes.MoneyTooManyFractionDigits,
                $"'{amount}' has more than {Money.Scale} fraction digits; the billing precision is 10^-{Money.Scale}.");
        }

        var mantissa = integerDigits + fractionDigits;
        var zerosToAppend = Money.Scale - scale;
        long minorUnits = 0;
        try
        {
            // Accumulate as a negative number so long.MinValue is reachable, then flip the sign.
            foreach (var digit in mantissa)
            {
                minorUnits = checked((minorUnits * 10) - (digit - '0'));
            }

            if (minorUnits != 0)
            {
                for (var z = 0L; z < zerosToAppend; z++)
                {
                    minorUnits = checked(minorUnits * 10);
                }
            }

            if (!negative)
            {
                minorUnits = checked(-minorUnits);
            }
        }
        catch (OverflowException)
        {
            throw new DomainException(ErrorCodes.MoneyOverflow, $"'{amount}' is too large to represent exactly.");
        }

        return Money.FromMinorUnits(minorUnits, currency);
    }

    private static DomainException Malformed(string? amount) =>
        new(ErrorCodes.MoneyMalformed, $"'{amount}' is not a decimal amount (expected digits with an optional '.' and up to {Money.Scale} fraction digits).");
}
