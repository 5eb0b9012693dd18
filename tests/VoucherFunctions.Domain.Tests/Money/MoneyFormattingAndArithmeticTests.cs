namespace VoucherFunctions.Domain.Tests.Money;

using VoucherFunctions.Domain.Errors;
using VoucherFunctions.Domain.Money;
using VoucherFunctions.Domain.Tests.Support;

public class MoneyFormattingAndArithmeticTests
{
    private static readonly Currency Usd = Currency.USD;

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.00000001")]
    [InlineData(1_250_000_000L, "12.5")]
    [InlineData(100_000_000L, "1")]
    [InlineData(-325_000_000L, "-3.25")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void Formats_canonically(long minorUnits, string text) =>
        Assert.Equal(text, Money.FromMinorUnits(minorUnits, Usd).ToString());

    [Fact]
    public void Addition_and_subtraction_are_exact() =>
        Assert.Equal(TestMoney.Usd("0.3"), TestMoney.Usd("0.1") + TestMoney.Usd("0.2"));

    [Fact]
    public void Arithmetic_overflow_is_an_error_not_a_wrong_number()
    {
        var max = Money.FromMinorUnits(long.MaxValue, Usd);
        Expect.Code(ErrorCodes.MoneyOverflow, () => max + Money.FromMinorUnits(1, Usd));
        Expect.Code(ErrorCodes.MoneyOverflow, () => -Money.FromMinorUnits(long.MinValue, Usd));
        Expect.Code(ErrorCodes.MoneyOverflow, () => Money.FromUnits(long.MaxValue, Usd));
    }

    [Fact]
    public void Mixing_currencies_is_refused()
    {
        Expect.Code(ErrorCodes.CurrencyMismatch, () => TestMoney.Usd("1") + TestMoney.Cny("1"));
        Expect.Code(ErrorCodes.CurrencyMismatch, () => TestMoney.Usd("1") < TestMoney.Cny("1"));
    }

    [Fact]
    public void Equality_is_by_value_and_currency()
    {
        Assert.Equal(TestMoney.Usd("1.50"), TestMoney.Usd("1.5"));
        Assert.NotEqual<object>(TestMoney.Usd("1"), TestMoney.Cny("1"));
        Assert.Equal(TestMoney.Usd("1"), Money.Min(TestMoney.Usd("1"), TestMoney.Usd("2")));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDT")]
    [InlineData("U5D")]
    [InlineData("")]
    [InlineData(null)]
    public void Currency_codes_are_three_uppercase_letters(string? code) =>
        Expect.Code(ErrorCodes.CurrencyInvalid, () => Currency.Of(code));

    [Fact]
    public void Currency_equality_is_by_code() => Assert.Equal(Currency.Of("EUR"), Currency.Of("EUR"));
}
