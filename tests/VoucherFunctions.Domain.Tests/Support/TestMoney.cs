namespace VoucherFunctions.Domain.Tests.Support;

using VoucherFunctions.Domain.Money;

/// <summary>Short money literals for tests: <c>Usd("12.5")</c>.</summary>
internal static class TestMoney
{
    public static Currency UsdCurrency => Currency.USD;

    public static Money Usd(string amount) => Money.Parse(amount, Currency.USD);

    public static Money Cny(string amount) => Money.Parse(amount, Currency.Of("CNY"));
}
