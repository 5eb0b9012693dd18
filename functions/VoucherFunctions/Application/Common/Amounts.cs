namespace VoucherFunctions.Application.Common;

/// <summary>Amount text as sent by the caller (string or JSON number), parsed exactly by the domain.</summary>
public static class Amounts
{
    public static Domain.Money.Money Parse(string? text, Domain.Money.Currency currency, string field) =>
        Require.Valid(() => Domain.Money.Money.ParsePositive(Require.Text(text, field), currency), field);

    public static Domain.Money.Currency Currency(string? code, string field) =>
        Require.Valid(() => Domain.Money.Currency.Of(Require.Text(code, field)), field);
}
