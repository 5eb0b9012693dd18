namespace VoucherFunctions.Domain.Tests.Money;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Tests.Support;

public class MoneyParsingTests
{
    private static readonly Currency Usd = Currency.USD;

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 100_000_000L)]
    [InlineData("12.5", 1_250_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-3.25", -325_000_000L)]
    [InlineData("007.10", 710_000_000L)]
    [InlineData("1e2", 10_000_000_000L)]
    [InlineData("1.5E+1", 1_500_000_000L)]
    [InlineData("25e-2", 25_000_000L)]
    [InlineData("1e-8", 1L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775808", long.MinValue)]
    public void Parses_decimal_strings_and_json_numbers_exactly(string text, long minorUnits) =>
        Assert.Equal(minorUnits, Money.Parse(text, Usd).MinorUnits);

    [Theory]
    [InlineData("0.000000001")]
    [InlineData("1.123456789")]
    [InlineData("1e-9")]
    [InlineData("0.1e-8")]
    public void More_than_eight_fraction_digits_is_refused(string text) =>
        Expect.Code(ErrorCodes.MoneyTooManyFractionDigits, () => Money.Parse(text, Usd));

    [Theory]
    [InlineData("92233720368.54775808")]
    [InlineData("-92233720368.54775809")]
    [InlineData("1e12")]
    [InlineData("99999999999999999999999999")]
    [InlineData("1e999999999999")]
    public void Overflow_is_refused(string text) =>
        Expect.Code(ErrorCodes.MoneyOverflow, () => Money.Parse(text, Usd));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("١٢")]
    public void Malformed_text_is_refused(string? text) =>
        Expect.Code(ErrorCodes.MoneyMalformed, () => Money.Parse(text, Usd));

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("0.00000000")]
    public void Zero_or_negative_is_refused_where_positive_is_required(string text) =>
        Expect.Code(ErrorCodes.MoneyNotPositive, () => Money.ParsePositive(text, Usd));

    [Fact]
    public void ParsePositive_accepts_the_smallest_unit() =>
        Assert.Equal(1L, Money.ParsePositive("0.00000001", Usd).MinorUnits);

    [Fact]
    public void TryParse_reports_failure_without_throwing()
    {
        Assert.False(Money.TryParse("1.000000001", Usd, out var none));
        Assert.Null(none);
        Assert.True(Money.TryParse("2", Usd, out var two));
        Assert.Equal(Money.FromUnits(2, Usd), two);
    }
}
